"""Messages as the owner reads them: decrypted, with the trace of what the bot did."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from services.core.crypto import DecryptionError, Sealed
from services.repositories.activity import ActivityRepository
from services.repositories.conversations import (
    ChatLogEntry,
    ChatState,
    ChatSummary,
    ConversationRepository,
    Handoff,
    ThreadSummary,
)
from services.repositories.db import TenantUow
from services.repositories.rows import Page
from services.usecases.tenant_data import TenantData

log = logging.getLogger(__name__)
UNREADABLE = "[this message could not be decrypted: its key is missing or it was altered]"


def opened(deps: TenantData, user_id: uuid.UUID, *, ciphertext, nonce, key_id, chat_id: str) -> str:
    return deps.keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user_id, chat=chat_id)


class SealedEntry(Protocol):
    """A logged message whose body is still sealed: chat-log entries, threads' last messages, questions."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def chat_id(self) -> str: ...
    @property
    def ciphertext(self) -> bytes: ...
    @property
    def nonce(self) -> bytes: ...
    @property
    def key_id(self) -> str: ...


def readable(deps: TenantData, user_id: uuid.UUID, row: SealedEntry) -> str:
    """A chat-log body for display; one unreadable row is reported, not allowed to hide the rest."""
    try:
        return opened(deps, user_id, ciphertext=row.ciphertext, nonce=row.nonce, key_id=row.key_id,
                      chat_id=row.chat_id)
    except DecryptionError as exc:
        log.error("chat log row could not be decrypted", extra={"chat_log_id": str(row.id), "error": str(exc)})
        return UNREADABLE


@dataclass(frozen=True)
class OpenedEntry(ChatLogEntry):
    """A chat-log entry with its body opened for display."""

    text: str


@dataclass(frozen=True)
class OpenedThread(ThreadSummary):
    """A chat on the dashboard's list with its last message opened."""

    text: str


def opened_entries(deps: TenantData, user_id: uuid.UUID, rows: list[ChatLogEntry]) -> list[OpenedEntry]:
    return [OpenedEntry(**vars(row), text=readable(deps, user_id, row)) for row in rows]


def opened_threads(deps: TenantData, user_id: uuid.UUID, rows: list[ThreadSummary]) -> list[OpenedThread]:
    return [OpenedThread(**vars(row), text=readable(deps, user_id, row)) for row in rows]


def message_trace(deps: TenantData, user_id: uuid.UUID, inbox_id: uuid.UUID) -> dict | None:
    """One inbound message with its stages, decision, intent and replies; None if the tenant has no such message."""
    with deps.tenant_uow(user_id) as uow:
        row = uow.inbox.inbound(inbox_id)
        if row is None:
            return None
        replies = uow.conn.execute(
            "select id, reply_key, status, attempts, last_error, sent_at, body_ciphertext, body_nonce, body_key_id, "
            "chat_id from public.outbox where inbox_id = %s order by reply_key", [inbox_id]).fetchall()
    return {
        "id": str(row.id), "chat_id": row.chat_id, "status": row.status, "reason": row.decision_reason,
        "contact": row.contact, "intent": row.intent, "received_at": row.created_at.isoformat(),
        "text": opened(deps, user_id, ciphertext=row.body_ciphertext, nonce=row.body_nonce,
                       key_id=row.body_key_id, chat_id=row.chat_id),
        "stages": row.trace,
        "replies": [{"id": str(r[0]), "key": r[1], "status": r[2], "attempts": r[3], "error": r[4],
                     "sent_at": r[5].isoformat() if r[5] else None,
                     "text": opened(deps, user_id, ciphertext=r[6], nonce=r[7], key_id=r[8], chat_id=r[9])}
                    for r in replies],
    }


def conversations(tenant_uow: TenantUow, user_id: uuid.UUID, *, handoff: bool | None, limit: int,
                  after) -> list[ChatSummary]:
    """Chats with their last inbound time, pause and hand-off state, most recent first."""
    with tenant_uow(user_id) as uow:
        return ConversationRepository(uow.conn).conversations(handoff=handoff, limit=limit, after=after)


def chat_logs(tenant_uow: TenantUow, user_id: uuid.UUID, *, contact: str | None, chat_id: str | None,
              since: datetime | None, until: datetime | None, intent: str | None, outcome: str | None, limit: int,
              after) -> list[ChatLogEntry]:
    """Chat-log rows, still sealed (see `readable`), newest first."""
    with tenant_uow(user_id) as uow:
        return ConversationRepository(uow.conn).chat_logs(contact=contact, chat_id=chat_id, since=since, until=until,
                                                       intent=intent, outcome=outcome, limit=limit, after=after)


@dataclass(frozen=True)
class LogsTab:
    listing: Page
    handoffs: list[Handoff]


def logs_tab(tenant_uow: TenantUow, user_id: uuid.UUID, tab: str, *, contact: str | None, action: str | None,
             status: str | None, waiting_only: bool, since: datetime | None, until: datetime | None, limit: int,
             offset: int) -> LogsTab:
    """One page of the dashboard's chats, audit or tasks tab, with the chats waiting for a person."""
    with tenant_uow(user_id) as uow:
        conversations, activity = ConversationRepository(uow.conn), ActivityRepository(uow.conn)
        if tab == "chats":
            listing = conversations.threads(contact=contact, since=since, until=until, waiting_only=waiting_only,
                                            limit=limit, offset=offset)
        elif tab == "audit":
            listing = activity.audit(action=action, since=since, limit=limit, offset=offset)
        else:
            listing = activity.task_page(status=status, since=since, until=until, limit=limit, offset=offset)
        return LogsTab(listing, conversations.handoffs())


@dataclass(frozen=True)
class Thread:
    chat: ChatState | None
    messages: list[ChatLogEntry]  # still sealed (see `readable`)
    total: int
    known: bool  # the chat exists, or has messages or work of any kind


def thread(tenant_uow: TenantUow, user_id: uuid.UUID, chat_id: str, *, limit: int,
           before: datetime | None) -> Thread:
    with tenant_uow(user_id) as uow:
        repo = ConversationRepository(uow.conn)
        chat = repo.chat_state(chat_id)
        messages, total = repo.thread(chat_id, limit=limit, before=before)
        known = chat is not None or bool(messages) or repo.chat_has_work(chat_id)
    return Thread(chat, messages, total, known)
