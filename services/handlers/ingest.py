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
from schemas.jobs import ChunkDocument, EmbedChunks, ExtractDocument, IndexDocument, QueuedJob
from schemas.kb import ExtractedDocument
from schemas.pipelines import DOCUMENT_NEXT_JOB
from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError
from services.adapters.extract_isolated import FileReader, extract_isolated
from services.adapters.ports import (
    Embedder,
    EventPublisher,
    Storage,
    StorageObjectMissingError,
    UnitOfWork,
    VectorItem,
    VectorStore,
)
from services.core.errors import TransientError
from services.repositories.rows import existing
from services.usecases.kb_paths import KB_BUCKET, document_prefix, extracted_path  # noqa: F401  # named here too by callers of the stage

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


def chunk_id(document_id: uuid.UUID, ordinal: int, content: str) -> str:
    return f"{document_id}:{ordinal}:{hashlib.sha256(content.encode()).hexdigest()[:12]}"


def _progress(deps: IngestDeps, uow: UnitOfWork, job: DocumentJob, **values: object) -> None:
    uow.kb.update(job.document_id, **values)
    doc = existing(uow.kb.get(job.document_id), "document")
    deps.events.publish(job.user_id, "kb.progress", {
        "document_id": str(job.document_id), "status": doc["status"], "progress": doc["progress"],
        "chunks_done": doc["chunks_done"], "chunks_total": doc["chunks_total"], "error": doc["error"],
    })


def _load(uow: UnitOfWork, job: DocumentJob, allowed: tuple[str, ...]) -> dict | None:
    doc = uow.kb.get(job.document_id, lock=True)
    if doc is None or doc["status"] not in allowed:
        log.info("stale ingest job skipped", extra={"document_id": str(job.document_id),
                                                     "status": doc and doc["status"]})
        return None
    return doc


def extract_document(job: ExtractDocument, *, deps: IngestDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("queued", "extracting"))
        if doc is None:
            return
        _progress(deps, uow, job, status="extracting", progress=5, error=None)
    data = deps.storage.get(KB_BUCKET, doc["storage_path"])
    try:
        extracted = deps.read_file(data, doc["mime_type"], deps.limits)
    except (ExtractionError, UnsupportedTypeError) as exc:
        fail_document(job, str(exc), deps=deps)
        return
    deps.storage.put(KB_BUCKET, extracted_path(job.user_id, job.document_id),
                     extracted.model_dump_json().encode(), "application/json")
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("extracting",)) is None:
            return
        _progress(deps, uow, job, status="chunking", progress=15)
        uow.publish_after_commit(ChunkDocument(user_id=job.user_id, document_id=job.document_id,
                                               trace_id=job.trace_id))


def chunk_document(job: ChunkDocument, *, deps: IngestDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("chunking", "embedding")) is None:
            return
    raw = deps.storage.get(KB_BUCKET, extracted_path(job.user_id, job.document_id))
    sections = ExtractedDocument.model_validate_json(raw).sections
    options = ChunkingOptions(
        max_tokens=min(deps.chunk_max_tokens, deps.embedder.max_tokens),
        overlap_tokens=min(deps.chunk_overlap_tokens, deps.chunk_max_tokens // 2 - 1),
    )
    drafts = chunk_sections(sections, deps.embedder.count_tokens, options, deps.embedder.count_tokens_many)
    if not drafts:
        fail_document(job, "No text could be extracted from this file.", deps=deps)
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
        for first, last in _batches(pending, deps.chunks_per_job):
            uow.publish_after_commit(EmbedChunks(user_id=job.user_id, document_id=job.document_id,
                                                 first_ordinal=first, last_ordinal=last, trace_id=job.trace_id))
        if not pending:
            _to_indexing(deps, uow, job)


def embed_chunks(job: EmbedChunks, *, deps: IngestDeps) -> None:
    model = deps.embedder.model_name
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("embedding",)) is None:
            return
        rows = uow.kb.chunks_between(job.document_id, job.first_ordinal, job.last_ordinal)
    if rows:
        vectors = deps.embedder.embed([r["content"] for r in rows])
        deps.vectors.upsert(job.user_id, [
            VectorItem(r["id"], job.document_id, r["ordinal"], vector, model) for r, vector in zip(rows, vectors,
                                                                                                   strict=True)
        ])
    with deps.tenant_uow(job.user_id) as uow:
        # The row lock serialises the batches' bookkeeping: exactly one sees the last chunk land.
        doc = _load(uow, job, ("embedding",))
        if doc is None:
            return
        uow.kb.mark_indexed([r["id"] for r in rows], model)
        done = uow.kb.indexed_count(job.document_id, model)
        total = doc["chunks_total"]
        _progress(deps, uow, job, chunks_done=done, progress=_embedding_percent(done, total))
        if done >= total:
            _to_indexing(deps, uow, job)


def index_document(job: IndexDocument, *, deps: IngestDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        doc = _load(uow, job, ("indexing",))
        if doc is None:
            return
    indexed = deps.vectors.count(job.user_id, job.document_id)
    if indexed != doc["chunks_total"]:
        # Hosted indexes are eventually consistent: give them time before calling it broken.
        raise TransientError(f"vector index holds {indexed} of {doc['chunks_total']} chunks so far")
    with deps.tenant_uow(job.user_id) as uow:
        if _load(uow, job, ("indexing",)) is None:
            return
        _progress(deps, uow, job, status="ready", progress=100, chunks_done=doc["chunks_total"])
    log.info("document ready", extra={"document_id": str(job.document_id), "chunks": doc["chunks_total"]})


def fail_document(job: DocumentJob, reason: str, *, deps: IngestDeps) -> None:
    """Mark the job's document failed with a reason its owner can act on."""
    document_id = getattr(job, "document_id", None)
    user_id = getattr(job, "user_id", None)
    if document_id is None or user_id is None:
        return
    with deps.tenant_uow(user_id) as uow:
        doc = uow.kb.get(document_id, lock=True)
        if doc is None or doc["status"] in ("ready", "failed"):
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


def _batches(ordinals: list[int], size: int) -> list[tuple[int, int]]:
    """Consecutive ranges of at most `size` pending ordinals."""
    ranges = []
    for start in range(0, len(ordinals), size):
        batch = ordinals[start:start + size]
        ranges.append((batch[0], batch[-1]))
    return ranges


def stuck_documents(deps: IngestDeps, older_than_seconds: float):
    """Sweeper finder: re-send the job for each document stuck mid-pipeline."""
    def find(uow: UnitOfWork) -> list[QueuedJob]:
        jobs: list[QueuedJob] = []
        for doc in uow.kb.stuck(older_than_seconds):
            kind = DOCUMENT_NEXT_JOB[doc["status"]]
            jobs.append(kind(user_id=doc["user_id"], document_id=doc["id"]))
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
                deps.storage.get(KB_BUCKET, extracted_path(doc["user_id"], doc["id"]))
                status, kind = "chunking", ChunkDocument
            except StorageObjectMissingError:
                status, kind = "queued", ExtractDocument
            uow.kb.update(doc["id"], status=status, progress=0, error=None)
            uow.audit.log(doc["user_id"], "kb.document_reembedded",
                          {"document_id": str(doc["id"]), "from_model": doc["embedding_model"], "to_model": model})
            jobs.append(kind(user_id=doc["user_id"], document_id=doc["id"]))
        return jobs

    find.__name__ = "other_model_documents"
    return find
