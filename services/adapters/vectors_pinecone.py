"""Pinecone store: one namespace per tenant, so no query or delete can reach another tenant.

Chunk ids start with `<document_id>:`, which lets a document's vectors be found by
listing an id prefix; that works on serverless indexes, where delete-by-filter may not.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from services.adapters.ports import VectorHit, VectorItem
from services.core.errors import PermanentError, TransientError

LIST_PAGE_SIZE = 100  # the largest page GET /vectors/list serves
MAX_DELETE_IDS = 1000  # the most ids one POST /vectors/delete accepts
TRANSIENT_STATUSES = frozenset({408, 429})  # plus every 5xx


class PineconeVectorStore:
    def __init__(self, api_key: str, host: str, *, timeout: float = 10.0, batch_size: int = 100) -> None:
        from pinecone import Pinecone

        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._batch_size = batch_size
        # `timeout` bounds each phase of one HTTP attempt (connect, write, read).
        self._index = Pinecone(api_key=api_key, timeout=timeout).Index(host=host)
        _one_attempt_per_call(self._index)

    def upsert(self, user_id: uuid.UUID, items: list[VectorItem]) -> None:
        vectors = [
            {"id": item.chunk_id, "values": list(item.vector),
             "metadata": {"document_id": str(item.document_id), "ordinal": item.ordinal, "model": item.model}}
            for item in items
        ]
        # Batched here, not with the SDK's batch_size, which reports failed batches in
        # the response instead of raising.
        for batch in _batches(vectors, self._batch_size):
            with _mapped_errors("upsert"):
                self._index.upsert(vectors=batch, namespace=str(user_id), show_progress=False)

    def query(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None = None, terms: list[str] | None = None,
    ) -> list[VectorHit]:
        # Vector-only: Pinecone holds no chunk text, so `terms` is not used and retrieval fuses one list.
        if k < 1 or document_ids == []:
            return []
        flt: dict[str, Any] = {"model": {"$eq": model}}
        if document_ids is not None:
            flt = {"$and": [flt, {"document_id": {"$in": [str(d) for d in document_ids]}}]}
        with _mapped_errors("query"):
            response = self._index.query(vector=list(vector), top_k=k, namespace=str(user_id), filter=flt)
        hits = [VectorHit(match.id, float(match.score)) for match in response.matches]
        return sorted(hits, key=lambda hit: hit.score, reverse=True)

    def delete_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> None:
        # All ids are listed before any is deleted, so deleting cannot disturb the paging.
        ids = self._ids_with_prefix(user_id, f"{document_id}:")
        for batch in _batches(ids, min(self._batch_size, MAX_DELETE_IDS)):
            with _mapped_errors("delete vectors"):
                self._index.delete(ids=batch, namespace=str(user_id))

    def delete_tenant(self, user_id: uuid.UUID) -> None:
        try:
            with _mapped_errors("delete namespace"):
                self._index.delete(delete_all=True, namespace=str(user_id))
        except PermanentError as exc:
            # Serverless indexes may answer 404 for a namespace that holds nothing: already done.
            if getattr(exc.__cause__, "status_code", None) != 404:
                raise

    def count(self, user_id: uuid.UUID, document_id: uuid.UUID | None = None) -> int:
        if document_id is not None:
            return len(self._ids_with_prefix(user_id, f"{document_id}:"))
        with _mapped_errors("describe index stats"):
            stats = self._index.describe_index_stats()
        summary = stats.namespaces.get(str(user_id))
        return summary.vector_count if summary is not None else 0

    def close(self) -> None:
        self._index.close()

    def _ids_with_prefix(self, user_id: uuid.UUID, prefix: str) -> list[str]:
        with _mapped_errors("list vectors"):
            return [
                item.id
                for page in self._index.list(prefix=prefix, limit=LIST_PAGE_SIZE, namespace=str(user_id))
                for item in page.vectors
                if item.id
            ]


def _one_attempt_per_call(index: Any) -> None:
    """Turn off the SDK's own retries on the data plane.

    By default it retries 5xx, 429 and transport errors three times with backoff of up
    to 60 s, so one call could take minutes; `Pinecone(retry_config=...)` reaches only
    the control plane. TransientError already makes our task layer retry with its own
    backoff, so a single attempt keeps each call within `timeout`.
    """
    from pinecone import RetryConfig

    transport = getattr(getattr(getattr(index, "_http", None), "_client", None), "_transport", None)
    if transport is None or not isinstance(getattr(transport, "_config", None), RetryConfig):
        raise RuntimeError("the pinecone SDK changed: cannot turn off its data-plane retries (tested on 10.2.0)")
    transport._config = RetryConfig(max_retries=0)


@contextmanager
def _mapped_errors(action: str) -> Iterator[None]:
    from pinecone.errors.exceptions import ApiError, PineconeConnectionError, PineconeError, PineconeTimeoutError

    try:
        yield
    except ApiError as exc:
        transient = exc.status_code >= 500 or exc.status_code in TRANSIENT_STATUSES
        raise (TransientError if transient else PermanentError)(f"Pinecone {action} failed: {exc}") from exc
    except (PineconeTimeoutError, PineconeConnectionError) as exc:
        raise TransientError(f"Pinecone {action} failed: {exc}") from exc
    except PineconeError as exc:  # a request the SDK refused, or a response it could not read
        raise PermanentError(f"Pinecone {action} failed: {exc}") from exc


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
