"""PineconeVectorStore driven through the real pinecone SDK against the in-memory fake."""

from __future__ import annotations

import hashlib
import math
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest

from services.adapters.ports import VectorItem
from services.adapters.vectors_pinecone import PineconeVectorStore
from services.core.errors import PermanentError, TransientError
from services.runtime.embedded import free_port
from tests.conftest import REPO_ROOT
from tests.fakes.pinecone_server import FakePineconeServer, running_pinecone

API_KEY = "pc-test-key"
DIMS = 8
MODEL = "mini-8"


@pytest.fixture(scope="module")
def server() -> Iterator[FakePineconeServer]:
    with running_pinecone(API_KEY, dimension=DIMS) as running:
        yield running


@pytest.fixture
def fake(server: FakePineconeServer) -> FakePineconeServer:
    server.reset()
    return server


@pytest.fixture
def store(fake: FakePineconeServer) -> Iterator[PineconeVectorStore]:
    built = PineconeVectorStore(API_KEY, fake.url, timeout=2.0)
    yield built
    built.close()


def unit(*components: float) -> list[float]:
    padded = list(components) + [0.0] * (DIMS - len(components))
    norm = math.sqrt(sum(x * x for x in padded))
    return [x / norm for x in padded]


def axis(i: int) -> list[float]:
    return unit(*([0.0] * i + [1.0]))


def chunk_id(document_id: uuid.UUID, ordinal: int) -> str:
    digest = hashlib.sha256(f"{document_id}/{ordinal}".encode()).hexdigest()[:12]
    return f"{document_id}:{ordinal}:{digest}"


def item(document_id: uuid.UUID, ordinal: int, vector: list[float], model: str = MODEL) -> VectorItem:
    return VectorItem(chunk_id(document_id, ordinal), document_id, ordinal, vector, model)


def test_query_returns_the_nearest_chunk_first_with_cosine_scores(store, fake):
    user, doc = uuid.uuid4(), uuid.uuid4()
    store.upsert(user, [item(doc, 0, axis(0)), item(doc, 1, axis(1)), item(doc, 2, unit(1, 1)),
                        item(doc, 3, unit(-1, 0, 1))])

    hits = store.query(user, axis(0), 3, model=MODEL)

    assert [h.chunk_id for h in hits] == [chunk_id(doc, 0), chunk_id(doc, 2), chunk_id(doc, 1)]
    assert [h.score for h in hits] == pytest.approx([1.0, math.sqrt(0.5), 0.0])
    assert store.query(user, unit(1, 0.2), 1, model=MODEL)[0].chunk_id == chunk_id(doc, 0)
    everything = store.query(user, axis(0), 10, model=MODEL)
    assert len(everything) == 4
    assert everything[-1].score == pytest.approx(-math.sqrt(0.5))
    # What went over the wire: the tenant's namespace, the metadata the port promises.
    stored = fake.namespaces[str(user)][chunk_id(doc, 2)]
    assert stored.metadata == {"document_id": str(doc), "ordinal": 2, "model": MODEL}
    assert stored.values == pytest.approx(unit(1, 1))
    assert fake.requests[-1].body["namespace"] == str(user)
    assert fake.requests[-1].body["filter"] == {"model": {"$eq": MODEL}}


def test_a_tenant_never_sees_another_tenants_chunks(store, fake):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    alice_doc, bob_doc = uuid.uuid4(), uuid.uuid4()
    store.upsert(alice, [item(alice_doc, 0, axis(0)), item(alice_doc, 1, axis(1))])
    store.upsert(bob, [item(bob_doc, 0, unit(1, 1))])

    bob_hits = store.query(bob, axis(0), 10, model=MODEL)
    assert [h.chunk_id for h in bob_hits] == [chunk_id(bob_doc, 0)]
    # Even asking for Alice's document by id, Bob gets nothing of hers.
    assert store.query(bob, axis(0), 10, model=MODEL, document_ids=[alice_doc]) == []
    assert store.query(uuid.uuid4(), axis(0), 10, model=MODEL) == []
    assert {h.chunk_id for h in store.query(alice, axis(0), 10, model=MODEL)} == {
        chunk_id(alice_doc, 0), chunk_id(alice_doc, 1)}
    assert fake.vector_ids(str(bob)) == [chunk_id(bob_doc, 0)]


