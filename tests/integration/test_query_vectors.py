"""A customer's message is embedded once: intent.classify computes its vector and rag.respond reuses
it through Redis, with the same reply as when every stage embeds for itself."""

from __future__ import annotations

import numpy as np
import pytest
import redis

from services.adapters.query_vectors import SharedQueryVectors, cache_key
from services.usecases import answering, bot_settings
from tests.integration.inline_messages import ask, inline_container, shop

QUESTION = "Do you deliver to Abuja?"


@pytest.fixture
def inline(settings):
    container, publisher, counting = inline_container(settings)
    yield container, publisher, counting
    container.close()


def test_a_message_is_embedded_once_and_answered_as_before(inline):
    container, publisher, counting = inline
    user = shop(container, publisher)
    container.redis.delete(cache_key(counting.model_name, QUESTION))  # an earlier run's vector would hide the count
    counting.texts.clear()

    trace, replies = ask(container, publisher, user, QUESTION)

    assert counting.texts.count(QUESTION) == 1, counting.texts
    assert trace["intent"]["method"] == "embeddings" and trace["respond"]["answer"] == "extractive"
    # The same reply as rag.respond gives with an embedder of its own, that shares nothing.
    settings = bot_settings.current(container.bot_config, user)
    alone = answering.answer(answering.Deps(counting.inner, container.vectors, container.tenant_uow), user,
                             settings, QUESTION)
    assert replies == [alone.reply] and "Abuja" in alone.reply


def test_a_shared_vector_is_the_one_the_model_computed(inline):
    container, _publisher, counting = inline
    text = "Is delivery free above 50,000 naira? (shared vector test)"
    container.redis.delete(cache_key(counting.model_name, text))
    shared = SharedQueryVectors(counting, container.redis, ttl_seconds=30)
    counting.texts.clear()
    first, again = shared.embed([text])[0], shared.embed([text])[0]
    assert counting.texts == [text]  # the second came from the process's own copy
    # Another process finds it in Redis.
    elsewhere = SharedQueryVectors(counting, container.redis, ttl_seconds=30).embed([text])[0]
    assert counting.texts == [text]
    assert np.array_equal(np.asarray(first, dtype=np.float32), np.asarray(again, dtype=np.float32))
    assert np.array_equal(np.asarray(first, dtype=np.float32), np.asarray(elsewhere, dtype=np.float32))
    assert 0 < container.redis.ttl(cache_key(counting.model_name, text)) <= 30
    # Batches never go through Redis: the single text is embedded again, in the batch.
    shared.embed([text, "another"])
    assert counting.texts == [text, text, "another"]


def test_a_batch_embeds_only_the_texts_this_process_has_not_seen(inline):
    _container, _publisher, counting = inline
    shared = SharedQueryVectors(counting, _container.redis, recent_texts=3)
    counting.texts.clear()
    first = shared.embed(["a passage sentence", "another sentence", "a word"])
    assert counting.texts == ["a passage sentence", "another sentence", "a word"]
    again = shared.embed(["another sentence", "a new word", "a passage sentence", "a new word"])
    assert counting.texts[3:] == ["a new word"]  # once, though asked twice
    assert again[0] == first[1] and again[2] == first[0] and again[1] == again[3]
    # The model's own vectors, in the order asked.
    assert np.allclose(np.asarray(again, dtype=np.float32),
                       np.asarray(counting.inner.embed(["another sentence", "a new word", "a passage sentence",
                                                        "a new word"]), dtype=np.float32), atol=1e-5)
    # Three kept, the least recently used dropped: "a word".
    counting.texts.clear()
    shared.embed(["a word", "a passage sentence"])
    assert counting.texts == ["a word"]


def test_without_redis_the_message_is_still_embedded(inline):
    _container, _publisher, counting = inline
    unreachable = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, socket_timeout=0.2)
    shared = SharedQueryVectors(counting, unreachable)
    counting.texts.clear()
    assert len(shared.embed(["hello there"])[0]) == shared.dimensions
    assert counting.texts == ["hello there"]


