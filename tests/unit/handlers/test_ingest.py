"""The ingest stages: extract -> chunk -> embed (batched) -> index, each moving the document's state on, and
failing it with a reason its owner can act on."""

from __future__ import annotations

import dataclasses

import pytest

from schemas.jobs import ChunkDocument, EmbedChunks, ExtractDocument, IndexDocument
from services.adapters.extract import ExtractionLimits, extract
from services.core.errors import TransientError
from services.handlers import ingest
from tests.unit.handlers.fakes import FakeEmbedder

TEXT = "\n\n".join(f"Section {n}. " + " ".join(f"word{n}x{i}" for i in range(40)) for n in range(6))


@pytest.fixture
def deps(backend, storage, embedder, vectors, events) -> ingest.IngestDeps:
    return ingest.IngestDeps(tenant_uow=backend.tenant_uow, storage=storage, embedder=embedder, vectors=vectors,
                             events=events, limits=ExtractionLimits(), chunk_max_tokens=50, chunk_overlap_tokens=5,
                             chunks_per_job=2, read_file=extract)


@pytest.fixture
def uploaded(backend, storage, tenant):
    def upload(data: bytes = TEXT.encode(), mime_type: str = "text/plain") -> dict:
        doc = backend.db.add_document(user_id=tenant, filename="guide.txt", mime_type=mime_type,
                                      storage_path=f"{tenant}/guide.txt", size_bytes=len(data))
        storage.put(ingest.KB_BUCKET, doc["storage_path"], data, mime_type)
        return doc
    return upload


def _run_until_idle(backend, deps, first) -> None:
    """Run the job and every ingest job it leads to, as the workers would."""
    stages = {ExtractDocument: ingest.extract_document, ChunkDocument: ingest.chunk_document,
              EmbedChunks: ingest.embed_chunks, IndexDocument: ingest.index_document}
    queue = [first]
    while queue:
        job = queue.pop(0)
        before = len(backend.publisher.sent)
        stages[type(job)](job, deps=deps)
        queue += [sent for sent, _, _ in backend.publisher.sent[before:]]


