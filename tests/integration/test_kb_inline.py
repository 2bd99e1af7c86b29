"""The whole ingest pipeline run in-process (jobs handled as they are published),
against other backends: Pinecone (a local server speaking its protocol, driven by
the real SDK) and the real embedding model."""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections import deque

import numpy as np
import psycopg
import pytest

from schemas.jobs import ChunkDocument, EmbedChunks, ExtractDocument, IndexDocument, SweepStuck
from services.adapters.embeddings_onnx import OnnxEmbedder
from services.bootstrap import bootstrap
from services.core.errors import PermanentError
from services.handlers import ingest
from services.handlers.ingest import KB_BUCKET
from tests.conftest import create_user, make_settings
from tests.fakes.pinecone_server import running_pinecone


class InlinePublisher:
    """Collects published jobs; `drain()` runs them, and whatever they publish, to the end."""

    def __init__(self) -> None:
        self.container = None
        self.queue: deque = deque()
        self.handled: list = []

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.queue.append(job)

    def drain(self, only_user=None) -> None:
        """`only_user`: skip other tenants' jobs. The sweeper works across tenants, and tests share one
        database: what it re-sends for another test's leftover rows is not this test's to run."""
        while self.queue:
            job = self.queue.popleft()
            if only_user is not None and getattr(job, "user_id", None) != only_user:
                continue
            self.handled.append(type(job).__name__)
            self.container.handle(job)


@pytest.fixture(scope="module")
def pinecone():
    with running_pinecone("pc-key") as server:
        yield server


@pytest.fixture
def inline(tmp_path, database_url, redis_url, pinecone):
    settings = make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url, VECTOR_BACKEND="pinecone",
                             PINECONE_API_KEY="pc-key", PINECONE_HOST=pinecone.url, EMBED_JOB_CHUNKS=4)
    publisher = InlinePublisher()
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url, publisher=publisher)
    publisher.container = container
    yield container, publisher
    container.close()


@pytest.fixture
def inline_pgvector(tmp_path, database_url, redis_url):
    settings = make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url, EMBED_JOB_CHUNKS=4)
    publisher = InlinePublisher()
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url, publisher=publisher)
    publisher.container = container
    yield container, publisher
    container.close()


def test_pinecone_backend_end_to_end_keeps_tenants_apart(inline, pinecone):
    container, jobs = inline
    a, b = create_user(container), create_user(container)
    doc_a = container.kb.upload(a, "menu.md", b"# Drinks\nMango smoothie costs 1500 naira.\n\n"
                      + b"# Food\nSuya platter costs 4000 naira.\n")
    doc_b = container.kb.upload(b, "garden.txt", b"Teak garden benches cost 90000 naira each.")
    jobs.drain()
    assert {"ExtractDocument", "ChunkDocument", "EmbedChunks", "IndexDocument"} <= set(jobs.handled)
    docs = {d.id: d for d in container.kb.list_documents(a) + container.kb.list_documents(b)}
    assert docs[doc_a.id].status == "ready" and docs[doc_b.id].status == "ready"
    assert docs[doc_a.id].embedding_model == "all-MiniLM-L6-v2"

    assert pinecone.vector_ids(str(a)) and pinecone.vector_ids(str(b))
    assert all(i.startswith(f"{doc_a.id}:") for i in pinecone.vector_ids(str(a)))

    top = container.kb.search(a, "how much is a mango smoothie?", k=2)[0]
    assert "Mango smoothie" in top.content and top.location == "\u201cDrinks\u201d"
    b_hits = container.kb.search(b, "Mango smoothie costs 1500 naira", k=10)
    assert b_hits and all(h.document_id == doc_b.id for h in b_hits)

    container.kb.reembed_document(a, doc_a.id)
    jobs.drain()
    assert container.kb.get_document(a, doc_a.id)[0].status == "ready"
    assert container.vectors.count(a, doc_a.id) == docs[doc_a.id].chunks_total

    container.kb.delete_document(a, doc_a.id)
    assert pinecone.vector_ids(str(a)) == []
    assert pinecone.vector_ids(str(b)), "deleting A's document touched B"