def test_prefetched_words_are_embedded_once_and_as_the_batch_would(inline):
    _container, _publisher, counting = inline
    shared = SharedQueryVectors(counting, _container.redis)
    try:
        counting.texts.clear()
        shared.prefetch(["kumasi", "a passage sentence"])
        shared.prefetch(["kumasi"])  # already on its way: not embedded twice
        got = shared.embed(["a passage sentence", "kumasi", "tamale"])
        # The batch waited for the prefetched texts and embedded only the one it brought.
        assert sorted(counting.texts) == sorted(["kumasi", "a passage sentence", "tamale"])
        assert np.allclose(np.asarray(got, dtype=np.float32),
                           np.asarray(counting.inner.embed(["a passage sentence", "kumasi", "tamale"]),
                                      dtype=np.float32), atol=1e-5)
        counting.texts.clear()
        shared.prefetch(["kumasi", "tamale"])  # both kept: nothing to do
        assert counting.texts == []
    finally:
        shared.close()


class FailingOnce:
    """An embedder whose first call fails ("model busy"), then embeds through `inner`."""

    def __init__(self, inner) -> None:
        self.inner, self.failed = inner, False

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def embed(self, texts):
        if not self.failed:
            self.failed = True
            raise RuntimeError("model busy")
        return self.inner.embed(texts)


def test_a_failed_prefetch_is_embedded_again_by_the_batch(inline):
    _container, _publisher, counting = inline

    shared = SharedQueryVectors(FailingOnce(counting), _container.redis)
    try:
        counting.texts.clear()
        shared.prefetch(["wa"])
        assert len(shared.embed(["wa", "bolgatanga"])[0]) == shared.dimensions
        assert sorted(counting.texts) == ["bolgatanga", "wa"]
    finally:
        shared.close()


def test_a_prefetched_message_is_embedded_at_once_and_shared_after(inline):
    """inbound.filter's prefetch of the message it has just read: straight to the model (no process has shared
    its vector yet), then kept in Redis for the stages another process runs."""
    container, _publisher, counting = inline
    text = "Do you deliver to Tamale? (prefetched message)"
    key = cache_key(counting.model_name, text)
    container.redis.delete(key)
    shared = SharedQueryVectors(counting, container.redis, ttl_seconds=30)
    try:
        counting.texts.clear()
        shared.prefetch_query(text)
        shared.prefetch_query(text)  # already on its way: not embedded twice
        got = shared.embed([text])[0]
        assert counting.texts == [text]
        assert np.allclose(np.asarray(got, dtype=np.float32),
                           np.asarray(counting.inner.embed([text])[0], dtype=np.float32), atol=1e-5)
    finally:
        shared.close()  # after the background thread's work: the vector is shared by then
    stored = container.redis.get(key)
    assert stored is not None and np.array_equal(np.frombuffer(stored, dtype=np.float32),
                                                 np.asarray(got, dtype=np.float32))
    assert 0 < container.redis.ttl(key) <= 30
    elsewhere = SharedQueryVectors(counting, container.redis)
    assert elsewhere.embed([text])[0] == got and counting.texts == [text]  # another process: from Redis


def test_a_prefetched_message_without_redis_is_still_embedded(inline):
    _container, _publisher, counting = inline
    unreachable = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, socket_timeout=0.2)
    shared = SharedQueryVectors(counting, unreachable)
    try:
        counting.texts.clear()
        shared.prefetch_query("hello again")
        assert len(shared.embed(["hello again"])[0]) == shared.dimensions
        assert counting.texts == ["hello again"]
    finally:
        shared.close()


def test_a_failed_message_prefetch_is_embedded_again(inline):
    _container, _publisher, counting = inline

    shared = SharedQueryVectors(FailingOnce(counting), _container.redis)
    try:
        counting.texts.clear()
        shared.prefetch_query("is the bolgatanga shop open?")
        assert len(shared.embed(["is the bolgatanga shop open?"])[0]) == shared.dimensions
        assert counting.texts == ["is the bolgatanga shop open?"]  # the failed call embedded nothing
    finally:
        shared.close()
