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

A question's words are known before its search, but which of them the documents do not hold (the
"unknown" words the answer embeds) only after it. `prefetch` embeds the words this process has not seen
on a thread of its own while the search is out at Postgres (ONNX Runtime lets go of the GIL while it
runs), and the batch that needs them waits for them instead of embedding them again: the encode of a new
word (an order number, a product code) leaves the message's critical path. A word that turns out to be
known was embedded for nothing, once a process (it is kept with the others). In the same way
inbound.filter, having decided to answer a message classified right after it, starts its encode
(`prefetch_query`) before its own last statement and COMMIT, which intent.classify then waits for.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
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
        self._inflight: dict[str, Future[dict[str, np.ndarray]]] = {}  # text -> its prefetch, while it runs
        self._pending_messages: dict[str, Future[list[list[float]]]] = {}  # cache key -> its prefetch
        self._background: ThreadPoolExecutor | None = None
        self._background_pid = 0

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
        with self._lock:
            pending = self._pending_messages.get(key)
        if pending is not None:
            try:
                return pending.result()
            except Exception as exc:  # embedded again below: the caller gets the model's own error, if any
                log.warning("prefetched message vector failed", extra={"error": f"{type(exc).__name__}: {exc}"})
        return self._single(texts, key)

    def prefetch_query(self, text: str) -> None:
        """Start embedding one message's text on the background thread (see `prefetch`); the `embed` of it
        waits for that. Returns at once.

        Redis is not asked first: the caller has just read the message for the first time, so no process has
        shared its vector (a job handed out again embeds it once more: the same vector). The vector is shared
        through Redis after the waiting stage has it: neither round trip lies between the message and its
        vector."""
        key = cache_key(self.model_name, text)
        with self._lock:
            if key in self._messages or key in self._pending_messages:
                return
            pending: Future[list[list[float]]] = Future()
            self._pending_messages[key] = pending
            self._executor().submit(self._embed_message, text, key, pending)

    def _embed_message(self, text: str, key: str, pending: Future[list[list[float]]]) -> None:
        try:
            vectors = self._inner.embed([text])
            vector = np.asarray(vectors[0], dtype=np.float32)
        except BaseException as exc:
            with self._lock:
                self._pending_messages.pop(key, None)
            pending.set_exception(exc)
            return
        self._keep(key, vector)
        with self._lock:  # kept first: a caller finds it in one place or the other
            self._pending_messages.pop(key, None)
        pending.set_result(vectors)
        process_metrics().query_vectors.labels("computed").inc()
        self._share(key, vector)

    def _single(self, texts: list[str], key: str) -> list[list[float]]:
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
        self._share(key, vector)
        self._keep(key, vector)
        return vectors

    def _share(self, key: str, vector: np.ndarray) -> None:
        """Keep the vector in Redis for the stages another process runs for the same message."""
        try:
            self._redis.set(key, vector.tobytes(), ex=self._ttl)
        except redis.RedisError as exc:
            log.warning("query vector not cached", extra={"error": f"{type(exc).__name__}: {exc}"})

    def _keep(self, key: str, vector: np.ndarray) -> None:
        with self._lock:
            self._messages[key] = vector
            while len(self._messages) > RECENT_MESSAGES:
                self._messages.popitem(last=False)

    def prefetch(self, texts: list[str]) -> None:
        """Start embedding, on this process's background thread, the texts a batch may soon ask for and this
        process has not seen (nor is embedding already). Returns at once."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._recent and t not in self._inflight))
            if not missing:
                return
            future = self._executor().submit(self._compute, missing)
            for text in missing:
                self._inflight[text] = future

    def _executor(self) -> ThreadPoolExecutor:
        # Under the lock. A forked pool process does not inherit its parent's thread: it starts its own.
        if self._background is None or self._background_pid != os.getpid():
            self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prefetch-vectors")
            self._background_pid = os.getpid()
        return self._background

    def _compute(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Embed `texts` and keep their vectors; the prefetch's work, or a batch's own."""
        computed: dict[str, np.ndarray] = {}
        try:
            computed = dict(zip(texts, np.asarray(self._inner.embed(texts), dtype=np.float32), strict=True))
        finally:
            with self._lock:  # kept before the prefetch is let go: a batch finds them in one place or the other
                for text, vector in computed.items():
                    self._recent[text] = vector
                while len(self._recent) > self._recent_max:
                    self._recent.popitem(last=False)
                for text in texts:
                    self._inflight.pop(text, None)
        return computed

    def close(self) -> None:
        with self._lock:
            background, self._background = self._background, None
        if background is not None:
            background.shutdown(wait=True)

    def _batch(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            for text in known:
                self._recent.move_to_end(text)
            waiting = {t: self._inflight[t] for t in texts if t not in known and t in self._inflight}
        prefetched = 0
        for text, future in waiting.items():
            try:
                known[text] = future.result()[text]
                prefetched += 1
            except Exception as exc:  # embedded again below: the batch raises if the model fails for it too
                log.warning("prefetched vector failed", extra={"error": f"{type(exc).__name__}: {exc}"})
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(self._compute(missing))
        process_metrics().passage_vectors.labels("hit").inc(len(texts) - len(missing) - prefetched)
        process_metrics().passage_vectors.labels("computed").inc(len(missing) + prefetched)
        return [known[t].tolist() for t in texts]
