"""Language models through litellm, tried in the tenant's order until one answers.

Each attempt has its own timeout and an explicit retry count (litellm's clients
otherwise retry on their own), and every attempt is recorded for the trace, so
an owner can see which model answered and which ones failed first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from schemas.messages import ModelSpec
from services.litellm_setup import load_litellm


class AllModelsFailedError(RuntimeError):
    def __init__(self, attempts: list[dict]) -> None:
        super().__init__("; ".join(f"{a['model']}: {a['error']}" for a in attempts) or "no model configured")
        self.attempts = attempts


@dataclass
class Completion:
    text: str
    model: str
    attempts: list[dict] = field(default_factory=list)  # the failures before the answer


class LiteLLMChat:
    def __init__(self, *, timeout: float = 20.0, retries: int = 1) -> None:
        self._timeout = timeout
        self._retries = retries

    def complete(self, models: list[ModelSpec], messages: list[dict], *, temperature: float, max_tokens: int,
                 json_mode: bool = False) -> Completion:
        litellm = load_litellm()
        attempts: list[dict] = []
        for spec in models:
            key = os.environ.get(spec.api_key_env) if spec.api_key_env else None
            if spec.api_key_env and not key:
                attempts.append({"model": spec.model, "error": f"{spec.api_key_env} is not set"})
                continue
            options = {"response_format": {"type": "json_object"}} if json_mode else {}
            try:
                response = litellm.completion(
                    model=spec.model, messages=messages, api_base=spec.api_base, api_key=key,
                    temperature=temperature, max_tokens=max_tokens, timeout=self._timeout,
                    num_retries=self._retries, max_retries=0, **options,
                )
                text = response.choices[0].message.content or ""
            except Exception as exc:  # every provider error is recorded and the next model tried
                attempts.append({"model": spec.model, "error": f"{type(exc).__name__}: {str(exc)[:300]}"})
                continue
            if not text.strip():
                attempts.append({"model": spec.model, "error": "empty answer"})
                continue
            return Completion(text=text.strip(), model=spec.model, attempts=attempts)
        raise AllModelsFailedError(attempts)
