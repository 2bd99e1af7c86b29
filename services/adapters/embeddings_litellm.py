"""Embeddings from any provider litellm speaks (OpenAI, Azure, Ollama, a local OpenAI-compatible server...)."""

from __future__ import annotations

import math
from typing import Any

from services.adapters.litellm_setup import load_litellm
from services.core.errors import PermanentError, TransientError


class LiteLLMEmbedder:
    def __init__(self, model: str, *, dimensions: int, api_base: str | None = None, api_key: str | None = None,
                 timeout: float = 30.0, max_tokens: int = 8000, batch_size: int = 64) -> None:
        if dimensions < 1 or batch_size < 1:
            raise ValueError("dimensions and batch_size must be positive")
        self.model_name = model
        self.dimensions = dimensions
        self.max_tokens = max_tokens
        self._api_base = api_base
        self._api_key = api_key
        self._timeout = timeout
        self._batch_size = batch_size

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            vectors.extend(self._embed_batch(texts[start:start + self._batch_size]))
        return vectors

    def count_tokens(self, text: str) -> int:
        litellm = load_litellm()
        try:
            return int(litellm.token_counter(model=self.model_name, text=text))
        except Exception:
            # litellm counts with the model's tokenizer, or tiktoken's cl100k_base for models it does not
            # know; it only fails when a tokenizer cannot load at all. Over-counting then is the safe side:
            # a chunk split too small still embeds, one too large is truncated by the provider.
            return len(text.encode("utf-8")) // 3 + 1

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return [self.count_tokens(text) for text in texts]

    def _embed_batch(self, batch: list[str]) -> list[list[float]]:
        litellm = load_litellm()
        try:
            response = litellm.embedding(model=self.model_name, input=batch, api_base=self._api_base,
                                         api_key=self._api_key, timeout=self._timeout, num_retries=0, max_retries=0)
        except Exception as exc:
            raise _classify(exc, litellm, self.model_name) from exc
        items = sorted(response.data, key=lambda item: _field(item, "index"))
        if len(items) != len(batch):
            raise PermanentError(f"{self.model_name} returned {len(items)} embeddings for {len(batch)} inputs")
        return [self._unit(_field(item, "embedding")) for item in items]

    def _unit(self, vector: list[float]) -> list[float]:
        if len(vector) != self.dimensions:
            raise PermanentError(
                f"{self.model_name} returns {len(vector)} dimensions but {self.dimensions} were configured; "
                "the vector index refuses to mix dimensions, so fix the configured dimensions "
                "(and re-embed) or pick a model with that many")
        norm = math.sqrt(math.fsum(v * v for v in vector))
        if norm == 0 or not math.isfinite(norm):
            raise PermanentError(f"{self.model_name} returned a zero or non-finite vector")
        return [v / norm for v in vector]


def _field(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


def _classify(exc: Exception, litellm: Any, model: str) -> Exception:
    transient = (litellm.Timeout, litellm.APIConnectionError, litellm.RateLimitError,
                 litellm.ServiceUnavailableError, litellm.InternalServerError, litellm.BadGatewayError)
    status = getattr(exc, "status_code", None)
    message = f"embedding with {model} failed: {exc}"
    if isinstance(exc, transient) or (isinstance(status, int) and (status >= 500 or status in (408, 429))):
        return TransientError(message)
    return PermanentError(message)
