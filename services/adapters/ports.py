"""Ports: the small interfaces stage handlers depend on. Adapters live beside them
(`services/adapters/storage.py`, `services/adapters/embeddings.py`, `services/adapters/vectors.py`, ...) and
`bootstrap()` picks one per port from settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from services.core.errors import PermanentError

if TYPE_CHECKING:  # annotations only: the ports module imports no adapter
    from schemas.jobs import QueuedJob, SessionAction, SessionQueryKind
    from services.repositories.account_email_requests import AccountEmailRequestRepository
    from services.repositories.bot_config import BotConfigRepository
    from services.repositories.chat_logs import ChatLogRepository
    from services.repositories.chats import ChatRepository
    from services.repositories.inbox import InboxRepository
    from services.repositories.kb_repository import HydratedChunk, KnowledgeBaseRepository
    from services.repositories.outbox import OutboxRepository
    from services.repositories.repositories import AlertRepository, AuditRepository, TenantRepository, UserRepository
    from services.repositories.tasks import TaskRepository


class Storage(Protocol):
    """Private object storage laid out as `<bucket>/<user_id>/<...>`."""

    def put(self, bucket: str, path: str, data: bytes, content_type: str) -> None: ...

    def get(self, bucket: str, path: str) -> bytes: ...

    def delete_prefix(self, bucket: str, prefix: str) -> None: ...


class StorageObjectMissingError(LookupError):
    """The object does not exist (deleted, or never written)."""


class Embedder(Protocol):
    # Read-only: a wrapper (SharedQueryVectors) answers with its inner model's.
    @property
    def model_name(self) -> str: ...

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
    chunk: HydratedChunk | None = None
    # Where the hit stood in each ranking (1 = best; None = not in that list). A store that ranks by
    # vector only leaves both None and its hits' order is the vector ranking.
    vector_rank: int | None = None
    keyword_rank: int | None = None


class ChunksGoneError(PermanentError):
    """Vectors were sent for chunks that no longer exist (their document was deleted or re-chunked)."""


@dataclass(frozen=True)
class TermCounts:
    """How many of a tenant's chunks (of one embedding model) there are, and how many hold each stem."""
    total: int
    containing: dict[str, int]


@runtime_checkable
class CountsTerms(Protocol):
    """A store whose keyword search reads the chunks' text index can count the question's words in the same
    statement: what their rarity is computed from, without a query of its own."""

    def query_counting_terms(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None = None, terms: list[str],
    ) -> tuple[list[VectorHit], TermCounts | None]:
        """`query`'s hits, and the counts of `terms`' stems (None when no hit came back to carry them)."""
        ...


@runtime_checkable
class Prefetches(Protocol):
    """An embedder that can start embedding texts a later batch may ask for, in the background, while the
    caller waits for something else (the message stages' embedder: the question's words during its search)."""

    def prefetch(self, texts: list[str]) -> None:
        """Start embedding `texts`; returns at once. A later `embed` of them waits for it instead of embedding
        them again."""
        ...

    def prefetch_query(self, text: str) -> None:
        """The same for one message's text (what `embed([text])` gives)."""
        ...


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


class UnitOfWork(Protocol):
    """One transaction (`services.repositories.db.UnitOfWork`): its repositories share it, and jobs handed to
    `publish_after_commit` are sent once it commits, never when the block raises. Stage handlers take
    factories of these, so a test can run them over an in-memory stand-in."""

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, exc_type, exc, tb) -> None: ...

    def publish_after_commit(self, job: QueuedJob, countdown: float = 0, queue: str | None = None) -> None: ...

    @property
    def inbox(self) -> InboxRepository: ...

    @property
    def outbox(self) -> OutboxRepository: ...

    @property
    def chats(self) -> ChatRepository: ...

    @property
    def chat_logs(self) -> ChatLogRepository: ...

    @property
    def tasks(self) -> TaskRepository: ...

    @property
    def bot_config(self) -> BotConfigRepository: ...

    @property
    def kb(self) -> KnowledgeBaseRepository: ...

    @property
    def tenants(self) -> TenantRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def alerts(self) -> AlertRepository: ...

    @property
    def account_email_requests(self) -> AccountEmailRequestRepository: ...


class SessionHost(Protocol):
    """The browsers one sessions worker runs (`services.whatsapp.host.SessionHost`), as the session
    stages use them."""

    def start(self, user_id: uuid.UUID) -> None: ...

    def stop(self, user_id: uuid.UUID, *, status: str = "STOPPED", delete_profile: bool = False) -> None: ...

    def logout(self, user_id: uuid.UUID) -> None: ...

    def running(self) -> list[uuid.UUID]: ...

    def groups(self, user_id: uuid.UUID) -> list[dict]: ...

    def contacts(self, user_id: uuid.UUID) -> list[dict]: ...

    def pairing_code(self, user_id: uuid.UUID, phone: str) -> str: ...


class SessionLeases(Protocol):
    """Which host runs a tenant's WhatsApp (`services.whatsapp.leases.SessionLeases`): one at a time."""

    def acquire(self, user_id: uuid.UUID) -> bool: ...

    def renew(self, user_id: uuid.UUID) -> bool: ...

    def release(self, user_id: uuid.UUID) -> None: ...

    def owner(self, user_id: uuid.UUID) -> str | None: ...


class SessionCommands(Protocol):
    """Work for the session host running a tenant's WhatsApp, from anywhere (`services.adapters.session_commands`)."""

    def send(self, user_id: uuid.UUID, action: SessionAction) -> None:
        """To the host holding the tenant's lease, or to any host when none does."""
        ...

    def ask(self, user_id: uuid.UUID, query: SessionQueryKind, phone: str | None = None,
            timeout: float = 30.0) -> Any:
        """The running host's answer; LookupError when no host runs the tenant's WhatsApp."""
        ...

    def wait_for_result(self, job: QueuedJob, timeout: float) -> Any:
        """What the task that ran `job` returned (its exception re-raised), waiting at most `timeout` s."""
        ...


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
