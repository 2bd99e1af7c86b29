"""A customer message is embedded once: intent.classify and rag.respond share its vector.

The two stages run as separate jobs, often in different worker processes, so the vector is kept in
Redis (not in the job: payloads stay ids only) for a few minutes, keyed by the embedding model and
a hash of the exact text, as float32 bytes (what the models produce, so nothing is lost).
"""

from __future__ import annotations

import hashlib
import logging
from typing import cast

import numpy as np
import redis

from services.adapters.metrics import process_metrics
from services.adapters.ports import Embedder

log = logging.getLogger(__name__)

PREFIX = "salesboy:query-vector:"
# Long enough for classify -> respond under a backlog (the debounce countdown comes before classify).
TTL_SECONDS = 300


def cache_key(model_name: str, text: str) -> str:
    return PREFIX + hashlib.sha256(f"{model_name}\0{text}".encode()).hexdigest()


class SharedQueryVectors:
    """The Embedder port for the message stages. One text at a time (a message, a search text) is
    looked up first; batches (sentence candidates, examples) go straight to the model, as they are
    not asked for twice."""

    def __init__(self, inner: Embedder, client: redis.Redis, ttl_seconds: int = TTL_SECONDS) -> None:
        self._inner = inner
        self._redis = client
        self._ttl = ttl_seconds

    @property
    def model_name(self) -> str:
        return self._inner.model_name

    @property
    def dimensions(self) -> int:
        return self._inner.dimensions

    @property
    def max_tokens(self) -> int:
        return self._inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self._inner.count_tokens(text)

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return self._inner.count_tokens_many(texts)

    def embed(self, texts: list[str]) -> list[list[float]]:
        if len(texts) != 1:
            return self._inner.embed(texts)
        key = cache_key(self.model_name, texts[0])
        metrics = process_metrics()
        try:
            stored = self._redis.get(key)
        except redis.RedisError as exc:
            # The cache only saves work: without Redis the message is embedded again, as before it existed.
            log.warning("query vector cache unavailable", extra={"error": f"{type(exc).__name__}: {exc}"})
            stored = None
        if stored:
            metrics.query_vectors.labels("hit").inc()
            # The client answers bytes (no decode_responses): the vector was stored as raw float32.
            return [np.frombuffer(cast(bytes, stored), dtype=np.float32).tolist()]
        vectors = self._inner.embed(texts)
        metrics.query_vectors.labels("computed").inc()
        try:
            self._redis.set(key, np.asarray(vectors[0], dtype=np.float32).tobytes(), ex=self._ttl)
        except redis.RedisError as exc:
            log.warning("query vector not cached", extra={"error": f"{type(exc).__name__}: {exc}"})
        return vectors