def test_an_edited_file_replaces_stale_vectors(inline, pinecone):
    container, jobs = inline
    user = create_user(container)
    doc = container.kb.upload(user, "faq.md", b"# Q\n" + b"\n\n".join(
        f"Question {i}: the answer is {i}.".encode() for i in range(12)))
    jobs.drain()
    before = set(pinecone.vector_ids(str(user)))
    # The owner's file changes underneath (as after an edit and re-embed): new chunk ids.
    extracted = f"{user}/{doc.id}/extracted.json"
    text = container.storage.get(KB_BUCKET, extracted).replace(b"the answer is", b"the reply is")
    container.storage.put(KB_BUCKET, extracted, text, "application/json")
    container.kb.reembed_document(user, doc.id)
    jobs.drain()
    after = set(pinecone.vector_ids(str(user)))
    assert after and not (after & before), "stale vectors were left in the index"
    assert "reply is" in container.kb.search(user, "what is the reply to question 3?", k=1)[0].content


def test_a_dead_index_fails_the_document_with_a_reason(inline, pinecone):
    container, jobs = inline
    user = create_user(container)
    doc = container.kb.upload(user, "x.txt", b"Opening hours are nine to five.")
    pinecone.fail_next(400, times=50)
    with pytest.raises(PermanentError) as caught:
        jobs.drain()
    assert jobs.handled[-1] == "EmbedChunks"
    # What the task wrapper does when it gives up on a job:
    container.give_up(EmbedChunks(user_id=user, document_id=doc.id, first_ordinal=0, last_ordinal=0), caught.value)
    failed = container.kb.get_document(user, doc.id)[0]
    assert failed.status == "failed" and "during embedding" in failed.error
    pinecone.reset()


def test_sweeper_restarts_documents_stuck_mid_pipeline(inline, owner_database_url):
    container, jobs = inline
    user = create_user(container)
    doc = container.kb.upload(user, "stuck.txt", b"Deliveries leave every morning at eight.")
    jobs.queue.clear()  # the extract job was lost (e.g. Redis restarted)
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        conn.execute("set session_replication_role = replica")  # keep the trigger from touching updated_at
        conn.execute("update public.knowledge_base set updated_at = now() - interval '1 hour' where id = %s",
                     [doc.id])
    container.handle(SweepStuck())
    jobs.drain(only_user=user)
    assert container.kb.get_document(user, doc.id)[0].status == "ready"


def test_stale_jobs_are_no_ops(inline):
    container, jobs = inline
    user = create_user(container)
    missing = uuid.uuid4()
    for job_type in (ExtractDocument, ChunkDocument, IndexDocument):
        container.handle(job_type(user_id=user, document_id=missing))
    assert not jobs.queue


