"""Knowledge-base use cases shared by the REST API, the dashboard and the CLI."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass

import psycopg

from pipelines.filenames import display_filename, safe_filename
from pipelines.plain_words import megabytes
from schemas.jobs import ChunkDocument, ExtractDocument
from schemas.kb import DocumentView, SearchHit
from schemas.pipelines import DOCUMENT_IN_PROGRESS
from services.adapters.extract import SUPPORTED_TYPES, UnsupportedTypeError, sniff_type
from services.adapters.ports import Embedder, Storage, StorageObjectMissingError, VectorStore
from services.repositories import rows
from services.repositories.db import PublishAfterCommitError, TenantUow
from services.repositories.kb_repository import DocumentRow, PassagePreview
from services.usecases import answering, bot_settings
from services.usecases.kb_paths import KB_BUCKET, document_prefix, extracted_path

log = logging.getLogger(__name__)


class KnowledgeBaseError(Exception):
    """A request the knowledge base refuses; `status` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details


class EmptyUploadError(KnowledgeBaseError):
    status = 400


class UploadTooLargeError(KnowledgeBaseError):
    status = 413


class UnsupportedUploadError(KnowledgeBaseError):
    status = 415


class DuplicateDocumentError(KnowledgeBaseError):
    status = 409


class DocumentNotFoundError(KnowledgeBaseError):
    status = 404


class DocumentBusyError(KnowledgeBaseError):
    status = 409


@dataclass(frozen=True)
class KbDeps:
    tenant_uow: TenantUow
    storage: Storage
    vectors: VectorStore
    embedder: Embedder
    max_upload_bytes: int