def test_a_document_goes_from_upload_to_ready(backend, deps, uploaded, vectors, events, tenant) -> None:
    doc = uploaded()
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    stored = backend.db.documents[doc["id"]]
    assert (stored["status"], stored["progress"], stored["error"]) == ("ready", 100, None)
    chunks = [c for c in backend.db.chunks.values() if c["document_id"] == doc["id"]]
    assert stored["chunks_total"] == stored["chunks_done"] == len(chunks) > 2
    assert all(c["indexed_at"] and c["embedding_model"] == FakeEmbedder.model_name for c in chunks)
    assert vectors.count(tenant, doc["id"]) == len(chunks)
    assert len(backend.publisher.jobs(EmbedChunks)) == -(-len(chunks) // 2)  # batches of chunks_per_job
    statuses = [data["status"] for _, event, data in events.published if event == "kb.progress"]
    assert statuses[0] == "extracting" and statuses[-1] == "ready"
    assert list(dict.fromkeys(statuses)) == ["extracting", "chunking", "embedding", "indexing", "ready"]


def test_extraction_stores_the_text_and_moves_to_chunking(backend, deps, uploaded, storage, tenant) -> None:
    doc = uploaded()
    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    assert backend.db.documents[doc["id"]]["status"] == "chunking"
    assert (ingest.KB_BUCKET, ingest.extracted_path(tenant, doc["id"])) in storage.objects
    [job] = backend.publisher.jobs()
    assert isinstance(job, ChunkDocument) and job.document_id == doc["id"]


def test_the_document_embedder_starts_loading_while_the_file_is_read(backend, deps, uploaded, tenant) -> None:
    loads: list[str] = []
    deps = dataclasses.replace(deps, load_embedder_ahead=lambda: loads.append("load"))
    doc = uploaded()
    job = ExtractDocument(user_id=tenant, document_id=doc["id"])
    ingest.extract_document(job, deps=deps)
    assert loads == ["load"] and backend.db.documents[doc["id"]]["status"] == "chunking"
    ingest.extract_document(job, deps=deps)  # a stale copy loads nothing
    assert loads == ["load"]


def test_the_document_embedder_hears_when_a_document_s_last_batch_is_embedded(backend, deps, uploaded,
                                                                              tenant) -> None:
    events: list[str] = []
    deps = dataclasses.replace(deps, documents_done=lambda: events.append("done"))
    doc = _embedding(backend, deps, uploaded, tenant)
    while jobs := backend.publisher.jobs(EmbedChunks):
        backend.publisher.sent.clear()
        assert events == []  # batches still to come keep the graph
        ingest.embed_chunks(jobs[0], deps=deps)
    assert events == ["done"] and backend.db.documents[doc["id"]]["status"] == "indexing"
    ingest.embed_chunks(EmbedChunks(user_id=tenant, document_id=doc["id"], first_ordinal=0, last_ordinal=1),
                        deps=deps)  # a stale copy embeds nothing, so tells nothing
    assert events == ["done"]


def test_a_file_that_cannot_be_read_fails_with_the_reason(backend, deps, uploaded, tenant) -> None:
    doc = uploaded(b"MZ\x90\x00binary", "application/x-msdownload")
    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "failed" and stored["error"]
    assert backend.publisher.sent == []


def test_a_file_without_text_fails_saying_so(backend, deps, uploaded, tenant) -> None:
    doc = uploaded(b"   \n\n  ")
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "failed"
    assert stored["error"].startswith("No text could be extracted from this file.")
    assert backend.publisher.sent == [] and backend.db.chunks == {}


@pytest.mark.parametrize("job_type", [ExtractDocument, ChunkDocument, IndexDocument])
def test_a_stale_job_for_a_finished_document_does_nothing(backend, deps, uploaded, tenant, job_type) -> None:
    doc = uploaded()
    backend.db.documents[doc["id"]]["status"] = "ready"
    ingest_stage = {ExtractDocument: ingest.extract_document, ChunkDocument: ingest.chunk_document,
                    IndexDocument: ingest.index_document}[job_type]
    ingest_stage(job_type(user_id=tenant, document_id=doc["id"]), deps=deps)
    assert backend.db.documents[doc["id"]]["status"] == "ready" and backend.publisher.sent == []


def test_re_chunking_changed_text_drops_the_old_vectors(backend, deps, uploaded, storage, vectors, tenant) -> None:
    doc = uploaded()
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    old = {c for c in backend.db.chunks if c.startswith(str(doc["id"]))}
    storage.put(ingest.KB_BUCKET, doc["storage_path"], b"A short new text about opening hours.", "text/plain")
    backend.db.documents[doc["id"]]["status"] = "queued"  # re-embed, as the dashboard's button does
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    new = {c for c in backend.db.chunks if c.startswith(str(doc["id"]))}
    assert new and not new & old
    assert set(vectors.items[tenant]) == new
    assert backend.db.documents[doc["id"]]["status"] == "ready"


def test_an_index_that_lags_is_retried_before_the_document_is_ready(backend, deps, uploaded, vectors,
                                                                    tenant) -> None:
    doc = uploaded()
    vectors.visible_lag = 1
    with pytest.raises(TransientError):
        _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    assert backend.db.documents[doc["id"]]["status"] == "indexing"
    vectors.visible_lag = 0
    ingest.index_document(IndexDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    assert backend.db.documents[doc["id"]]["status"] == "ready"


def test_a_new_embedding_model_re_embeds_every_chunk(backend, deps, uploaded, tenant) -> None:
    doc = uploaded()
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    other = FakeEmbedder()
    other.model_name = "another-model"
    deps = dataclasses.replace(deps, embedder=other)
    backend.db.documents[doc["id"]]["status"] = "chunking"
    backend.publisher.sent.clear()
    _run_until_idle(backend, deps, ChunkDocument(user_id=tenant, document_id=doc["id"]))
    assert backend.db.documents[doc["id"]]["embedding_model"] == "another-model"
    assert all(c["embedding_model"] == "another-model" for c in backend.db.chunks.values())
    assert backend.db.documents[doc["id"]]["status"] == "ready"


def test_giving_up_fails_an_unfinished_document_with_a_reason_to_act_on(backend, deps, uploaded, tenant) -> None:
    working, ready = uploaded(), uploaded()
    backend.db.documents[working["id"]]["status"] = "embedding"
    backend.db.documents[ready["id"]]["status"] = "ready"
    for doc in (working, ready):
        reason = ingest.give_up_reason("embedding", TimeoutError("model busy"))
        ingest.fail_document(EmbedChunks(user_id=tenant, document_id=doc["id"], first_ordinal=0, last_ordinal=1),
                             reason, deps=deps)
    assert backend.db.documents[working["id"]]["status"] == "failed"
    assert "during embedding (TimeoutError: model busy)" in backend.db.documents[working["id"]]["error"]
    assert backend.db.documents[ready["id"]]["status"] == "ready"


def _embedding(backend, deps, uploaded, tenant) -> dict:
    """A document chunked and waiting for its first embed batch."""
    doc = uploaded()
    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    ingest.chunk_document(ChunkDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    return doc


def test_a_document_keeps_one_embed_batch_queued_at_a_time(backend, deps, uploaded, tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    assert (first.first_ordinal, first.last_ordinal) == (0, 1)
    backend.publisher.sent.clear()
    ingest.embed_chunks(first, deps=deps)
    [second] = backend.publisher.jobs()
    assert isinstance(second, EmbedChunks) and (second.first_ordinal, second.last_ordinal) == (2, 3)
    stored = backend.db.documents[doc["id"]]
    assert stored["chunks_done"] == 2 and 20 < stored["progress"] < 95


def test_a_duplicate_embed_job_neither_re_embeds_nor_queues_a_second_batch(backend, deps, uploaded, embedder,
                                                                           tenant) -> None:
    _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    ingest.embed_chunks(first, deps=deps)
    backend.publisher.sent.clear()
    calls = embedder.calls
    ingest.embed_chunks(first, deps=deps)  # redelivered after it finished
    assert backend.publisher.sent == [] and embedder.calls == calls


def test_a_batch_whose_worker_died_after_writing_the_vectors_queues_the_next(backend, deps, uploaded, vectors,
                                                                              tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    # As the pgvector store does: the vectors and their index state were written, the bookkeeping never ran.
    for c in backend.db.chunks.values():
        if c["document_id"] == doc["id"] and c["ordinal"] <= first.last_ordinal:
            c.update(indexed_at=backend.db.clock.now, embedding_model=deps.embedder.model_name)
    backend.publisher.sent.clear()
    ingest.embed_chunks(first, deps=deps)
    [second] = backend.publisher.jobs()
    assert isinstance(second, EmbedChunks) and second.first_ordinal == first.last_ordinal + 1
    assert backend.db.documents[doc["id"]]["chunks_done"] == 2


class WorkerDied(Exception):
    """The worker is killed as it sends the next job: its transaction has committed, the send never happens."""


def _die_sending_next(backend, deps, job) -> None:
    """Run the job's stage, its worker dying as it sends the next job."""
    stage = ingest.extract_document if isinstance(job, ExtractDocument) else ingest.embed_chunks
    backend.publisher.fail_with = WorkerDied()
    with pytest.raises(WorkerDied):
        stage(job, deps=deps)
    backend.publisher.fail_with = None


def test_a_batch_counted_by_a_worker_killed_before_it_queued_the_next_is_carried_on_by_its_redelivery(
        backend, deps, uploaded, embedder, vectors, tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    backend.publisher.sent.clear()
    _die_sending_next(backend, deps, first)
    assert backend.db.documents[doc["id"]]["chunks_done"] == 2 and backend.publisher.sent == []
    calls = embedder.calls
    ingest.embed_chunks(first, deps=deps, redelivered=True)  # the broker hands the unacked job out again
    [second] = backend.publisher.jobs()
    assert isinstance(second, EmbedChunks) and (second.first_ordinal, second.last_ordinal) == (2, 3)
    assert embedder.calls == calls and backend.db.documents[doc["id"]]["chunks_done"] == 2
    _run_until_idle(backend, deps, second)
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "ready" and stored["chunks_done"] == stored["chunks_total"]
    assert vectors.count(tenant, doc["id"]) == stored["chunks_total"]
    assert 1 + len(backend.publisher.jobs(EmbedChunks)) == -(-stored["chunks_total"] // 2)  # one job a batch


def test_a_plain_duplicate_of_a_counted_batch_leaves_the_next_batch_to_its_own_job(backend, deps, uploaded,
                                                                                   tenant) -> None:
    _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    backend.publisher.sent.clear()
    _die_sending_next(backend, deps, first)
    ingest.embed_chunks(first, deps=deps)  # not from the broker's redelivery: the sweeper carries it on
    assert backend.publisher.sent == []


def test_a_redelivered_batch_whose_next_batch_is_counted_sends_nothing(backend, deps, uploaded, embedder,
                                                                       tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    ingest.embed_chunks(first, deps=deps)
    [second] = backend.publisher.jobs(EmbedChunks)[1:]
    ingest.embed_chunks(second, deps=deps)  # the next batch ran before the first one's worker died unacked
    backend.publisher.sent.clear()
    calls, done = embedder.calls, backend.db.documents[doc["id"]]["chunks_done"]
    ingest.embed_chunks(first, deps=deps, redelivered=True)
    assert backend.publisher.sent == [] and embedder.calls == calls
    assert backend.db.documents[doc["id"]]["chunks_done"] == done == 4


def test_a_next_batch_sent_twice_is_embedded_and_counted_once(backend, deps, uploaded, embedder, vectors,
                                                              tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    [first] = backend.publisher.jobs(EmbedChunks)
    backend.publisher.sent.clear()
    ingest.embed_chunks(first, deps=deps)  # counted and sent the next batch; its worker died before the ack
    ingest.embed_chunks(first, deps=deps, redelivered=True)  # cannot tell: sends the next batch again
    copy, again = backend.publisher.jobs()
    assert (copy.first_ordinal, copy.last_ordinal) == (again.first_ordinal, again.last_ordinal) == (2, 3)
    backend.publisher.sent.clear()
    ingest.embed_chunks(copy, deps=deps)
    calls = embedder.calls
    ingest.embed_chunks(again, deps=deps)  # a plain duplicate: no embedding, no second next batch
    assert embedder.calls == calls and len(backend.publisher.jobs()) == 1
    _run_until_idle(backend, deps, backend.publisher.jobs()[0])
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "ready" and stored["chunks_done"] == stored["chunks_total"]
    chunks = [c for c in backend.db.chunks.values() if c["document_id"] == doc["id"]]
    assert len(chunks) == stored["chunks_total"] == vectors.count(tenant, doc["id"])


def test_a_last_batch_counted_by_a_worker_killed_before_it_queued_the_index_check_is_finished_by_its_redelivery(
        backend, deps, uploaded, tenant) -> None:
    doc = _embedding(backend, deps, uploaded, tenant)
    job = backend.publisher.jobs(EmbedChunks)[0]
    while job.last_ordinal + 1 < backend.db.documents[doc["id"]]["chunks_total"]:
        backend.publisher.sent.clear()
        ingest.embed_chunks(job, deps=deps)
        [job] = backend.publisher.jobs()
    backend.publisher.sent.clear()
    _die_sending_next(backend, deps, job)
    assert backend.db.documents[doc["id"]]["status"] == "indexing" and backend.publisher.sent == []
    ingest.embed_chunks(job, deps=deps)  # a plain duplicate leaves it to the sweeper
    assert backend.publisher.sent == []
    ingest.embed_chunks(job, deps=deps, redelivered=True)
    [check] = backend.publisher.jobs()
    assert isinstance(check, IndexDocument) and check.document_id == doc["id"]
    ingest.index_document(check, deps=deps)
    assert backend.db.documents[doc["id"]]["status"] == "ready"


def test_a_document_making_too_many_passages_is_refused_with_the_reason(backend, deps, uploaded, tenant) -> None:
    doc = uploaded()
    deps = dataclasses.replace(deps, max_document_chunks=3)
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "failed" and "at most 3" in stored["error"] and "Split it" in stored["error"]
    assert backend.publisher.jobs(EmbedChunks) == []


def _delete(backend, tenant, doc) -> None:
    del backend.db.documents[doc["id"]]  # as DELETE /api/kb/<id> does, before any chunk exists


def test_a_document_deleted_while_its_file_is_read_leaves_nothing_behind(backend, deps, uploaded, storage,
                                                                          tenant) -> None:
    doc = uploaded()

    def read_then_deleted(data, mime_type, limits):
        _delete(backend, tenant, doc)
        storage.delete_prefix(ingest.KB_BUCKET, ingest.document_prefix(tenant, doc["id"]))
        return extract(data, mime_type, limits)

    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]),
                            deps=dataclasses.replace(deps, read_file=read_then_deleted))
    assert (ingest.KB_BUCKET, ingest.extracted_path(tenant, doc["id"])) not in storage.objects
    assert backend.publisher.sent == []


def test_a_document_deleted_before_its_text_is_chunked_ends_the_job_quietly(backend, deps, uploaded, storage,
                                                                             tenant) -> None:
    doc = uploaded()
    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]), deps=deps)
    backend.publisher.sent.clear()

    class DeletedMeanwhile:
        def get(self, bucket, path):
            _delete(backend, tenant, doc)
            storage.delete_prefix(bucket, ingest.document_prefix(tenant, doc["id"]))
            return storage.get(bucket, path)

    ingest.chunk_document(ChunkDocument(user_id=tenant, document_id=doc["id"]),
                          deps=dataclasses.replace(deps, storage=DeletedMeanwhile()))
    assert backend.publisher.sent == []


def test_text_stored_by_a_worker_killed_before_it_queued_chunking_is_carried_on_by_its_redelivery(
        backend, deps, uploaded, vectors, tenant) -> None:
    doc = uploaded()
    job = ExtractDocument(user_id=tenant, document_id=doc["id"])
    _die_sending_next(backend, deps, job)
    assert backend.db.documents[doc["id"]]["status"] == "chunking" and backend.publisher.sent == []
    ingest.extract_document(job, deps=deps, redelivered=True)  # the broker hands the unacked job out again
    [chunk] = backend.publisher.jobs()
    assert isinstance(chunk, ChunkDocument) and chunk.document_id == doc["id"]
    _run_until_idle(backend, deps, chunk)
    stored = backend.db.documents[doc["id"]]
    assert stored["status"] == "ready" and vectors.count(tenant, doc["id"]) == stored["chunks_total"]


def test_a_plain_duplicate_of_a_finished_extraction_sends_nothing(backend, deps, uploaded, tenant) -> None:
    doc = uploaded()
    job = ExtractDocument(user_id=tenant, document_id=doc["id"])
    _die_sending_next(backend, deps, job)
    ingest.extract_document(job, deps=deps)  # not from the broker's redelivery: the sweeper carries it on
    assert backend.publisher.sent == [] and backend.db.documents[doc["id"]]["status"] == "chunking"


def test_a_redelivered_extraction_of_a_document_past_chunking_sends_nothing(backend, deps, uploaded,
                                                                            tenant) -> None:
    doc = uploaded()
    _run_until_idle(backend, deps, ExtractDocument(user_id=tenant, document_id=doc["id"]))
    backend.publisher.sent.clear()
    ingest.extract_document(ExtractDocument(user_id=tenant, document_id=doc["id"]), deps=deps, redelivered=True)
    assert backend.publisher.sent == [] and backend.db.documents[doc["id"]]["status"] == "ready"
