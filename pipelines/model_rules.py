"""Which model entries a business may use, checked when settings are saved and again before each call.

An own model without an api_base goes wherever litellm's provider default points. That is
safe only for hosted providers whose default is their public API: `ollama/...` would call
localhost:11434, `vllm/...` and the like a local server. An own api_base is called through
Salesboy's guarded client, which speaks the OpenAI protocol, so such entries are `openai/...`.
"""

from __future__ import annotations

from collections.abc import Collection

from schemas.messages import OPERATOR_PREFIX, ModelSpec

# litellm provider names (litellm.provider_list) whose default endpoint is the provider's public API.
HOSTED_PROVIDERS = ("openai", "anthropic", "gemini", "mistral", "groq", "cohere", "cohere_chat", "deepseek",
                    "openrouter", "together_ai", "xai", "fireworks_ai", "perplexity")
OPENAI_COMPATIBLE = "openai"


def model_problem(spec: ModelSpec, operator_models: Collection[str]) -> str | None:
    """Why a business may not use this entry (a message for the business), or None."""
    name = spec.operator_name
    if name is not None:
        return None if name in operator_models else _no_such_operator_model(name, operator_models)
    if spec.provider is None:
        return f"write the provider first, e.g. openai/{spec.model}, or pick an operator model ({OPERATOR_PREFIX}…)"
    if spec.api_base and spec.provider != OPENAI_COMPATIBLE:
        return ("a model on your own server must be OpenAI-compatible: write it as "
                f"{OPENAI_COMPATIBLE}/<model name> with its api_base")
    if not spec.api_base and spec.provider not in HOSTED_PROVIDERS:
        return (f"{spec.provider}/… models need the api_base of your own OpenAI-compatible server (as openai/…); "
                f"without one, use a hosted provider ({', '.join(HOSTED_PROVIDERS)}) or an operator model")
    return None


def _no_such_operator_model(name: str, operator_models: Collection[str]) -> str:
    offered = ", ".join(f"{OPERATOR_PREFIX}{n}" for n in operator_models) or "none are set up"
    return f"there is no operator model named {name!r} (available: {offered})"