def test_an_identical_vector_in_two_tenants_stays_in_its_own(store):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    doc = uuid.uuid4()  # even the same document id, as after a copy between accounts
    store.upsert(alice, [item(doc, 0, axis(2))])
    store.upsert(bob, [item(doc, 0, axis(2)), item(doc, 1, axis(3))])

    assert [h.chunk_id for h in store.query(alice, axis(2), 5, model=MODEL)] == [chunk_id(doc, 0)]
    store.delete_document(bob, doc)
    assert store.count(bob) == 0
    assert store.count(alice) == 1


def test_query_only_returns_chunks_embedded_by_the_requested_model(store):
    user, doc = uuid.uuid4(), uuid.uuid4()
    store.upsert(user, [item(doc, 0, axis(0), model="old-model"), item(doc, 1, unit(1, 0.5), model=MODEL)])

    assert [h.chunk_id for h in store.query(user, axis(0), 5, model=MODEL)] == [chunk_id(doc, 1)]
    assert [h.chunk_id for h in store.query(user, axis(0), 5, model="old-model")] == [chunk_id(doc, 0)]
    assert store.query(user, axis(0), 5, model="never-used") == []


def test_query_can_be_limited_to_some_documents(store, fake):
    user = uuid.uuid4()
    docs = [uuid.uuid4() for _ in range(3)]
    store.upsert(user, [item(doc, n, unit(1, 0.1 * i, 0.1 * n)) for i, doc in enumerate(docs) for n in range(2)])

    hits = store.query(user, axis(0), 10, model=MODEL, document_ids=[docs[0], docs[2]])

    assert {h.chunk_id for h in hits} == {chunk_id(d, n) for d in (docs[0], docs[2]) for n in range(2)}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert fake.requests[-1].body["filter"] == {"$and": [
        {"model": {"$eq": MODEL}}, {"document_id": {"$in": [str(docs[0]), str(docs[2])]}}]}
    queries_before = fake.calls("/query")
    assert store.query(user, axis(0), 10, model=MODEL, document_ids=[]) == []
    assert fake.calls("/query") == queries_before  # nothing to search, nothing sent


def test_upsert_is_idempotent_and_overwrites_by_chunk_id(store):
    user, doc = uuid.uuid4(), uuid.uuid4()
    items = [item(doc, n, axis(n)) for n in range(5)]
    store.upsert(user, items)
    store.upsert(user, items)
    assert store.count(user) == 5
    assert store.count(user, doc) == 5

    store.upsert(user, [item(doc, 4, axis(0))])  # re-embedded: same id, new vector
    assert store.count(user) == 5
    top = store.query(user, axis(0), 2, model=MODEL)
    assert {h.chunk_id for h in top} == {chunk_id(doc, 0), chunk_id(doc, 4)}
    assert [h.score for h in top] == pytest.approx([1.0, 1.0])


def test_upsert_sends_batches_of_batch_size(fake):
    user, doc = uuid.uuid4(), uuid.uuid4()
    small = PineconeVectorStore(API_KEY, fake.url, timeout=2.0, batch_size=7)
    try:
        small.upsert(user, [item(doc, n, unit(1, n)) for n in range(20)])
        small.upsert(user, [])
    finally:
        small.close()
    sizes = [len(r.body["vectors"]) for r in fake.requests if r.path == "/vectors/upsert"]
    assert sizes == [7, 7, 6]
    assert len(fake.vector_ids(str(user))) == 20


def test_delete_document_removes_only_that_documents_vectors(store, fake):
    user, other_user = uuid.uuid4(), uuid.uuid4()
    big, small = uuid.uuid4(), uuid.uuid4()
    store.upsert(user, [item(big, n, unit(1, n % 7, n % 3)) for n in range(230)])
    store.upsert(user, [item(small, n, axis(n)) for n in range(5)])
    store.upsert(other_user, [item(big, n, axis(n)) for n in range(3)])
    assert store.count(user, big) == 230  # counted across three list pages

    fake.requests.clear()
    store.delete_document(user, big)

    assert store.count(user, big) == 0
    assert store.count(user, small) == 5
    assert store.count(user) == 5
    assert store.count(other_user, big) == 3
    deletes = [r.body for r in fake.requests if r.path == "/vectors/delete"]
    assert [len(d["ids"]) for d in deletes] == [100, 100, 30]
    assert all(d["namespace"] == str(user) for d in deletes)
    assert all(vid.startswith(f"{big}:") for d in deletes for vid in d["ids"])
    assert fake.calls("/vectors/list") >= 3
    store.delete_document(user, big)  # already gone: nothing to do, no error