def test_documents_another_model_embedded_are_re_embedded_by_the_sweeper(inline_pgvector, owner_database_url):
    container, jobs = inline_pgvector
    user = create_user(container)
    doc = container.kb.upload(user, "hours.txt", b"We are open from nine to five, Monday to Saturday.")
    # Its extracted text is gone (a data dir restored without it): it is read again from the file.
    other = container.kb.upload(user, "returns.txt", b"Returns are accepted within 14 days with a receipt.")
    jobs.drain()
    container.storage.delete_prefix(KB_BUCKET, f"{user}/{other.id}/extracted.json")
    model = container.embedder.model_name
    assert container.kb.get_document(user, doc.id)[0].embedding_model == model
    # As an index made with the int8 variant was left when the deployment switched to this model.
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        for table, key in (("knowledge_base", "id"), ("kb_chunks", "document_id")):
            conn.execute(f"update public.{table} set embedding_model = 'all-MiniLM-L6-v2-int8' "
                         f"where {key} = any(%s)", [[doc.id, other.id]])
    # Vectors of another model are never compared with this model's query vector.
    assert not [h for h in container.kb.search(user, "when are you open?", k=3) if h.document_id == doc.id]

    # A sweep re-embeds a batch at a time, across tenants: other tests' documents may come first.
    for _ in range(20):
        container.handle(SweepStuck())
        if (container.kb.get_document(user, doc.id)[0].status,
                container.kb.get_document(user, other.id)[0].status) != ("ready", "ready"):
            break
    assert container.kb.get_document(user, doc.id)[0].status == "chunking"
    assert container.kb.get_document(user, other.id)[0].status == "queued"
    jobs.drain(only_user=user)
    assert container.kb.get_document(user, other.id)[0].embedding_model == model
    view = container.kb.get_document(user, doc.id)[0]
    assert view.status == "ready" and view.embedding_model == model
    hits = container.kb.search(user, "when are you open?", k=3)
    assert hits and hits[0].document_id == doc.id and "nine to five" in hits[0].content
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        assert conn.execute("select count(*) from public.kb_chunks where document_id = %s and embedding_model = %s",
                            [doc.id, model]).fetchone()[0] == view.chunks_total

    # Done: the next sweep leaves it alone.
    container.handle(SweepStuck())
    assert not [j for j in jobs.queue if getattr(j, "document_id", None) == doc.id]
    jobs.queue.clear()


def test_int8_documents_indexes_chunks_on_int8_and_searches_them_with_fp32_questions(
        tmp_path, database_url, redis_url, owner_database_url):
    settings = make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url, EMBED_JOB_CHUNKS=4,
                             EMBEDDING_ONNX_VARIANT="int8-documents")
    jobs = InlinePublisher()
    container = jobs.container = bootstrap(settings, database_url=database_url, redis_url=redis_url, publisher=jobs)
    try:
        user = create_user(container)
        doc = container.kb.upload(user, "hours.txt", b"We are open from nine to five, Monday to Saturday.")
        jobs.drain(only_user=user)
        view = container.kb.get_document(user, doc.id)[0]
        assert view.status == "ready" and view.embedding_model == "all-MiniLM-L6-v2"
        with psycopg.connect(owner_database_url, autocommit=True) as conn:
            content, stored = conn.execute("select content, embedding::text from public.kb_chunks "
                                           "where document_id = %s", [doc.id]).fetchone()
        stored = np.array(json.loads(stored))
        # The chunk's vector is the int8 graph's; the question side (the embedder itself) stays fp32.
        int8 = OnnxEmbedder(cache_dir=settings.embedding_cache_dir, variant="int8")
        fp32 = OnnxEmbedder(cache_dir=settings.embedding_cache_dir)
        assert np.allclose(stored, int8.embed([content])[0], atol=1e-5)
        assert not np.allclose(stored, fp32.embed([content])[0], atol=1e-4)
        assert np.allclose(container.embedder.embed(["when are you open?"])[0], fp32.embed(["when are you open?"])[0],
                           atol=1e-6)
        hits = container.kb.search(user, "when are you open?", k=3)
        assert hits and hits[0].document_id == doc.id and "nine to five" in hits[0].content

        # A document the int8 variant made (int8 questions) is re-embedded by the sweeper; those fp32 made
        # carry the same name as this one's and stay.
        with psycopg.connect(owner_database_url, autocommit=True) as conn:
            for table, key in (("knowledge_base", "id"), ("kb_chunks", "document_id")):
                conn.execute(f"update public.{table} set embedding_model = 'all-MiniLM-L6-v2-int8' "
                             f"where {key} = %s", [doc.id])
        assert not container.kb.search(user, "when are you open?", k=3)
        for _ in range(20):
            container.handle(SweepStuck())
            if container.kb.get_document(user, doc.id)[0].status != "ready":
                break
        jobs.drain(only_user=user)
        assert container.kb.get_document(user, doc.id)[0].embedding_model == "all-MiniLM-L6-v2"
        assert container.kb.search(user, "when are you open?", k=3)[0].document_id == doc.id
        container.handle(SweepStuck())
        assert not [j for j in jobs.queue if getattr(j, "document_id", None) == doc.id]
        jobs.queue.clear()
    finally:
        container.close()