class KnowledgeBase:
    """What the REST API, the dashboard, the CLI and the evaluation harness do with a tenant's documents."""

    def __init__(self, deps: KbDeps) -> None:
        self.deps = deps

    def upload(self, user_id: uuid.UUID, filename: str, data: bytes) -> DocumentView:
        """Store a file and queue it for ingestion. Returns the new document (status `queued`)."""
        limit = self.deps.max_upload_bytes
        if not data:
            raise EmptyUploadError("the uploaded file is empty")
        if len(data) > limit:
            raise UploadTooLargeError(f"the file is {megabytes(len(data))}; files can be up to {megabytes(limit)} each",
                                      limit=limit)
        try:
            mime_type = sniff_type(data, filename)
        except UnsupportedTypeError as exc:
            raise UnsupportedUploadError(f"unsupported file: {exc}",
                                         supported=sorted(SUPPORTED_TYPES.values())) from None
        sha256 = hashlib.sha256(data).hexdigest()
        with self.deps.tenant_uow(user_id) as uow:
            existing = uow.kb.find_by_sha256(sha256)
        if existing is not None:
            raise _duplicate(existing)

        document_id = uuid.uuid4()
        # The owner sees the file's own name in its own script; the storage key is ASCII under the document's id.
        name = display_filename(filename)
        path = document_prefix(user_id, document_id) + safe_filename(filename)
        self.deps.storage.put(KB_BUCKET, path, data, mime_type)
        try:
            with self.deps.tenant_uow(user_id) as uow:
                row = uow.kb.insert(document_id=document_id, user_id=user_id, filename=name, storage_path=path,
                                    mime_type=mime_type, size_bytes=len(data), sha256=sha256)
                uow.audit.log(user_id, "kb.document_uploaded", {"document_id": str(document_id), "filename": name,
                                                                 "size_bytes": len(data), "mime_type": mime_type})
                uow.publish_after_commit(ExtractDocument(user_id=user_id, document_id=document_id))
        except psycopg.errors.UniqueViolation:
            # The same file arrived twice at once: keep the first, drop this copy.
            self.deps.storage.delete_prefix(KB_BUCKET, document_prefix(user_id, document_id))
            with self.deps.tenant_uow(user_id) as uow:
                raise _duplicate(rows.existing(uow.kb.find_by_sha256(sha256), "the first copy")) from None
        except PublishAfterCommitError as exc:
            # The document and its file are stored: the stuck-document sweeper sends the extract job once the
            # broker answers again, so the upload succeeded and its file must stay.
            log.warning("document stored; its ingestion is left for the sweeper",
                        extra={"document_id": str(document_id), "error": str(exc)})
        except BaseException:
            self.deps.storage.delete_prefix(KB_BUCKET, document_prefix(user_id, document_id))
            raise
        return DocumentView.model_validate(row, from_attributes=True)

    def list_documents(self, user_id: uuid.UUID) -> list[DocumentView]:
        with self.deps.tenant_uow(user_id) as uow:
            return [DocumentView.model_validate(row, from_attributes=True) for row in uow.kb.list()]

    def get_document(self, user_id: uuid.UUID, document_id: uuid.UUID, *, limit: int = 5,
                     offset: int = 0) -> tuple[DocumentView, list[PassagePreview]]:
        with self.deps.tenant_uow(user_id) as uow:
            row = uow.kb.get(document_id)
            if row is None:
                raise DocumentNotFoundError("no such document")
            return DocumentView.model_validate(row, from_attributes=True), uow.kb.preview(document_id, limit, offset)

    def count_passages(self, user_id: uuid.UUID, document_id: uuid.UUID) -> int:
        with self.deps.tenant_uow(user_id) as uow:
            return uow.kb.chunk_count(document_id)

    def delete_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> None:
        """Vectors, chunks, stored files and the row, in that order (a retry finishes the job)."""
        with self.deps.tenant_uow(user_id) as uow:
            if uow.kb.get(document_id) is None:
                raise DocumentNotFoundError("no such document")
        self.deps.vectors.delete_document(user_id, document_id)
        self.deps.storage.delete_prefix(KB_BUCKET, document_prefix(user_id, document_id))
        with self.deps.tenant_uow(user_id) as uow:
            row = uow.kb.get(document_id, lock=True)
            if row is None:
                return
            uow.kb.delete(document_id)
            uow.audit.log(user_id, "kb.document_deleted",
                          {"document_id": str(document_id), "filename": row.filename})

    def reembed_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> DocumentView:
        """Run the document again from chunking (from extraction if that never finished)."""
        job_type: type[ChunkDocument] | type[ExtractDocument]
        try:
            self.deps.storage.get(KB_BUCKET, extracted_path(user_id, document_id))
            restart_at, job_type = "chunking", ChunkDocument
        except StorageObjectMissingError:
            restart_at, job_type = "queued", ExtractDocument
        try:
            with self.deps.tenant_uow(user_id) as uow:
                row = uow.kb.get(document_id, lock=True)
                if row is None:
                    raise DocumentNotFoundError("no such document")
                if row.status in DOCUMENT_IN_PROGRESS:
                    raise DocumentBusyError(f"the document is still being processed ({row.status})",
                                            document_status=row.status)
                uow.kb.update(document_id, status=restart_at, progress=0, error=None)
                uow.audit.log(user_id, "kb.document_reembedded", {"document_id": str(document_id),
                                                                   "filename": row.filename})
                uow.publish_after_commit(job_type(user_id=user_id, document_id=document_id))
                view = DocumentView.model_validate(uow.kb.get(document_id), from_attributes=True)
        except PublishAfterCommitError as exc:
            # Committed: the stuck-document sweeper sends the job once the broker answers again.
            log.warning("document restarted; its job is left for the sweeper",
                        extra={"document_id": str(document_id), "error": str(exc)})
        return view

    def search(self, user_id: uuid.UUID, query: str, k: int = 5,
               document_ids: list[uuid.UUID] | None = None) -> list[SearchHit]:
        """What the bot would find for `query`: the fused ranking rag.respond answers from, best first,
        each with its cosine similarity to the question."""
        retrieval = answering.retrieve(self._answer_deps(), user_id, query, limit=k, document_ids=document_ids)
        return _hits(retrieval)

    def try_question(self, user_id: uuid.UUID, question: str) -> tuple[list[SearchHit], answering.Answer]:
        """The dashboard's test box: the passages and the reply a customer asking `question` would get
        (without the business's model, which a search box does not call)."""
        settings = bot_settings.read(self.deps.tenant_uow, user_id)
        result = answering.answer(self._answer_deps(), user_id, settings, question, use_models=False)
        return _hits(result.retrieval), result

    def _answer_deps(self) -> answering.Deps:
        return answering.Deps(self.deps.embedder, self.deps.vectors, self.deps.tenant_uow)


def _duplicate(existing: DocumentRow) -> DuplicateDocumentError:
    return DuplicateDocumentError(
        f"this file was already uploaded as {existing.filename!r}; delete that document first "
        "to upload it again", document_id=str(existing.id), document_status=existing.status)


def _hits(retrieval: answering.Retrieval) -> list[SearchHit]:
    return [SearchHit(chunk_id=f.chunk_id, score=round(f.cosine, 4), document_id=f.document_id, filename=f.filename,
                      location=f.location, content=f.content, metadata=f.metadata) for f in retrieval.found]
