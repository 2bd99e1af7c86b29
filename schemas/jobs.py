"""Jobs: the only payloads that cross a queue. One class per stage.

Jobs carry ids, never document bodies or vectors: a task re-reads the database.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field


def new_trace_id() -> str:
    return uuid.uuid4().hex


class QueuedJob(BaseModel):
    """Anything sent through a queue; `task_name` says which task runs it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    task_name: ClassVar[str]

    job_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    trace_id: str = Field(default_factory=new_trace_id, pattern=r"^[0-9a-f]{32}$")

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Job(QueuedJob):
    """A job done on behalf of one tenant: it runs under that tenant's RLS."""

    user_id: uuid.UUID


class ProvisionTenant(Job):
    """Make sure a tenant has its profile, bot config and session row."""

    task_name: ClassVar[str] = "tenant.provision"


class ExtractDocument(Job):
    """Read an uploaded file into sections of text and tables."""

    task_name: ClassVar[str] = "ingest.extract"
    document_id: uuid.UUID


class ChunkDocument(Job):
    """Split a document's sections into chunks and queue their embedding."""

    task_name: ClassVar[str] = "ingest.chunk"
    document_id: uuid.UUID


class EmbedChunks(Job):
    """Embed and index one batch of a document's chunks (ordinals first..last)."""

    task_name: ClassVar[str] = "ingest.embed"
    document_id: uuid.UUID
    first_ordinal: int = Field(ge=0)
    last_ordinal: int = Field(ge=0)


class IndexDocument(Job):
    """Check every chunk is in the vector index, then mark the document ready."""

    task_name: ClassVar[str] = "ingest.index"
    document_id: uuid.UUID


class FilterInbound(Job):
    """Decide whether an accepted inbound message gets an answer."""

    task_name: ClassVar[str] = "inbound.filter"
    inbox_id: uuid.UUID


class ClassifyIntent(Job):
    """Work out what the customer wants: an answer, a task, or a person."""

    task_name: ClassVar[str] = "intent.classify"
    inbox_id: uuid.UUID


class RespondWithRag(Job):
    """Answer from the knowledge base (or say so when it has no answer)."""

    task_name: ClassVar[str] = "rag.respond"
    inbox_id: uuid.UUID


class DeliverReply(Job):
    """Send one outbox row to WhatsApp."""

    task_name: ClassVar[str] = "outbound.deliver"
    outbox_id: uuid.UUID


class DispatchTask(Job):
    """Hand a task to its n8n workflow."""

    task_name: ClassVar[str] = "dispatch.n8n"
    task_id: uuid.UUID


class EmailOwnerAlert(Job):
    """Email the owner an alert (a failed task, a customer asking for a person)."""

    task_name: ClassVar[str] = "dispatch.email_alert"
    alert_id: uuid.UUID


SessionAction = Literal["start", "stop", "logout"]
SessionQueryKind = Literal["groups", "contacts", "pairing_code"]


class SessionCommand(Job):
    """Start, stop or log out a tenant's WhatsApp session on the host that runs it."""

    task_name: ClassVar[str] = "sessions.command"
    action: SessionAction


class SessionQuery(Job):
    """Ask the host running the tenant's WhatsApp for groups, contacts or a pairing code (the caller waits)."""

    task_name: ClassVar[str] = "sessions.query"
    query: SessionQueryKind
    phone: str | None = Field(None, pattern=r"^\+[1-9][0-9]{6,14}$")


class SendThroughSession(Job):
    """Send one outbox row through the host that runs the tenant's WhatsApp; published to that host's own
    queue. The host marks the row sent (or failed, with the reason), once per outbox id: the row is the
    result. Only the REST send endpoints, in the API process, also wait (bounded) for the message id.

    With `media_path` (an object in the `media` bucket) the row's text is the file's caption.
    `paced`: the host shows "typing…" for about as long as a person would type the text before sending
    (a bot reply's pause is the countdown on its `outbound.deliver` instead).
    """

    task_name: ClassVar[str] = "sessions.send"
    outbox_id: uuid.UUID
    media_path: str | None = Field(None, max_length=500)
    paced: bool = False


class SweepStuck(QueuedJob):
    """Periodic: re-enqueue rows stuck past their deadline, across all tenants."""

    task_name: ClassVar[str] = "maintenance.sweep"


class SendAccountEmail(QueuedJob):
    """Send what an account request calls for (a reset link, a sign-up confirmation), if anything.

    It carries only the request's id: the address stays in Postgres and the link is made
    by the worker, so no email address or link sits in the queue.
    """

    task_name: ClassVar[str] = "mail.account"
    request_id: uuid.UUID
