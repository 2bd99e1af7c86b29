"""litellm, imported on first use and set up once for Salesboy's way of calling it."""

from __future__ import annotations

import functools
import logging
import os
from typing import Any

# litellm logs two INFO lines per call (and prints them again through its own handler): per-call
# chatter that costs more than a millisecond a message. Its warnings and errors still come through.
_CHATTY_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")
# Where litellm keeps registered callbacks; while all are empty nobody reads a call's cost or log payload.
_CALLBACK_LISTS = ("success_callback", "_async_success_callback", "callbacks", "service_callback")
# litellm sends OpenAI-compatible calls (openai/... models, operator and own servers) through its own httpx
# handler (llms/custom_httpx/llm_http_handler.py) instead of the openai SDK's client when this is set: the
# same provider config builds the request and reads the answer, failures go through the same mapping to
# litellm's errors (the provider's status and message), and a call costs about half the CPU (README,
# "Model calls through litellm"). LiteLLMChat hands own-server calls a litellm HTTPHandler, which only
# this path uses, so it is set, not defaulted.
BASE_HTTP_HANDLER_SWITCH = "EXPERIMENTAL_OPENAI_BASE_LLM_HTTP_HANDLER"


@functools.cache  # imported and set up once per process, not on every call
def load_litellm() -> Any:
    # litellm fetches a price map from the internet at import unless told not to.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ[BASE_HTTP_HANDLER_SWITCH] = "true"  # read by litellm on every call (main.py)
    import litellm

    # Retries belong to the task queue (backoff, a retry budget): none hidden below it. litellm 1.110's
    # OpenAI embedding path reads `max_retries or DEFAULT_MAX_RETRIES`, so a per-call 0 still meant 3 tries;
    # only the embedding paths read this default.
    litellm.DEFAULT_MAX_RETRIES = 0  # type: ignore[misc]  # a Final in litellm, overridden on purpose (above)
    # Otherwise every failure also prints a "Give Feedback / Get Help" banner to stdout.
    litellm.suppress_debug_info = True
    # Some model names make token_counter fetch a tokenizer from a model hub: never at run time.
    litellm.disable_hf_tokenizer_download = True
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    _skip_unused_bookkeeping(litellm)
    _tokenizer_on_first_use()
    return litellm


class _TokenizerOnFirstUse:
    """litellm's default tokenizer (tiktoken's cl100k_base), loaded when something first reads it."""

    def __init__(self, load: Any) -> None:
        self._load = load
        self._tokenizer: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._tokenizer is None:
            self._tokenizer = self._load()
        return getattr(self._tokenizer, name)


def _tokenizer_on_first_use() -> None:
    """litellm's httpx path hands every call its default tokenizer (main.py::_get_encoding, loaded and cached
    on the first call: +35 MiB a process), which the OpenAI config's transform_response takes and never
    reads. It is loaded the first time a provider (or a token count) actually uses it instead."""
    from litellm import main

    if "_encoding_cache" in vars(main) and main._encoding_cache is None:
        main._encoding_cache = _TokenizerOnFirstUse(main._load_module_encoding)  # type: ignore[assignment]  # a stand-in: the tokenizer on first attribute read


def _skip_unused_bookkeeping(litellm: Any) -> None:
    """Every call prices itself from litellm's cost map (about a dozen failed look-ups for a model
    the map does not know) and hands a logging payload to a background thread, about 1.7 ms of CPU
    in a call of about 5 ms here. Salesboy reads neither the cost nor litellm's callbacks (its own
    metrics and traces record each call), so both are skipped while no callback is registered."""
    try:
        from litellm.litellm_core_utils.litellm_logging import Logging
    except ImportError:  # a litellm of another layout: calls work as they are, only slower
        logging.getLogger(__name__).warning("litellm bookkeeping left on: its logging module moved")
        return
    if getattr(Logging, "_salesboy_lean", False):
        return
    price, log_success = Logging.response_cost_calculator, Logging.success_handler

    def callbacks_wanted() -> bool:
        return any(getattr(litellm, name, None) for name in _CALLBACK_LISTS)

    def response_cost_calculator(self, *args, **kwargs):
        return price(self, *args, **kwargs) if callbacks_wanted() else None

    def success_handler(self, *args, **kwargs):
        return log_success(self, *args, **kwargs) if callbacks_wanted() else None

    # Patched on the class on purpose: litellm builds a Logging per call, deep inside.
    Logging.response_cost_calculator = response_cost_calculator  # type: ignore[method-assign]
    Logging.success_handler = success_handler  # type: ignore[method-assign]
    Logging._salesboy_lean = True  # type: ignore[attr-defined]  # our marker: patched once per process