def test_delete_tenant_empties_only_that_namespace(store, fake):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    doc = uuid.uuid4()
    store.upsert(alice, [item(doc, n, axis(n)) for n in range(4)])
    store.upsert(bob, [item(doc, n, axis(n)) for n in range(2)])

    store.delete_tenant(alice)

    assert store.count(alice) == 0
    assert store.count(alice, doc) == 0
    assert store.query(alice, axis(0), 5, model=MODEL) == []
    assert store.count(bob) == 2
    assert fake.vector_ids(str(bob)) == sorted(chunk_id(doc, n) for n in range(2))
    store.delete_tenant(alice)  # the namespace is gone now; deleting again is still fine
    store.delete_tenant(uuid.uuid4())


def test_count_with_and_without_a_document(store):
    user = uuid.uuid4()
    first, second = uuid.uuid4(), uuid.uuid4()
    assert store.count(user) == 0
    assert store.count(user, first) == 0
    store.upsert(user, [item(first, n, axis(n % DIMS)) for n in range(3)])
    store.upsert(user, [item(second, n, axis(n % DIMS)) for n in range(11)])
    assert store.count(user) == 14
    assert store.count(user, first) == 3
    assert store.count(user, second) == 11
    assert store.count(uuid.uuid4(), first) == 0


def test_a_wrong_api_key_is_permanent(fake):
    wrong = PineconeVectorStore("not-the-key", fake.url, timeout=2.0)
    try:
        with pytest.raises(PermanentError, match="401") as caught:
            wrong.query(uuid.uuid4(), axis(0), 3, model=MODEL)
    finally:
        wrong.close()
    assert getattr(caught.value.__cause__, "status_code", None) == 401
    assert fake.requests[-1].api_key == "not-the-key"


@pytest.mark.parametrize(("status", "expected"), [
    (500, TransientError), (503, TransientError), (429, TransientError),
    (400, PermanentError), (403, PermanentError), (404, PermanentError),
])
def test_http_errors_map_to_transient_or_permanent_without_sdk_retries(store, fake, status, expected):
    user, doc = uuid.uuid4(), uuid.uuid4()
    fake.fail_next(status, retry_after=0 if status == 429 else None)

    with pytest.raises(expected, match=str(status)) as caught:
        store.upsert(user, [item(doc, 0, axis(0))])

    other = PermanentError if expected is TransientError else TransientError
    assert not isinstance(caught.value, other)
    assert isinstance(caught.value.__cause__, Exception)
    assert fake.calls("/vectors/upsert") == 1  # the SDK did not retry behind our back
    store.upsert(user, [item(doc, 0, axis(0))])  # the failure was one-off
    assert store.count(user) == 1


def test_a_failure_mid_way_through_a_batched_upsert_raises(store, fake):
    user, doc = uuid.uuid4(), uuid.uuid4()
    items = [item(doc, n, unit(1, n)) for n in range(150)]
    store.upsert(user, items[:100])  # the first batch is in
    fake.fail_next(502)
    with pytest.raises(TransientError):
        store.upsert(user, items[100:])
    store.upsert(user, items)  # the task's retry sends everything again; ids make it safe
    assert store.count(user) == 150


def test_a_closed_port_is_transient(fake):
    closed = PineconeVectorStore(API_KEY, f"http://127.0.0.1:{free_port()}", timeout=2.0)
    started = time.monotonic()
    try:
        with pytest.raises(TransientError, match=r"(?i)connect|refused"):
            closed.count(uuid.uuid4())
    finally:
        closed.close()
    assert time.monotonic() - started < 2.0


def test_a_server_that_never_answers_times_out_as_transient():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever reads or replies
        host = f"http://127.0.0.1:{silent.getsockname()[1]}"
        hanging = PineconeVectorStore(API_KEY, host, timeout=0.5)
        started = time.monotonic()
        try:
            with pytest.raises(TransientError, match=r"(?i)timed out|timeout"):
                hanging.query(uuid.uuid4(), axis(0), 3, model=MODEL)
        finally:
            hanging.close()
        elapsed = time.monotonic() - started
    assert 0.4 < elapsed < 2.0, elapsed


def test_importing_the_module_does_not_import_the_sdk():
    code = ("import sys, services.adapters.vectors_pinecone; "
            "sys.exit(1 if any(m == 'pinecone' or m.startswith('pinecone.') for m in sys.modules) else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
