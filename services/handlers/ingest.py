"""Queue `ingest`: extract -> chunk -> embed (batched) -> index, one task each.

Each stage checks the document's status before acting, so a redelivered or stale
job is a no-op; all external I/O (storage, model, vector store) happens outside
database transactions, and the next job is published only after commit.
Progress lives on the row and is mirrored to the tenant's live event channel.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from pipelines.chunking import ChunkingOptions, chunk_sections
from pipelines.ingest_batches import resend_index_check, resend_next_batch
from schemas.jobs import ChunkDocument, EmbedChunks, ExtractDocument, IndexDocument, QueuedJob
from schemas.kb import ExtractedDocument
from schemas.pipelines import DOCUMENT_NEXT_JOB
from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError
from services.adapters.extract_isolated import FileReader, extract_isolated
from services.adapters.ports import (
    ChunksGoneError,
    Embedder,
    EventPublisher,
    Storage,
    StorageObjectMissingError,
    UnitOfWork,
    VectorItem,
    VectorStore,
)
from services.core.errors import TransientError
from services.repositories.kb_repository import DocumentRow
from services.repositories.rows import existing
from services.usecases.kb_paths import KB_BUCKET, document_prefix, extracted_path

# The jobs of one document's way to the index: each names the document.
DocumentJob = ExtractDocument | ChunkDocument | EmbedChunks | IndexDocument

log = logging.getLogger(__name__)

TenantUow = Callable[[uuid.UUID], UnitOfWork]


@dataclass(frozen=True)
class IngestDeps:
    tenant_uow: TenantUow
    storage: Storage
    embedder: Embedder
    vectors: VectorStore
    events: EventPublisher
    limits: ExtractionLimits
    chunk_max_tokens: int
    chunk_overlap_tokens: int
    chunks_per_job: int
    # In a child process with hard limits: a hostile file can never hold this worker past them.
    read_file: FileReader = extract_isolated
    # A document making more passages than this is refused (None: no limit).
    max_document_chunks: int | None = None
    # Starts loading what `embedder` needs in the background (int8 document graph): it loads while the file
    # is read and chunked instead of holding the first batch (None: nothing to load ahead).
    load_embedder_ahead: Callable[[], None] | None = None
    # Told when a document's last batch is embedded: what `embedder` loaded for documents can go soon after,
    # rather than after its idle time (a worker ingests rarely; None: nothing to let go).
    documents_done: Callable[[], None] | None = None
    # The embedder's tokenizer counts joined texts as the sum of their counts: a chunk's count is its parts'
    # sum instead of a second pass of the tokenizer over every chunk (pipelines/chunking.py).
    token_counts_add_up: bool = False


def chunk_id(document_id: uuid.UUID, ordinal: int, content: str) -> str:
    return f"{document_id}:{ordinal}:{hashlib.sha256(content.encode()).hexdigest()[:12]}"


def _progress(deps: IngestDeps, uow: UnitOfWork, job: DocumentJob, **values: object) -> None:
    uow.kb.update(job.document_id, **values)
    doc = existing(uow.kb.get(job.document_id), "document")
    deps.events.publish(job.user_id, "kb.progress", {
        "document_id": str(job.document_id), "status": doc.status, "progress": doc.progress,
        "chunks_done": doc.chunks_done, "chunks_total": doc.chunks_total, "error": doc.error,
    })


def _load(uow: UnitOfWork, job: DocumentJob, allowed: tuple[str, ...]) -> DocumentRow | None:
    doc = uow.kb.get(job.document_id, lock=True)
    if doc is None or doc.status not in allowed:
        log.info("stale ingest job skipped", extra={"document_id": str(job.document_id),
                                                     "status": doc and doc.status})
        return None
    return doc


def extract_document(job: ExtractDocument, *, deps: IngestDeps, redelivered: bool = False) -> None:
    """Read the upload's text, store it, and queue chunking.

    `redelivered`: the broker handed this job out before, to a worker that died holding it; that worker may
    have moved the document to `chunking` and died before queueing the chunk job, which this copy then sends.
    A second chunk job is harmless: it writes the same passages, and a duplicate embed batch it leads to
    finds its batch counted and stops.
    """
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("queued", "extracting", "chunking"))
        if doc is not None and doc.status == "chunking":
            if redelivered:
                log.warning("text stored before its worker died: chunk job queued again",
                            extra={"document_id": str(job.document_id)})
                uow.publish_after_commit(ChunkDocument(user_id=job.user_id, document_id=job.document_id,
                                                       trace_id=job.trace_id))
            return
        if doc is None:
            return
        _progress(deps, uow, job, status="extracting", progress=5, error=None)
    if deps.load_embedder_ahead is not None:
        deps.load_embedder_ahead()
    try:
        data = deps.storage.get(KB_BUCKET, doc.storage_path)
    except StorageObjectMissingError:
        if _deleted(deps, job):
            return
        raise
    try:
        extracted = deps.read_file(data, doc.mime_type, deps.limits)
    except (ExtractionError, UnsupportedTypeError) as exc:
        fail_document(job, str(exc), deps=deps)
        return
    deps.storage.put(KB_BUCKET, extracted_path(job.user_id, job.document_id),
                     extracted.model_dump_json().encode(), "application/json")
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("extracting",))
        deleted = doc is None and uow.kb.get(job.document_id) is None
        if doc is not None:
            _progress(deps, uow, job, status="chunking", progress=15)
            uow.publish_after_commit(ChunkDocument(user_id=job.user_id, document_id=job.document_id,
                                                   trace_id=job.trace_id))
    if deleted:
        # Deleted while it was read: the text just stored must not outlive it.
        deps.storage.delete_prefix(KB_BUCKET, document_prefix(job.user_id, job.document_id))


def chunk_document(job: ChunkDocument, *, deps: IngestDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("chunking", "embedding")) is None:
            return
    try:
        raw = deps.storage.get(KB_BUCKET, extracted_path(job.user_id, job.document_id))
    except StorageObjectMissingError:
        if _deleted(deps, job):
            return
        raise
    sections = ExtractedDocument.model_validate_json(raw).sections
    options = ChunkingOptions(
        max_tokens=min(deps.chunk_max_tokens, deps.embedder.max_tokens),
        overlap_tokens=min(deps.chunk_overlap_tokens, deps.chunk_max_tokens // 2 - 1),
    )
    drafts = chunk_sections(sections, deps.embedder.count_tokens, options, deps.embedder.count_tokens_many,
                            counts_add_up=deps.token_counts_add_up)
    if not drafts:
        fail_document(job, "No text could be extracted from this file.", deps=deps)
        return
    if deps.max_document_chunks is not None and len(drafts) > deps.max_document_chunks:
        fail_document(job, f"This file makes {len(drafts)} passages; one document may make at most "
                           f"{deps.max_document_chunks}. Split it into smaller files, or remove what customers "
                           "will not ask about, and upload those.", deps=deps)
        return
    chunks = [{"id": chunk_id(job.document_id, d.ordinal, d.content), "ordinal": d.ordinal,
               "content": d.content, "metadata": d.metadata} for d in drafts]
    model = deps.embedder.model_name
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("chunking", "embedding")) is None:
            return
        stale = uow.kb.replace_chunks(job.user_id, job.document_id, chunks)
        if stale:
            # Vectors of chunks that no longer exist must go; the rest are re-sent.
            uow.kb.clear_index_state(job.document_id)
    if stale:
        deps.vectors.delete_document(job.user_id, job.document_id)
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("chunking", "embedding")) is None:
            return
        pending = uow.kb.unindexed_ordinals(job.document_id, model)
        done = len(chunks) - len(pending)
        _progress(deps, uow, job, status="embedding", chunks_total=len(chunks), chunks_done=done,
                  progress=_embedding_percent(done, len(chunks)), embedding_model=model)
        _next_batch(deps, uow, job, pending)


def embed_chunks(job: EmbedChunks, *, deps: IngestDeps, redelivered: bool = False) -> None:
    """Embed one batch, then queue the document's next one.

    A document has one batch queued at a time, so documents share the ingest queue: another
    document's jobs wait behind one batch of each document being embedded, not behind all of them.
    `redelivered`: the broker handed this job out before, to a worker that died holding it; that worker
    may have counted the batch and died before queueing the next job, which this copy then sends.
    """
    model = deps.embedder.model_name
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("embedding", "indexing"))
        if doc is not None and doc.status == "indexing":
            # The last batch was counted: only the index check can still be missing.
            if resend_index_check(doc.status, redelivered=redelivered):
                log.warning("last batch counted before its worker died: index check queued again",
                            extra={"document_id": str(job.document_id)})
                uow.publish_after_commit(IndexDocument(user_id=job.user_id, document_id=job.document_id,
                                                       trace_id=job.trace_id))
            return
        # Chunks already embedded (a redelivered or duplicate job) are not embedded again.
        rows = [] if doc is None else uow.kb.chunks_between(job.document_id, job.first_ordinal, job.last_ordinal,
                                                             unindexed_for=model)
        deleted = doc is None and uow.kb.get(job.document_id) is None
    if deleted:
        # A hosted index may have taken the previous batch after the delete cleared it.
        deps.vectors.delete_document(job.user_id, job.document_id)
    if doc is None:
        return
    if rows:
        vectors = deps.embedder.embed([r.content for r in rows])
        try:
            deps.vectors.upsert(job.user_id, [
                VectorItem(r.id, job.document_id, r.ordinal, vector, model)
                for r, vector in zip(rows, vectors, strict=True)
            ])
        except ChunksGoneError:
            if not _deleted(deps, job):
                raise
            return
    last = False
    with deps.tenant_uow(job.user_id) as uow:
        # The row lock serialises the batches' bookkeeping: exactly one sees the last chunk land.
        doc = _load(uow, job, ("embedding",))
        deleted = doc is None and uow.kb.get(job.document_id) is None
        if doc is not None:
            last = _count_batch(deps, uow, job, doc, [r.id for r in rows], redelivered=redelivered)
    if deleted and rows:
        # Deleted while this batch was embedded: what it just wrote to the index must not stay.
        deps.vectors.delete_document(job.user_id, job.document_id)
    if (last or deleted) and rows and deps.documents_done is not None:
        deps.documents_done()


def _count_batch(deps: IngestDeps, uow: UnitOfWork, job: EmbedChunks, doc: DocumentRow, chunk_ids: list[str], *,
                 redelivered: bool) -> bool:
    """Count the batch and queue what follows it; whether that is the index check (the document's last batch)."""
    model = deps.embedder.model_name
    uow.kb.mark_indexed(chunk_ids, model)
    done = uow.kb.indexed_count(job.document_id, model)
    total = doc.chunks_total
    if done <= doc.chunks_done and done < total:
        # Another copy of this job already counted these chunks. It queued the next batch, unless its worker
        # died first: queueing it again for a plain duplicate would keep two of the document's batches in
        # the queue from now on, so only a redelivered copy does, and only while the next batch is uncounted.
        pending = uow.kb.unindexed_ordinals(job.document_id, model, limit=deps.chunks_per_job)
        if resend_next_batch(job.last_ordinal, pending, redelivered=redelivered):
            log.warning("batch counted before its worker died: next batch queued again",
                        extra={"document_id": str(job.document_id), "first_ordinal": pending[0]})
            return _next_batch(deps, uow, job, pending)
        log.info("embed job already done by another copy", extra={"document_id": str(job.document_id)})
        return False
    _progress(deps, uow, job, chunks_done=done, progress=_embedding_percent(done, total))
    return _next_batch(deps, uow, job, uow.kb.unindexed_ordinals(job.document_id, model, limit=deps.chunks_per_job))


def index_document(job: IndexDocument, *, deps: IngestDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("indexing",))
        if doc is None:
            return
    indexed = deps.vectors.count(job.user_id, job.document_id)
    if indexed != doc.chunks_total:
        # Hosted indexes are eventually consistent: give them time before calling it broken.
        raise TransientError(f"vector index holds {indexed} of {doc.chunks_total} chunks so far")
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("indexing",)) is None:
            return
        _progress(deps, uow, job, status="ready", progress=100, chunks_done=doc.chunks_total)
    log.info("document ready", extra={"document_id": str(job.document_id), "chunks": doc.chunks_total})


