"""LiteLLMEmbedder through real litellm (and the OpenAI SDK under it) against a local OpenAI-compatible server."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from services.adapters.embeddings_litellm import LiteLLMEmbedder
from services.core.errors import PermanentError, TransientError
from services.runtime.embedded import free_port
from tests.fakes.openai_server import FakeOpenAI, fake_vector

KEY = "sk-test-key"
MODEL = "openai/text-embedding-3-small"
DIMS = 48


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(KEY, dimensions=DIMS)
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def fake(server: FakeOpenAI) -> FakeOpenAI:
    server.reset()
    server.dimensions = DIMS
    return server


def make(fake: FakeOpenAI, **overrides) -> LiteLLMEmbedder:
    options = {"dimensions": DIMS, "api_base": fake.base_url, "api_key": KEY, "timeout": 5.0, "batch_size": 3}
    return LiteLLMEmbedder(MODEL, **{**options, **overrides})


def test_vectors_are_unit_length_in_order_across_batches(fake: FakeOpenAI):
    texts = [f"product {i}: red shoes size {i}" for i in range(8)]
    vectors = make(fake).embed(texts)

    assert len(vectors) == 8
    assert all(len(v) == DIMS for v in vectors)
    assert all(math.isclose(math.fsum(x * x for x in v), 1.0, rel_tol=1e-9) for v in vectors)
    for text, vector in zip(texts, vectors, strict=True):
        assert vector == pytest.approx(fake_vector(text, DIMS))
    batches = [r.json["input"] for r in fake.requests]
    assert batches == [texts[0:3], texts[3:6], texts[6:8]]
    assert all(r.json["model"] == "text-embedding-3-small" for r in fake.requests)
    assert all(r.headers["Authorization"] == f"Bearer {KEY}" for r in fake.requests)


def test_order_follows_response_index_not_position(fake: FakeOpenAI):
    original = fake.routes[("POST", "/v1/embeddings")]

    def reversed_embeddings(body: dict) -> tuple[int, dict]:
        status, payload = original(body)
        payload["data"].reverse()
        return status, payload

    fake.routes[("POST", "/v1/embeddings")] = reversed_embeddings
    try:
        vectors = make(fake).embed(["alpha", "beta", "gamma"])
    finally:
        fake.routes[("POST", "/v1/embeddings")] = original
    assert vectors == [pytest.approx(fake_vector(t, DIMS)) for t in ("alpha", "beta", "gamma")]


def test_same_text_same_vector_and_empty_input(fake: FakeOpenAI):
    embedder = make(fake)
    first, second = embedder.embed(["hello there", "hello there"])
    assert first == second == embedder.embed(["hello there"])[0]
    assert embedder.embed([]) == []


def test_attributes(fake: FakeOpenAI):
    embedder = make(fake, max_tokens=512)
    assert (embedder.model_name, embedder.dimensions, embedder.max_tokens) == (MODEL, DIMS, 512)


def test_dimension_mismatch_is_permanent_and_names_both(fake: FakeOpenAI):
    with pytest.raises(PermanentError, match=rf"returns {DIMS} dimensions but 1536 were configured"):
        make(fake, dimensions=1536).embed(["anything"])


def test_server_error_is_transient_without_hidden_retries(fake: FakeOpenAI):
    fake.fail_next(500, times=3)
    with pytest.raises(TransientError, match="500"):
        make(fake).embed(["x"])
    assert len(fake.requests) == 1
    fake.reset()
    fake.fail_next(429)
    with pytest.raises(TransientError, match="429"):
        make(fake).embed(["x"])


def test_bad_key_is_permanent(fake: FakeOpenAI):
    with pytest.raises(PermanentError, match="401"):
        make(fake, api_key="sk-wrong").embed(["x"])
    assert len(fake.requests) == 1


def test_bad_request_is_permanent(fake: FakeOpenAI):
    fake.fail_next(400)
    with pytest.raises(PermanentError, match="400"):
        make(fake).embed(["x"])


def test_timeout_is_transient(fake: FakeOpenAI):
    fake.delay_next(2.0)
    with pytest.raises(TransientError, match="Timeout"):
        make(fake, timeout=0.3).embed(["x"])


def test_closed_port_is_transient():
    embedder = LiteLLMEmbedder(MODEL, dimensions=DIMS, api_base=f"http://127.0.0.1:{free_port()}/v1", api_key=KEY)
    with pytest.raises(TransientError, match="Connection error"):
        embedder.embed(["x"])


def test_count_tokens_grows_with_text(fake: FakeOpenAI):
    embedder = make(fake)
    short = embedder.count_tokens("Do you have these shoes in size 42?")
    long = embedder.count_tokens("Do you have these shoes in size 42? " * 50)
    assert isinstance(short, int)
    assert 0 < short < long
    assert fake.requests == [], "counting tokens must not call the provider"


def test_count_tokens_falls_back_when_litellm_cannot_count(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch):
    import litellm

    def broken(**kwargs):
        raise RuntimeError("tokenizer unavailable")

    monkeypatch.setattr(litellm, "token_counter", broken)
    text = "Do you have these shoes in size 42?"
    assert make(fake).count_tokens(text) >= len(text) // 4
