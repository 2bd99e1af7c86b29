"""A customer message is embedded once: intent.classify and rag.respond share its vector.

The two stages may run as separate jobs, in different worker processes, so the vector is kept in
Redis (not in the job: payloads stay ids only) for a few minutes, keyed by the embedding model and
a hash of the exact text, as float32 bytes (what the models produce, so nothing is lost). When
rag.respond runs right after intent.classify in the same task, it finds the vector in the process
(the last few dozen message texts are kept there too) without asking Redis.

Batches are the candidate sentences of the passages a question retrieved (and its unknown words).
A shop's popular passages answer question after question, so their sentences come back again and
again: each process keeps the last few thousand such vectors (float32, ~1.5 KiB each) and embeds
only the texts it has not seen. Without it the batch cost more than the message's own encode.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from typing import cast

import numpy as np
import redis

from services.adapters.metrics import process_metrics
from services.adapters.ports import Embedder

log = logging.getLogger(__name__)

PREFIX = "salesboy:query-vector:"
# Long enough for classify -> respond under a backlog (the debounce countdown comes before classify).
TTL_SECONDS = 300
RECENT_TEXTS = 2048  # per process: ~3 MiB of float32 vectors
RECENT_MESSAGES = 64  # single texts kept in the process too: the stage run right after in the same task reads here


def cache_key(model_name: str, text: str) -> str:
    return PREFIX + hashlib.sha256(f"{model_name}\0{text}".encode()).hexdigest()


class SharedQueryVectors:
    """The Embedder port for the message stages. One text at a time (a message, a search text) is
    looked up first; batches (sentence candidates, examples) go straight to the model, as they are
    asked for twice by the same message; their texts are kept in this process, most recent first."""

    def __init__(
        self, inner: Embedder, client: redis.Redis, ttl_seconds: int = TTL_SECONDS, recent_texts: int = RECENT_TEXTS
    ) -> None:
        self._inner = inner
        self._redis = client
        self._ttl = ttl_seconds
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._recent_max = recent_texts
        self._messages: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

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
            return self._batch(texts)
        key = cache_key(self.model_name, texts[0])
        metrics = process_metrics()
        with self._lock:
            kept = self._messages.get(key)
            if kept is not None:
                self._messages.move_to_end(key)
        if kept is not None:  # this process embedded or fetched it moments ago (intent.classify, then rag.respond)
            metrics.query_vectors.labels("hit").inc()
            return [kept.tolist()]
        try:
            stored = self._redis.get(key)
        except redis.RedisError as exc:
            # The cache only saves work: without Redis the message is embedded again, as before it existed.
            log.warning("query vector cache unavailable", extra={"error": f"{type(exc).__name__}: {exc}"})
            stored = None
        if stored:
            metrics.query_vectors.labels("hit").inc()
            # The client answers bytes (no decode_responses): the vector was stored as raw float32.
            vector = np.frombuffer(cast(bytes, stored), dtype=np.float32)
            self._keep(key, vector)
            return [vector.tolist()]
        vectors = self._inner.embed(texts)
        metrics.query_vectors.labels("computed").inc()
        vector = np.asarray(vectors[0], dtype=np.float32)
        try:
            self._redis.set(key, vector.tobytes(), ex=self._ttl)
        except redis.RedisError as exc:
            log.warning("query vector not cached", extra={"error": f"{type(exc).__name__}: {exc}"})
        self._keep(key, vector)
        return vectors

    def _keep(self, key: str, vector: np.ndarray) -> None:
        with self._lock:
            self._messages[key] = vector
            while len(self._messages) > RECENT_MESSAGES:
                self._messages.popitem(last=False)

    def _batch(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            for text in known:
                self._recent.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            computed = np.asarray(self._inner.embed(missing), dtype=np.float32)
            with self._lock:
                for text, vector in zip(missing, computed, strict=True):
                    known[text] = self._recent[text] = vector
                while len(self._recent) > self._recent_max:
                    self._recent.popitem(last=False)
        process_metrics().passage_vectors.labels("hit").inc(len(texts) - len(missing))
        process_metrics().passage_vectors.labels("computed").inc(len(missing))
        return [known[t].tolist() for t in texts]