def fail_document(job: DocumentJob, reason: str, *, deps: IngestDeps) -> None:
    """Mark the job's document failed with a reason its owner can act on."""
    document_id = getattr(job, "document_id", None)
    user_id = getattr(job, "user_id", None)
    if document_id is None or user_id is None:
        return
    with deps.tenant_uow(user_id) as uow:
        doc = uow.kb.get(document_id, lock=True)
        if doc is None or doc.status in ("ready", "failed"):
            return
        _progress(deps, uow, job, status="failed", error=reason[:1000])
    log.warning("document failed", extra={"document_id": str(document_id), "reason": reason})


def give_up_reason(stage: str, error: BaseException) -> str:
    return (f"Processing stopped during {stage} ({type(error).__name__}: {str(error)[:300]}). "
            "Try re-embedding the document; if it fails again, contact support.")


def _to_indexing(deps: IngestDeps, uow: UnitOfWork, job: DocumentJob) -> None:
    _progress(deps, uow, job, status="indexing", progress=97)
    uow.publish_after_commit(IndexDocument(user_id=job.user_id, document_id=job.document_id,
                                           trace_id=job.trace_id))


def _embedding_percent(done: int, total: int) -> int:
    return 20 + (75 * done // total if total else 0)


def _next_batch(deps: IngestDeps, uow: UnitOfWork, job: DocumentJob, pending: list[int]) -> bool:
    """Queue the embed job for the first `chunks_per_job` pending chunks, or indexing when none is left (True)."""
    if not pending:
        _to_indexing(deps, uow, job)
        return True
    batch = pending[:deps.chunks_per_job]
    uow.publish_after_commit(EmbedChunks(user_id=job.user_id, document_id=job.document_id,
                                         first_ordinal=batch[0], last_ordinal=batch[-1], trace_id=job.trace_id))
    return False


def _deleted(deps: IngestDeps, job: DocumentJob) -> bool:
    """Whether the job's document was deleted: its remaining jobs then end quietly."""
    with deps.tenant_uow(job.user_id) as uow:
        if uow.kb.get(job.document_id) is not None:
            return False
    log.info("document deleted during ingestion; job ended", extra={"document_id": str(job.document_id)})
    return True


def stuck_documents(deps: IngestDeps, older_than_seconds: float):
    """Sweeper finder: re-send the job for each document stuck mid-pipeline."""
    def find(uow: UnitOfWork) -> list[QueuedJob]:
        jobs: list[QueuedJob] = []
        for doc in uow.kb.stuck(older_than_seconds):
            kind = DOCUMENT_NEXT_JOB[doc.status]
            jobs.append(kind(user_id=doc.user_id, document_id=doc.id))
        return jobs

    find.__name__ = "stuck_documents"
    return find


def other_model_documents(deps: IngestDeps, per_sweep: int = 20):
    """Sweeper finder, the migration when the embedding model changes (another model, or the int8
    variant of the same one): each ready document embedded by another model goes through the re-embed
    path again, from chunking (from extraction if its text is gone). Until then searches skip its
    chunks, as they filter on the model, so old and new vectors are never compared. A few a sweep,
    so a large knowledge base is re-embedded in the background without filling the queue."""
    def find(uow: UnitOfWork) -> list[QueuedJob]:
        jobs: list[QueuedJob] = []
        model = deps.embedder.model_name
        for doc in uow.kb.embedded_by_other_model(model, per_sweep):
            kind: type[ChunkDocument | ExtractDocument]
            try:
                deps.storage.get(KB_BUCKET, extracted_path(doc.user_id, doc.id))
                status, kind = "chunking", ChunkDocument
            except StorageObjectMissingError:
                status, kind = "queued", ExtractDocument
            uow.kb.update(doc.id, status=status, progress=0, error=None)
            uow.audit.log(doc.user_id, "kb.document_reembedded",
                          {"document_id": str(doc.id), "from_model": doc.embedding_model, "to_model": model})
            jobs.append(kind(user_id=doc.user_id, document_id=doc.id))
        return jobs

    find.__name__ = "other_model_documents"
    return find