def _run_until_embedding(jobs, user) -> None:
    """Handle the document's jobs up to and including its first embed batch, leaving the rest queued."""
    while True:
        job = jobs.queue.popleft()
        if getattr(job, "user_id", None) != user:
            continue
        jobs.container.handle(job)
        if isinstance(job, EmbedChunks):
            return


FAQ_TEXT = b"# Returns\nYou can return any unused item within 30 days of delivery for a full refund.\n"
HALF_DONE_TEXT = b"\n\n".join(f"Note {i}: returns of item {i} go through warehouse {i % 5}.".encode()
                              for i in range(200))


@pytest.mark.parametrize("backend", ["inline_pgvector", "inline"])
def test_search_answers_only_from_ready_documents(backend, request):
    container, jobs = request.getfixturevalue(backend)
    user = create_user(container)
    faq = container.kb.upload(user, "faq.md", FAQ_TEXT)
    jobs.drain(only_user=user)
    half = container.kb.upload(user, "notes.txt", HALF_DONE_TEXT)
    _run_until_embedding(jobs, user)
    view = container.kb.get_document(user, half.id)[0]
    assert view.status == "embedding" and 0 < view.chunks_done < view.chunks_total
    hits = container.kb.search(user, "can I return an item?", k=5)
    assert hits and {h.document_id for h in hits} == {faq.id}, "a document still embedding was searched"
    jobs.drain(only_user=user)
    assert container.kb.get_document(user, half.id)[0].status == "ready"
    assert half.id in {h.document_id for h in container.kb.search(user, "returns of item 7 warehouse", k=5)}
    # Re-embedded, it keeps answering from its chunks until new ones are being embedded.
    container.kb.reembed_document(user, faq.id)
    assert container.kb.get_document(user, faq.id)[0].status == "chunking"
    assert faq.id in {h.document_id for h in container.kb.search(user, "can I return an item?", k=5)}
    jobs.drain(only_user=user)
    assert container.kb.get_document(user, faq.id)[0].status == "ready"


@pytest.mark.parametrize("backend", ["inline_pgvector", "inline"])
def test_a_document_deleted_while_a_batch_embeds_ends_its_jobs_quietly(backend, request, caplog, pinecone):
    container, jobs = request.getfixturevalue(backend)
    user = create_user(container)
    doc = container.kb.upload(user, "notes.txt", HALF_DONE_TEXT)
    while not isinstance(jobs.queue[0], EmbedChunks) or jobs.queue[0].user_id != user:
        job = jobs.queue.popleft()
        if getattr(job, "user_id", None) == user:
            container.handle(job)
    batch = jobs.queue.popleft()

    class DeletingEmbedder:
        """The model is busy with the batch when the owner deletes the document."""

        def __init__(self, inner) -> None:
            self.inner = inner
            self.model_name = inner.model_name

        def embed(self, texts):
            container.kb.delete_document(user, doc.id)
            return self.inner.embed(texts)

    deps = dataclasses.replace(container.ingest, embedder=DeletingEmbedder(container.embedder))
    with caplog.at_level(logging.INFO):
        ingest.embed_chunks(batch, deps=deps)  # before: PermanentError "... chunks to index no longer exist"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [j for j in jobs.queue if getattr(j, "document_id", None) == doc.id]
    assert container.vectors.count(user, doc.id) == 0
    if backend == "inline":
        assert not [i for i in pinecone.vector_ids(str(user)) if i.startswith(f"{doc.id}:")]
