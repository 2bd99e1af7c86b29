"""Ports: the small interfaces stage handlers depend on. Adapters live beside them
(`services/storage.py`, `services/embeddings.py`, `services/vectors.py`, ...) and
`bootstrap()` picks one per port from settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol


class Storage(Protocol):
    """Private object storage laid out as `<bucket>/<user_id>/<...>`."""

    def put(self, bucket: str, path: str, data: bytes, content_type: str) -> None: ...

    def get(self, bucket: str, path: str) -> bytes: ...

    def delete_prefix(self, bucket: str, prefix: str) -> None: ...


class StorageObjectMissingError(LookupError):
    """The object does not exist (deleted, or never written)."""


class Embedder(Protocol):
    model_name: str

    @property
    def dimensions(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """The longest input (without special tokens) the model reads whole."""
        ...

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Unit-length vectors, one per text, in order."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def count_tokens_many(self, texts: list[str]) -> list[int]: ...


@dataclass(frozen=True)
class VectorItem:
    chunk_id: str
    document_id: uuid.UUID
    ordinal: int
    vector: list[float]
    model: str


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    score: float  # cosine similarity, higher is closer
    # Filled by stores that keep the text beside the vector (pgvector), saving a lookup.
    chunk: dict | None = None
    # Where the hit stood in each ranking (1 = best; None = not in that list). A store that ranks by
    # vector only leaves both None and its hits' order is the vector ranking.
    vector_rank: int | None = None
    keyword_rank: int | None = None


class VectorStore(Protocol):
    """Tenant-scoped vectors: every call names the tenant, and no call crosses tenants."""

    def upsert(self, user_id: uuid.UUID, items: list[VectorItem]) -> None: ...

    def query(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None = None, terms: list[str] | None = None,
    ) -> list[VectorHit]:
        """The k nearest chunks; with `terms` (pipelines.retrieval.content_terms), a store that can
        also search the chunk text adds its k best keyword matches, each hit carrying both ranks."""
        ...

    def delete_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> None: ...

    def delete_tenant(self, user_id: uuid.UUID) -> None: ...

    def count(self, user_id: uuid.UUID, document_id: uuid.UUID | None = None) -> int: ...


class EventPublisher(Protocol):
    """Live events for a tenant's dashboard (server-sent events)."""

    def publish(self, user_id: uuid.UUID, event: str, data: dict) -> None: ...


class Transport(Protocol):
    """Sends WhatsApp messages; the idempotency key lets the far side drop a repeat."""

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        """Returns the provider's message id."""
        ...


class ChatModel(Protocol):
    def complete(self, models: list, messages: list[dict], *, temperature: float, max_tokens: int,
                 json_mode: bool = False): ...


class AccountBackend(Protocol):
    """Where logins live: Salesboy's own `auth.users`, or Supabase Auth. Errors are AccountError."""

    def register(self, email: str, password: str, display_name: str) -> tuple[uuid.UUID, bool]:
        """The new user's id, and whether they may sign in now (False: they must confirm their email)."""
        ...

    def verify(self, email: str, password: str) -> uuid.UUID | None: ...

    def change_password(self, user_id: uuid.UUID, email: str, current: str, new: str) -> None: ...

    def send_reset(self, email: str, reset_url: str) -> None:
        """Email a reset link (`reset_url` + "/" + token) if the account exists; silent otherwise."""
        ...

    def finish_reset(self, token: str, new: str) -> uuid.UUID: ...
