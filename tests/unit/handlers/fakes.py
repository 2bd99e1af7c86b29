"""In-memory stand-ins for the handlers' ports: the unit of work and its repositories, the vector
store, embedder, transport, publisher, event channel, storage, mailer and clock.

Each fake keeps the contract of the real adapter that tests/unit/handlers/test_fakes_contract.py
checks (same method names and parameters): a handler run against these decides exactly as it
would against Postgres, only the storage is a few dicts. The unit of work keeps the two rules the
handlers rely on: a block that raises leaves no trace (its rows are rolled back and its jobs never
published), and jobs go out only once the block commits.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from schemas.bot import BotSettings
from schemas.pipelines import DOCUMENT_IN_PROGRESS, DOCUMENT_SEARCHABLE, MESSAGE_IN_PROGRESS, REPLY_IN_PROGRESS
from services.adapters.llm import AllModelsFailedError, Completion
from services.adapters.ports import StorageObjectMissingError, VectorHit, VectorItem
from services.core.crypto import Sealed
from services.repositories.account_email_requests import AccountEmailRequest
from services.repositories.chat_logs import LoggedTurn
from services.repositories.chats import ChatRules
from services.repositories.inbox import (
    FilterClaim,
    InboundLog,
    InboundMessageRow,
    NewReply,
    RespondClaim,
    StuckInbound,
    answer_reply_id,
)
from services.repositories.kb_repository import ChunkRow, DocumentRow, HydratedChunk, StuckDocument
from services.repositories.outbox import ReplyRow, StuckReply
from services.repositories.repositories import AlertRow, UserRow
from services.repositories.rows import record
from services.repositories.tasks import StuckTask, TaskRow

# --- clock --------------------------------------------------------------------------------------


@dataclass
class FakeClock:
    """What `now()` is for the fake database: rows are stamped with it, finders compare against it."""

    now: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now

    def __call__(self) -> datetime:
        return self.now


# --- the database -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commit:
    """A committed transaction: its Postgres settings, the tables it changed and the statuses it moved messages
    through (old -> new, a new message's old status None)."""

    settings: dict[str, str]
    tables: frozenset[str]
    inbox_moves: tuple[tuple[str | None, str], ...]


@dataclass
class FakeDatabase:
    """The tables the handlers touch, as lists and dicts of row dicts."""

    clock: FakeClock = field(default_factory=FakeClock)
    inbox: dict = field(default_factory=dict)
    chats: dict = field(default_factory=dict)  # (user_id, chat_id) -> row
    whitelists: list = field(default_factory=list)  # {"user_id", "phone", "lid"}
    group_settings: dict = field(default_factory=dict)  # (user_id, group_id) -> row
    bot_config: dict = field(default_factory=dict)  # user_id -> row
    outbox: dict = field(default_factory=dict)
    chat_logs: list = field(default_factory=list)
    tasks: dict = field(default_factory=dict)
    alerts: dict = field(default_factory=dict)
    audit_logs: list = field(default_factory=list)
    documents: dict = field(default_factory=dict)
    chunks: dict = field(default_factory=dict)  # chunk id -> row
    users: dict = field(default_factory=dict)  # user_id -> {"id", "email", ...}
    profiles: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    account_email_requests: dict = field(default_factory=dict)
    # Every transaction committed that changed a table, in order (not a table: kept when one rolls back).
    commits: list[Commit] = field(default_factory=list)

    _TABLES = ("inbox", "chats", "whitelists", "group_settings", "bot_config", "outbox", "chat_logs", "tasks",
               "alerts", "audit_logs", "documents", "chunks", "users", "profiles", "sessions",
               "account_email_requests")

    def snapshot(self) -> dict:
        return copy.deepcopy({name: getattr(self, name) for name in self._TABLES})

    def restore(self, snapshot: dict) -> None:
        for name, value in snapshot.items():
            setattr(self, name, value)

    def note_commit(self, before: dict, settings: dict[str, str]) -> None:
        """Add to `commits` what a transaction that began at `before` (a snapshot) changed, if anything."""
        tables = frozenset(name for name in self._TABLES if before[name] != getattr(self, name))
        if not tables:
            return
        moves = tuple((before["inbox"][key]["status"] if key in before["inbox"] else None, row["status"])
                      for key, row in self.inbox.items()
                      if key not in before["inbox"] or before["inbox"][key]["status"] != row["status"])
        self.commits.append(Commit(dict(settings), tables, moves))

    # Rows a test sets up, with the columns' defaults filled in.

    def add_inbound(self, *, user_id: uuid.UUID, chat_id: str, body: Sealed, status: str = "received",
                    sender_phone: str | None = "+15550001111", sender_lid: str | None = None,
                    is_group: bool = False, from_me: bool = False, mentions_me: bool = False,
                    media_ref: str | None = None, created_at: datetime | None = None, **extra) -> dict:
        at = created_at or self.clock.now
        row = {"id": uuid.uuid4(), "user_id": user_id, "provider_message_id": f"wamid.{uuid.uuid4().hex}",
               "chat_id": chat_id, "sender_phone": sender_phone, "sender_lid": sender_lid, "is_group": is_group,
               "from_me": from_me, "mentions_me": mentions_me, "body_ciphertext": body.ciphertext,
               "body_nonce": body.nonce, "body_key_id": body.key_id, "media_ref": media_ref, "sent_at": at,
               "trace_id": uuid.uuid4().hex, "status": status, "decision_reason": None, "intent": None,
               "trace": {}, "attempts": 0, "created_at": at, "updated_at": at, **extra}
        self.inbox[row["id"]] = row
        return row

    def add_chat(self, *, user_id: uuid.UUID, chat_id: str, **values) -> dict:
        """The chat row inbound.filter creates for a message's chat."""
        row = {"user_id": user_id, "chat_id": chat_id, "contact_phone": None, "contact_lid": None,
               "is_group": chat_id.endswith("@g.us"), "last_inbound_at": None, "handoff_active": False,
               "handoff_since": None, "paused_until": None, **values}
        self.chats[(user_id, chat_id)] = row
        return row

    def add_document(self, *, user_id: uuid.UUID, filename: str, mime_type: str, storage_path: str,
                     size_bytes: int = 100, status: str = "queued", **extra) -> dict:
        now = self.clock.now
        row = {"id": uuid.uuid4(), "user_id": user_id, "filename": filename, "storage_path": storage_path,
               "mime_type": mime_type, "size_bytes": size_bytes, "sha256": uuid.uuid4().hex, "status": status,
               "progress": 0, "chunks_total": 0, "chunks_done": 0, "error": None, "embedding_model": None,
               "created_at": now, "updated_at": now, **extra}
        self.documents[row["id"]] = row
        return row


def _touch(db: FakeDatabase, row: dict, **values) -> None:
    row.update(values)
    row["updated_at"] = db.clock.now


def _inbound(row: dict) -> InboundMessageRow:
    return record(InboundMessageRow, row)


class _Repo:
    def __init__(self, db: FakeDatabase, tenant: uuid.UUID | None) -> None:
        self.db = db
        self.tenant = tenant  # None: the service role (no row-level security)

    def _visible(self, row: dict | None) -> dict | None:
        if row is None or (self.tenant is not None and row.get("user_id") != self.tenant):
            return None
        return row


# --- the message pipeline's tables ----------------------------------------------------------------


class FakeInboxRepository(_Repo):
    def inbound(self, inbox_id: uuid.UUID, *, lock: bool = False) -> InboundMessageRow | None:
        row = self._visible(self.db.inbox.get(inbox_id))
        return _inbound(row) if row else None

    def inbound_with_settings(self, inbox_id: uuid.UUID) -> tuple[InboundMessageRow, BotSettings] | None:
        row = self._visible(self.db.inbox.get(inbox_id))
        if row is None:
            return None
        return _inbound(row), BotSettings.from_stored(self.db.bot_config.get(row["user_id"]))

    def claim_for_filter(self, inbox_id: uuid.UUID) -> FilterClaim | None:
        # As the real statement: the chat is written, and its rules read, only for a message still `received`.
        claimed = self.inbound_with_settings(inbox_id)
        if claimed is None:
            return None
        row, settings = claimed
        chat = None
        if row.status == "received":
            chat = FakeChatRepository(self.db, self.tenant).chat_rules(
                row.user_id, row.chat_id, phone=row.sender_phone, lid=row.sender_lid, is_group=row.is_group,
                inbound_at=None if row.from_me else row.created_at)
        return FilterClaim(row, settings, chat)

    def claim_for_respond(self, inbox_id: uuid.UUID) -> RespondClaim | None:
        # As the real statement: nothing for a message no longer `classified`; else the settings and the history
        # of the length they ask for, read as `history` reads it.
        claimed = self.inbound_with_settings(inbox_id)
        if claimed is None or claimed[0].status != "classified":
            return None
        row, settings = claimed
        history = FakeChatLogRepository(self.db, self.tenant).history(row.chat_id, row.created_at,
                                                                     settings.history_turns)
        return RespondClaim(row, settings, history)

    def advance_inbound_with_history(self, inbox_id: uuid.UUID, *, expected: str, status: str, intent: str | None,
                                     trace: dict, turns: int) -> tuple[InboundMessageRow, list[LoggedTurn]] | None:
        # As the real statement: the history only when the message advances, read as `history` reads it.
        advanced = self.advance_inbound(inbox_id, expected=expected, status=status, intent=intent, trace=trace)
        if advanced is None:
            return None
        return advanced, FakeChatLogRepository(self.db, self.tenant).history(advanced.chat_id, advanced.created_at,
                                                                            turns)

    def advance_inbound(self, inbox_id: uuid.UUID, *, expected: str, status: str, reason: str | None = None,
                        intent: str | None = None, trace: dict | None = None) -> InboundMessageRow | None:
        row = self._visible(self.db.inbox.get(inbox_id))
        if row is None or row["status"] != expected:
            return None
        self.set_inbound(inbox_id, status=status, reason=reason, intent=intent, trace=trace)
        return _inbound(row)

    def answer_inbound(self, inbox_id: uuid.UUID, *, expected: str, status: str, intent: str | None,
                       trace: dict, log: InboundLog, replies: list[NewReply],
                       handoff: bool = False) -> dict[str, ReplyRow] | None:
        # As the real statement: the message advanced, logged with its row's chat and contact, and its replies
        # written with the row's business, chat and trace id (each key's conflict rule as the outbox's own
        # insert has it), the chat handed off if asked, or none of it.
        advanced = self.advance_inbound(inbox_id, expected=expected, status=status, intent=intent, trace=trace)
        if advanced is None:
            return None
        FakeChatLogRepository(self.db, self.tenant).log(
            user_id=advanced.user_id, chat_id=advanced.chat_id, direction="inbound", body=log.body,
            inbox_id=advanced.id, outcome=log.outcome, reason=log.reason, intent=log.intent, trace=trace,
            phone=advanced.sender_phone, lid=advanced.sender_lid)
        outbox, written = FakeOutboxRepository(self.db, self.tenant), {}
        for reply in replies:
            values = {"user_id": advanced.user_id, "reply_key": reply.reply_key, "inbox_id": advanced.id,
                      "chat_id": advanced.chat_id, "body": reply.body, "trace_id": advanced.trace_id}
            # The real statement's ids: the same for the same message and key (`answer_reply_id`).
            outbox_id = outbox._add(answer_reply_id(advanced.id, reply.reply_key), **values)
            row = outbox.start_sending(outbox_id) if reply.sending else outbox.reply(outbox_id)
            if row is not None:
                written[reply.reply_key] = row
        if handoff:
            FakeChatRepository(self.db, self.tenant).start_handoff(advanced.user_id, advanced.chat_id)
        return written

    def set_inbound(self, inbox_id: uuid.UUID, *, status: str, reason: str | None = None,
                    intent: str | None = None, trace: dict | None = None) -> None:
        row = self._visible(self.db.inbox.get(inbox_id))
        if row is None:
            return
        _touch(self.db, row, status=status, decision_reason=reason if reason is not None else row["decision_reason"],
               intent=intent if intent is not None else row["intent"], trace={**row["trace"], **(trace or {})},
               attempts=row["attempts"] + 1)

    def newer_in_chat(self, chat_id: str, after: datetime, inbox_id: uuid.UUID) -> list[datetime]:
        return [r["created_at"] for r in self._inbox() if r["chat_id"] == chat_id and r["id"] != inbox_id
                and r["created_at"] > after and not r["from_me"] and r["status"] != "ignored"]

    def burst(self, chat_id: str, until: datetime, window_seconds: float) -> list[InboundMessageRow]:
        start = until - timedelta(seconds=window_seconds)
        return sorted((_inbound(r) for r in self._inbox() if r["chat_id"] == chat_id and not r["from_me"]
                       and start <= r["created_at"] <= until), key=lambda r: r.created_at)

    def stuck_inbound(self, older_than_seconds: float) -> list[StuckInbound]:
        cutoff = self.db.clock.now - timedelta(seconds=older_than_seconds)
        return [record(StuckInbound, r)
                for r in sorted(self._inbox(), key=lambda r: r["updated_at"])
                if r["status"] in MESSAGE_IN_PROGRESS and r["updated_at"] < cutoff]

    def _inbox(self) -> list[dict]:
        return [r for r in self.db.inbox.values() if self._visible(r)]


class FakeChatRepository(_Repo):
    def _chat(self, user_id: uuid.UUID, chat_id: str, phone, lid, is_group, inbound_at) -> dict:
        key = (user_id, chat_id)
        row = self.db.chats.get(key)
        if row is None:
            row = self.db.chats[key] = {"user_id": user_id, "chat_id": chat_id, "contact_phone": phone,
                                        "contact_lid": lid, "is_group": is_group, "last_inbound_at": inbound_at,
                                        "handoff_active": False, "handoff_since": None, "paused_until": None}
        else:
            row["contact_phone"] = phone or row["contact_phone"]
            row["contact_lid"] = lid or row["contact_lid"]
            if inbound_at is not None:
                row["last_inbound_at"] = max(filter(None, (row["last_inbound_at"], inbound_at)))
        return row

    def chat_rules(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
                   inbound_at: datetime | None) -> ChatRules:
        row = self._chat(user_id, chat_id, phone, lid, is_group, inbound_at)
        group = self.db.group_settings.get((user_id, chat_id)) if is_group else None
        whitelisted = any((phone is not None and w.get("phone") == phone) or (lid is not None and w.get("lid") == lid)
                          for w in self.db.whitelists if self._visible(w))
        return ChatRules(handoff_active=row["handoff_active"], paused_until=row["paused_until"],
                         whitelisted=whitelisted, group_auto_reply=group["auto_reply"] if group else None,
                         group_mention_only=group["mention_only"] if group else None)

    def pause_chat(self, user_id: uuid.UUID, chat_id: str, until: datetime) -> None:
        row = self.db.chats.get((user_id, chat_id))
        if row is not None:
            row["paused_until"] = max(filter(None, (row["paused_until"], until)))

    def start_handoff(self, user_id: uuid.UUID, chat_id: str) -> None:
        row = self.db.chats.get((user_id, chat_id))
        if row is not None:
            row.update(handoff_active=True, handoff_since=self.db.clock.now)

    def release_handoff(self, user_id: uuid.UUID, chat_id: str) -> bool:
        row = self.db.chats.get((user_id, chat_id))
        if row is None or not row["handoff_active"]:
            return False
        row.update(handoff_active=False, handoff_since=None)
        return True



class FakeOutboxRepository(_Repo):
    def add_reply(self, *, user_id: uuid.UUID, reply_key: str, inbox_id: uuid.UUID | None, chat_id: str,
                  body: Sealed, trace_id: str) -> uuid.UUID:
        return self._add(uuid.uuid4(), user_id=user_id, reply_key=reply_key, inbox_id=inbox_id, chat_id=chat_id,
                         body=body, trace_id=trace_id)

    def _add(self, outbox_id: uuid.UUID, *, user_id: uuid.UUID, reply_key: str, inbox_id: uuid.UUID | None,
             chat_id: str, body: Sealed, trace_id: str) -> uuid.UUID:
        """`add_reply` with the id a new row takes."""
        for row in self.db.outbox.values():
            if row["user_id"] == user_id and row["reply_key"] == reply_key:
                return row["id"]
        now = self.db.clock.now
        row = {"id": outbox_id, "user_id": user_id, "reply_key": reply_key, "inbox_id": inbox_id,
               "chat_id": chat_id, "body_ciphertext": body.ciphertext, "body_nonce": body.nonce,
               "body_key_id": body.key_id, "trace_id": trace_id, "status": "pending", "attempts": 0,
               "last_error": None, "provider_message_id": None, "sent_at": None, "created_at": now,
               "updated_at": now}
        self.db.outbox[row["id"]] = row
        return row["id"]

    def start_sending(self, outbox_id: uuid.UUID) -> ReplyRow | None:
        row = self._visible(self.db.outbox.get(outbox_id))
        if row is None or row["status"] not in ("pending", "sending"):
            return None
        _touch(self.db, row, status="sending", last_error=None, attempts=row["attempts"] + 1)
        return record(ReplyRow, row)

    def reply(self, outbox_id: uuid.UUID, *, lock: bool = False) -> ReplyRow | None:
        row = self._visible(self.db.outbox.get(outbox_id))
        return record(ReplyRow, row) if row else None

    def set_reply(self, outbox_id: uuid.UUID, *, status: str, error: str | None = None,
                  provider_message_id: str | None = None, count_attempt: bool = False) -> None:
        row = self._visible(self.db.outbox.get(outbox_id))
        if row is None:
            return
        _touch(self.db, row, status=status, last_error=error,
               provider_message_id=provider_message_id or row["provider_message_id"],
               sent_at=self.db.clock.now if status == "sent" else row["sent_at"],
               attempts=row["attempts"] + (1 if count_attempt else 0))

    def mark_sent(self, outbox_id: uuid.UUID, provider_message_id: str) -> bool:
        row = self._visible(self.db.outbox.get(outbox_id))
        if row is None or row["status"] == "sent":
            return False
        _touch(self.db, row, status="sent", last_error=None, provider_message_id=provider_message_id,
               sent_at=self.db.clock.now)
        return True

    def mark_sent_logged(self, outbox_id: uuid.UUID, provider_message_id: str, *, body: Sealed, trace: dict) -> bool:
        # As the real statement: the outbound turn is logged only by the attempt that records the send.
        if not self.mark_sent(outbox_id, provider_message_id):
            return False
        row = self.db.outbox[outbox_id]
        FakeChatLogRepository(self.db, self.tenant).log(
            user_id=row["user_id"], chat_id=row["chat_id"], direction="outbound", body=body, inbox_id=row["inbox_id"],
            outcome=None, reason=None, intent=None, trace=trace)
        return True

    def fail_unsent(self, outbox_id: uuid.UUID, error: str) -> bool:
        row = self._visible(self.db.outbox.get(outbox_id))
        if row is None or row["status"] not in ("pending", "sending"):
            return False
        _touch(self.db, row, status="failed", last_error=error)
        return True

    def stuck_replies(self, older_than_seconds: float) -> list[StuckReply]:
        cutoff = self.db.clock.now - timedelta(seconds=older_than_seconds)
        return [record(StuckReply, r)
                for r in sorted(self.db.outbox.values(), key=lambda r: r["updated_at"])
                if self._visible(r) and r["status"] in REPLY_IN_PROGRESS and r["updated_at"] < cutoff]


class FakeChatLogRepository(_Repo):
    def log(self, *, user_id: uuid.UUID, chat_id: str, direction: str, body: Sealed, inbox_id: uuid.UUID | None,
            outcome: str | None, reason: str | None, intent: str | None, trace: dict, phone: str | None = None,
            lid: str | None = None) -> None:
        self.db.chat_logs.append({
            "user_id": user_id, "chat_id": chat_id, "contact_phone": phone, "contact_lid": lid,
            "direction": direction, "inbox_id": inbox_id, "outcome": outcome, "reason": reason, "intent": intent,
            "trace": copy.deepcopy(trace), "ciphertext": body.ciphertext, "nonce": body.nonce,
            "key_id": body.key_id, "created_at": self.db.clock.now})

    def history(self, chat_id: str, before: datetime, limit: int) -> list[LoggedTurn]:
        rows = [r for r in self.db.chat_logs if self._visible(r) and r["chat_id"] == chat_id
                and r["created_at"] < before and (r["direction"] == "outbound" or r["outcome"] != "ignored")]
        newest = sorted(rows, key=lambda r: r["created_at"], reverse=True)[:limit]
        return [record(LoggedTurn, r) for r in reversed(newest)]


class FakeTaskRepository(_Repo):
    def add_task(self, *, user_id: uuid.UUID, inbox_id: uuid.UUID, chat_id: str, task_type: str, payload: Sealed,
                 trace_id: str) -> uuid.UUID:
        now = self.db.clock.now
        row = {"id": uuid.uuid4(), "user_id": user_id, "inbox_id": inbox_id, "chat_id": chat_id,
               "task_type": task_type, "payload": {}, "payload_ciphertext": payload.ciphertext,
               "payload_nonce": payload.nonce, "payload_key_id": payload.key_id, "trace_id": trace_id,
               "status": "pending", "attempts": 0,
               "last_error": None, "result": None, "callbacks": [], "dispatched_at": None, "created_at": now,
               "updated_at": now}
        self.db.tasks[row["id"]] = row
        return row["id"]

    def task_for_inbound(self, inbox_id: uuid.UUID, task_type: str) -> uuid.UUID | None:
        return next((r["id"] for r in self.db.tasks.values() if self._visible(r) and r["inbox_id"] == inbox_id
                     and r["task_type"] == task_type), None)

    def task(self, task_id: uuid.UUID, *, lock: bool = False) -> TaskRow | None:
        row = self._visible(self.db.tasks.get(task_id))
        return record(TaskRow, row) if row else None

    def set_task(self, task_id: uuid.UUID, *, status: str, error: str | None = None, result: dict | None = None,
                 count_attempt: bool = False) -> None:
        row = self._visible(self.db.tasks.get(task_id))
        if row is not None:
            _touch(self.db, row, status=status, last_error=error,
                   result=result if result is not None else row["result"],
                   attempts=row["attempts"] + (1 if count_attempt else 0))

    def mark_dispatched(self, task_id: uuid.UUID) -> None:
        row = self._visible(self.db.tasks.get(task_id))
        if row is not None and row["status"] == "pending":
            _touch(self.db, row, status="dispatched", last_error=None, dispatched_at=self.db.clock.now)

    def stuck_pending_tasks(self, older_than_seconds: float) -> list[StuckTask]:
        cutoff = self.db.clock.now - timedelta(seconds=older_than_seconds)
        return [record(StuckTask, r)
                for r in sorted(self.db.tasks.values(), key=lambda r: r["updated_at"])
                if self._visible(r) and r["status"] == "pending" and r["updated_at"] < cutoff]

    def overdue_tasks(self, deadlines: dict[str, float], default_seconds: float) -> list[TaskRow]:
        now = self.db.clock.now
        return [record(TaskRow, r) for r in sorted(self.db.tasks.values(), key=lambda r: r["dispatched_at"] or now)
                if self._visible(r) and r["status"] == "dispatched"
                and r["dispatched_at"] < now - timedelta(seconds=deadlines.get(r["task_type"], default_seconds))]



class FakeBotConfigRepository(_Repo):
    def get(self, user_id: uuid.UUID | None = None) -> BotSettings:
        return BotSettings.from_stored(self.db.bot_config.get(user_id or self.tenant))


# --- knowledge base ------------------------------------------------------------------------------


class FakeKnowledgeBaseRepository(_Repo):
    def get(self, document_id: uuid.UUID, *, lock: bool = False) -> DocumentRow | None:
        row = self._visible(self.db.documents.get(document_id))
        return record(DocumentRow, row) if row else None

    def update(self, document_id: uuid.UUID, **values: object) -> None:
        allowed = {"status", "progress", "chunks_total", "chunks_done", "error", "embedding_model"}
        if not values or set(values) - allowed:
            raise ValueError(f"cannot update {sorted(set(values) - allowed)}")
        row = self._visible(self.db.documents.get(document_id))
        if row is not None:
            _touch(self.db, row, **values)

    def stuck(self, older_than_seconds: float) -> list[StuckDocument]:
        cutoff = self.db.clock.now - timedelta(seconds=older_than_seconds)
        return [record(StuckDocument, r)
                for r in sorted(self.db.documents.values(), key=lambda r: r["updated_at"])
                if self._visible(r) and r["status"] in DOCUMENT_IN_PROGRESS and r["updated_at"] < cutoff]

    def _chunks(self, document_id: uuid.UUID) -> list[dict]:
        return sorted((c for c in self.db.chunks.values() if self._visible(c) and c["document_id"] == document_id),
                      key=lambda c: c["ordinal"])

    def replace_chunks(self, user_id: uuid.UUID, document_id: uuid.UUID, chunks: list[dict]) -> int:
        ids = {c["id"] for c in chunks}
        stale = [c["id"] for c in self._chunks(document_id) if c["id"] not in ids]
        for chunk_id in stale:
            del self.db.chunks[chunk_id]
        for c in chunks:
            self.db.chunks.setdefault(c["id"], {
                "id": c["id"], "user_id": user_id, "document_id": document_id, "ordinal": c["ordinal"],
                "content": c["content"], "metadata": copy.deepcopy(c["metadata"]), "indexed_at": None,
                "embedding_model": None})
        return len(stale)

    def unindexed_ordinals(self, document_id: uuid.UUID, model: str, limit: int | None = None) -> list[int]:
        return [c["ordinal"] for c in self._chunks(document_id)
                if c["indexed_at"] is None or c["embedding_model"] != model][:limit]

    def clear_index_state(self, document_id: uuid.UUID) -> None:
        for c in self._chunks(document_id):
            c["indexed_at"] = None

    def chunks_between(self, document_id: uuid.UUID, first: int, last: int, *,
                       unindexed_for: str | None = None) -> list[ChunkRow]:
        return [record(ChunkRow, c) for c in self._chunks(document_id)
                if first <= c["ordinal"] <= last and (unindexed_for is None or c["indexed_at"] is None
                                                       or c["embedding_model"] != unindexed_for)]

    def mark_indexed(self, chunk_ids: list[str], model: str) -> None:
        for chunk_id in chunk_ids:
            c = self._visible(self.db.chunks.get(chunk_id))
            if c is not None and (c["indexed_at"] is None or c["embedding_model"] != model):
                c.update(indexed_at=self.db.clock.now, embedding_model=model)

    def indexed_count(self, document_id: uuid.UUID, model: str) -> int:
        return sum(1 for c in self._chunks(document_id) if c["indexed_at"] is not None
                   and c["embedding_model"] == model)

    def term_counts(self, user_id: uuid.UUID, stems: list[str], model: str) -> tuple[int, list[int]]:
        """Postgres matches `to_tsquery('simple', stem)` (a prefix query, `word:*`, an exact word, or an or of
        them in parentheses, `(leave:* | leaf:*)`) on the chunk's words."""
        chunks = [c for c in self.db.chunks.values() if c["user_id"] == user_id and c["embedding_model"] == model]
        words = [set(re.findall(r"\w+", c["content"].lower())) for c in chunks]

        def meets(part: str, bag: set[str]) -> bool:
            return any(w.startswith(part.rstrip(":*")) if part.endswith(":*") else w == part for w in bag)

        def matches(stem: str, bag: set[str]) -> bool:
            return all(any(meets(alt.strip(), bag) for alt in conj.strip().strip("()").split("|"))
                       for conj in stem.split("&") if conj.strip())

        return len(chunks), [sum(1 for bag in words if matches(stem, bag)) for stem in stems]

    def hydrate(self, chunk_ids: list[str]) -> dict[str, HydratedChunk]:
        out = {}
        for chunk_id in chunk_ids:
            c = self._visible(self.db.chunks.get(chunk_id))
            if c is not None and self.db.documents[c["document_id"]]["status"] in DOCUMENT_SEARCHABLE:
                out[chunk_id] = HydratedChunk(c["id"], c["document_id"], c["content"], c["metadata"],
                                              self.db.documents[c["document_id"]]["filename"])
        return out


# --- the rest of what a unit of work holds -------------------------------------------------------


class FakeUserRepository(_Repo):
    def email_of(self, user_id: uuid.UUID) -> str | None:
        row = self.db.users.get(user_id)
        return row["email"] if row else None

    def find_by_email(self, email: str) -> UserRow | None:
        return next((UserRow(u.get("id", key), u["email"], u.get("encrypted_password"),
                             u.get("created_at", datetime.now(UTC)))
                     for key, u in self.db.users.items() if u["email"] == email.lower()), None)


class FakeTenantRepository(_Repo):
    def ensure_defaults(self, user_id: uuid.UUID, *, display_name: str = "") -> bool:
        created = 0
        for table, row in ((self.db.profiles, {"user_id": user_id, "display_name": display_name}),
                           (self.db.bot_config, {"user_id": user_id}),
                           (self.db.sessions, {"user_id": user_id, "status": "stopped"})):
            if user_id not in table:
                table[user_id] = row
                created += 1
        return created > 0


    def sessions_meant_to_run(self) -> list[uuid.UUID]:
        return [r["user_id"] for r in self.db.sessions.values()
                if r.get("status") in ("STARTING", "SCAN_QR_CODE", "WORKING")]


class FakeAuditRepository(_Repo):
    def log(self, user_id: uuid.UUID, action: str, detail: dict | None = None) -> int:
        self.db.audit_logs.append({"id": len(self.db.audit_logs) + 1, "user_id": user_id, "action": action,
                                   "detail": copy.deepcopy(detail or {}), "created_at": self.db.clock.now})
        return len(self.db.audit_logs)


class FakeAlertRepository(_Repo):
    def add(self, *, user_id: uuid.UUID, key: str, kind: str, title: str, detail: str,
            task_id: uuid.UUID | None, chat_id: str | None) -> uuid.UUID | None:
        if any(a["user_id"] == user_id and a["alert_key"] == key[:200] for a in self.db.alerts.values()):
            return None
        row = {"id": uuid.uuid4(), "user_id": user_id, "alert_key": key[:200], "kind": kind, "title": title[:300],
               "detail": detail[:2000], "task_id": task_id, "chat_id": chat_id, "emailed_at": None,
               "email_error": None, "dismissed_at": None, "created_at": self.db.clock.now}
        self.db.alerts[row["id"]] = row
        return row["id"]

    def get(self, alert_id: uuid.UUID) -> AlertRow | None:
        row = self._visible(self.db.alerts.get(alert_id))
        return record(AlertRow, row) if row else None

    def set_emailed(self, alert_id: uuid.UUID, *, error: str | None = None) -> None:
        row = self._visible(self.db.alerts.get(alert_id))
        if row is not None:
            row.update(emailed_at=None if error is not None else self.db.clock.now, email_error=error)


class FakeAccountEmailRequestRepository(_Repo):
    def add(self, purpose: str, email: str, *, password_hash: str | None = None,
            display_name: str | None = None) -> uuid.UUID:
        request_id = uuid.uuid4()
        self.db.account_email_requests[request_id] = {
            "id": request_id, "purpose": purpose, "email": email.strip().lower(), "password_hash": password_hash,
            "display_name": display_name, "created_at": self.db.clock.now, "sent_at": None}
        return request_id

    def get(self, request_id: uuid.UUID) -> AccountEmailRequest | None:
        row = self.db.account_email_requests.get(request_id)
        if row is None:
            return None
        return AccountEmailRequest(row["id"], row["purpose"], row["email"], row["password_hash"],
                                   row["display_name"], self.db.clock.now - row["created_at"],
                                   row["sent_at"] is not None)

    def mark_sent(self, request_id: uuid.UUID) -> None:
        self.db.account_email_requests[request_id]["sent_at"] = self.db.clock.now

    def delete(self, request_id: uuid.UUID) -> None:
        self.db.account_email_requests.pop(request_id, None)

    def delete_older_than(self, age: timedelta) -> int:
        old = [k for k, r in self.db.account_email_requests.items() if r["created_at"] < self.db.clock.now - age]
        for k in old:
            del self.db.account_email_requests[k]
        return len(old)


# --- unit of work and publisher ------------------------------------------------------------------


@dataclass
class FakePublisher:
    """Records every job sent to the broker as (job, countdown, queue)."""

    sent: list = field(default_factory=list)
    fail_with: Exception | None = None

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((job, countdown, queue))

    def jobs(self, kind: type | None = None) -> list:
        return [job for job, _, _ in self.sent if kind is None or isinstance(job, kind)]


class FakeUnitOfWork:
    """One transaction over the fake database: committed when the block ends cleanly, rolled back (and
    nothing published) when it raises."""

    def __init__(self, db: FakeDatabase, publisher: FakePublisher, tenant: uuid.UUID | None,
                 settings: dict[str, str] | None = None) -> None:
        self.db = db
        self.publisher = publisher
        self.tenant = tenant
        self.settings = settings or {}  # Postgres settings local to the transaction: noted with its commit
        self._pending: list = []
        self._snapshot: dict | None = None
        self.conn = None  # a handler reaching for raw SQL gets nothing to run it on

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self.db.snapshot()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        snapshot, self._snapshot = self._snapshot, None
        pending, self._pending = self._pending, []
        if exc_type is not None:
            self.db.restore(snapshot)
            return
        self.db.note_commit(snapshot, self.settings)
        for job, countdown, queue in pending:
            self.publisher.publish(job, countdown=countdown, queue=queue)

    def publish_after_commit(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self._pending.append((job, countdown, queue))

    def _repo(self, kind):
        if self._snapshot is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return kind(self.db, self.tenant)

    @property
    def inbox(self) -> FakeInboxRepository:
        return self._repo(FakeInboxRepository)

    @property
    def outbox(self) -> FakeOutboxRepository:
        return self._repo(FakeOutboxRepository)

    @property
    def chats(self) -> FakeChatRepository:
        return self._repo(FakeChatRepository)

    @property
    def chat_logs(self) -> FakeChatLogRepository:
        return self._repo(FakeChatLogRepository)

    @property
    def tasks(self) -> FakeTaskRepository:
        return self._repo(FakeTaskRepository)

    @property
    def bot_config(self) -> FakeBotConfigRepository:
        return self._repo(FakeBotConfigRepository)

    @property
    def kb(self) -> FakeKnowledgeBaseRepository:
        return self._repo(FakeKnowledgeBaseRepository)

    @property
    def users(self) -> FakeUserRepository:
        return self._repo(FakeUserRepository)

    @property
    def tenants(self) -> FakeTenantRepository:
        return self._repo(FakeTenantRepository)

    @property
    def audit(self) -> FakeAuditRepository:
        return self._repo(FakeAuditRepository)

    @property
    def alerts(self) -> FakeAlertRepository:
        return self._repo(FakeAlertRepository)

    @property
    def account_email_requests(self) -> FakeAccountEmailRequestRepository:
        return self._repo(FakeAccountEmailRequestRepository)


@dataclass
class Backend:
    """The fake database and broker with the factories handlers take."""

    db: FakeDatabase = field(default_factory=FakeDatabase)
    publisher: FakePublisher = field(default_factory=FakePublisher)

    def tenant_uow(self, user_id, *, settings: dict[str, str] | None = None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.db, self.publisher, uuid.UUID(str(user_id)), settings)

    def system_uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.db, self.publisher, None)


# --- adapters --------------------------------------------------------------------------------------


class FakeEmbedder:
    """Hashed bag of words (with word prefixes, so "deliver" and "delivery" meet): unit-length vectors
    where texts that share words are close, as with a real model, at no cost."""

    model_name = "fake-bag-of-words"
    dimensions = 512
    max_tokens = 64

    def __init__(self) -> None:
        self.calls = 0

    def _tokens(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        out = []
        for text in texts:
            vector = [0.0] * self.dimensions
            for word in self._tokens(text):
                for feature in (word, word[:5]):
                    vector[int(hashlib.blake2b(feature.encode(), digest_size=4).hexdigest(), 16)
                           % self.dimensions] += 1.0
            norm = math.sqrt(sum(v * v for v in vector)) or 1.0
            out.append([v / norm for v in vector])
        return out

    def count_tokens(self, text: str) -> int:
        return len(self._tokens(text))

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return [self.count_tokens(t) for t in texts]


class FakeVectorStore:
    """Vectors per tenant; keeps the chunk text beside each vector (as pgvector does) when given the
    database to read it from, and ranks keyword matches on `terms`."""

    def __init__(self, db: FakeDatabase | None = None) -> None:
        self.db = db
        self.items: dict[uuid.UUID, dict[str, VectorItem]] = {}
        self.visible_lag = 0  # how many of a document's vectors a query cannot see yet (hosted indexes lag)

    def upsert(self, user_id: uuid.UUID, items: list[VectorItem]) -> None:
        self.items.setdefault(user_id, {}).update({item.chunk_id: item for item in items})

    def query(self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
              document_ids: list[uuid.UUID] | None = None, terms: list[str] | None = None) -> list[VectorHit]:
        items = [i for i in self.items.get(user_id, {}).values()
                 if i.model == model and (document_ids is None or i.document_id in document_ids)
                 and (self.db is None or self.db.documents.get(i.document_id, {}).get("status", "ready")
                      in DOCUMENT_SEARCHABLE)]
        scored = sorted(((sum(a * b for a, b in zip(vector, i.vector, strict=True)), i) for i in items),
                        key=lambda pair: -pair[0])
        by_vector = [i.chunk_id for _, i in scored[:k]]
        by_keyword: list[str] = []
        if terms and self.db is not None:
            counts = []
            for _, item in scored:
                words = re.findall(r"\w+", self.db.chunks[item.chunk_id]["content"].lower())
                hits = sum(1 for t in terms if any(w.startswith(t.lower()) for w in words))
                if hits:
                    counts.append((hits, item.chunk_id))
            by_keyword = [chunk_id for _, chunk_id in sorted(counts, key=lambda c: -c[0])[:k]]
        score = {i.chunk_id: s for s, i in scored}
        hits = []
        for chunk_id in dict.fromkeys(by_vector + by_keyword):
            chunk = None
            if self.db is not None:
                row = self.db.chunks[chunk_id]
                chunk = HydratedChunk(chunk_id, row["document_id"], row["content"], row["metadata"],
                                      self.db.documents[row["document_id"]]["filename"])
            hits.append(VectorHit(chunk_id, score[chunk_id], chunk,
                                  by_vector.index(chunk_id) + 1 if chunk_id in by_vector else None,
                                  by_keyword.index(chunk_id) + 1 if chunk_id in by_keyword else None))
        return hits

    def delete_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> None:
        tenant = self.items.get(user_id, {})
        for chunk_id in [c for c, i in tenant.items() if i.document_id == document_id]:
            del tenant[chunk_id]

    def delete_tenant(self, user_id: uuid.UUID) -> None:
        self.items.pop(user_id, None)

    def count(self, user_id: uuid.UUID, document_id: uuid.UUID | None = None) -> int:
        found = sum(1 for i in self.items.get(user_id, {}).values()
                    if document_id is None or i.document_id == document_id)
        return max(0, found - self.visible_lag)


@dataclass
class FakeTransport:
    """Sends into a list; `fail_with` makes the next sends raise it (a refusal or an outage)."""

    sent: list = field(default_factory=list)
    fail_with: Exception | None = None

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append({"user_id": user_id, "chat_id": chat_id, "text": text, "key": idempotency_key})
        return f"wamid.out.{len(self.sent)}"


@dataclass
class FakeEvents:
    published: list = field(default_factory=list)

    def publish(self, user_id: uuid.UUID, event: str, data: dict) -> None:
        self.published.append((user_id, event, data))


@dataclass
class FakeStorage:
    objects: dict = field(default_factory=dict)  # (bucket, path) -> bytes

    def put(self, bucket: str, path: str, data: bytes, content_type: str) -> None:
        self.objects[(bucket, path)] = bytes(data)

    def get(self, bucket: str, path: str) -> bytes:
        try:
            return self.objects[(bucket, path)]
        except KeyError:
            raise StorageObjectMissingError(f"{bucket}/{path}") from None

    def delete_prefix(self, bucket: str, prefix: str) -> None:
        for key in [k for k in self.objects if k[0] == bucket and k[1].startswith(prefix)]:
            del self.objects[key]


@dataclass
class FakeMailer:
    sent: list = field(default_factory=list)
    fail_with: Exception | None = None

    def send(self, to: str, subject: str, body: str) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append({"to": to, "subject": subject, "body": body})


@dataclass
class FakeResetSender:
    """The accounts backend's reset mail, recorded."""

    resets: list = field(default_factory=list)

    def send_reset(self, email: str, base_url: str) -> None:
        self.resets.append((email, base_url))


@dataclass
class FakeChat:
    """A model that says the given texts in turn; with none left, every model fails with `error` (the
    provider's own words, as the trace shows them). A dict is a JSON-mode answer: it is sent as its JSON,
    and only to a call that asked for JSON, so a test cannot pass on a call made in the wrong mode."""

    texts: list = field(default_factory=list)
    calls: list = field(default_factory=list)  # the messages of each call, as they were when sent
    json_modes: list = field(default_factory=list)  # whether each call asked for JSON
    error: str = "down"

    def complete(self, models: list, messages: list[dict], *, temperature: float, max_tokens: int,
                 json_mode: bool = False):
        # A copy: the repair loop appends to the list it sent, which would rewrite the earlier call.
        self.calls.append(copy.deepcopy(messages))
        self.json_modes.append(json_mode)
        if not self.texts:
            raise AllModelsFailedError([{"model": m.model, "error": self.error} for m in models])
        text = self.texts.pop(0)
        if isinstance(text, dict):
            if not json_mode:
                raise AssertionError("a JSON answer was queued for a call that did not ask for JSON")
            text = json.dumps(text)
        return Completion(text, models[0].model)


@dataclass
class FakeSessionHost:
    """The browsers a sessions worker runs, as statuses by tenant; `answers` are what queries return (an
    exception is raised instead)."""

    sessions: dict = field(default_factory=dict)  # user_id -> status
    answers: dict = field(default_factory=dict)  # "groups" | "contacts" | "pairing_code" -> value or exception

    def start(self, user_id: uuid.UUID) -> None:
        self.sessions[user_id] = "STARTING"

    def stop(self, user_id: uuid.UUID, *, status: str = "STOPPED", delete_profile: bool = False) -> None:
        self.sessions.pop(user_id, None)
        self.stopped_as = status

    def logout(self, user_id: uuid.UUID) -> None:
        self.sessions.pop(user_id, None)

    def running(self) -> list[uuid.UUID]:
        return list(self.sessions)

    def _answer(self, query: str):
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def groups(self, user_id: uuid.UUID) -> list[dict]:
        return self._answer("groups")

    def contacts(self, user_id: uuid.UUID) -> list[dict]:
        return self._answer("contacts")

    def pairing_code(self, user_id: uuid.UUID, phone: str) -> str:
        return self._answer("pairing_code")


@dataclass
class FakeSessionLeases:
    """One lease per tenant, shared by every host's view (`for_host`), as Redis holds them."""

    host_queue: str = "sessions.here"
    owners: dict = field(default_factory=dict)  # user_id -> host queue

    def for_host(self, host_queue: str) -> FakeSessionLeases:
        return FakeSessionLeases(host_queue, self.owners)

    def acquire(self, user_id: uuid.UUID) -> bool:
        if self.owners.get(user_id, self.host_queue) != self.host_queue:
            return False
        self.owners[user_id] = self.host_queue
        return True

    def renew(self, user_id: uuid.UUID) -> bool:
        return self.owners.get(user_id) == self.host_queue

    def release(self, user_id: uuid.UUID) -> None:
        if self.owners.get(user_id) == self.host_queue:
            del self.owners[user_id]

    def owner(self, user_id: uuid.UUID) -> str | None:
        return self.owners.get(user_id)
