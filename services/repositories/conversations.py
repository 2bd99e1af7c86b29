"""Conversations as the owner reads them: chat logs, one thread per customer, hand-offs and each chat's
state. Runs in the tenant's unit of work, so RLS scopes every row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from schemas.messages import PLAYGROUND_SUFFIX
from schemas.pipelines import MESSAGE_IN_PROGRESS, REPLY_IN_PROGRESS
from services.repositories.repositories import Repository
from services.repositories.rows import Page, one_row


@dataclass(frozen=True)
class ChatLogEntry:
    """One logged message, its body still sealed (message_views opens it)."""

    id: uuid.UUID
    chat_id: str
    contact_phone: str | None
    contact_lid: str | None
    direction: str  # inbound | outbound
    inbox_id: uuid.UUID | None
    outcome: str | None
    reason: str | None
    intent: str | None
    trace: dict
    ciphertext: bytes
    nonce: bytes
    key_id: str
    created_at: datetime


@dataclass(frozen=True)
class ChatSummary:
    """A chat with its pause and hand-off state (the REST conversations list)."""

    chat_id: str
    contact_phone: str | None
    contact_lid: str | None
    is_group: bool
    handoff_active: bool
    handoff_since: datetime | None
    paused_until: datetime | None
    last_inbound_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class ThreadSummary:
    """A customer chat on the dashboard's list: its last message (sealed), how many it has, its state."""

    chat_id: str
    id: uuid.UUID  # the last message's
    direction: str
    ciphertext: bytes
    nonce: bytes
    key_id: str
    created_at: datetime
    outcome: str | None
    intent: str | None
    messages: int
    contact_phone: str | None
    contact_lid: str | None
    handoff_active: bool
    paused_until: datetime | None
    is_group: bool | None  # None when the chat has logs but no chats row


@dataclass(frozen=True)
class ChatState:
    chat_id: str
    contact_phone: str | None
    contact_lid: str | None
    is_group: bool
    paused_until: datetime | None
    handoff_active: bool
    handoff_since: datetime | None


@dataclass(frozen=True)
class Handoff:
    """A chat waiting for a person, and since when."""

    chat_id: str
    contact_phone: str | None
    handoff_since: datetime | None


class ConversationRepository(Repository):
    def chat_logs(self, *, contact: str | None, since: datetime | None, until: datetime | None,
                  intent: str | None, outcome: str | None, chat_id: str | None = None,
                  limit: int = 100, after: tuple | list | None = None) -> list[ChatLogEntry]:
        """Newest first; `after` = (created_at, id) of the last entry of the previous page."""
        after_at, after_id = after if after else (None, None)
        return self._records(
            ChatLogEntry,
            """select id, chat_id, contact_phone, contact_lid, direction, inbox_id, outcome, reason, intent, trace,
                      ciphertext, nonce, key_id, created_at
               from public.chat_logs
               where (%(contact)s::text is null or chat_id ilike %(like)s or contact_phone ilike %(like)s
                      or contact_lid ilike %(like)s)
                 and (%(chat)s::text is null or chat_id = %(chat)s)
                 and (%(since)s::timestamptz is null or created_at >= %(since)s)
                 and (%(until)s::timestamptz is null or created_at < %(until)s)
                 and (%(intent)s::text is null or intent = %(intent)s)
                 and (%(outcome)s::text is null or outcome = %(outcome)s
                      or (%(outcome)s = 'answered' and direction = 'outbound'))
                 and (%(after_at)s::timestamptz is null or (created_at, id) < (%(after_at)s, %(after_id)s::uuid))
               order by created_at desc, id desc limit %(limit)s""",
            {"contact": contact, "like": f"%{contact}%" if contact else None, "since": since, "until": until,
             "intent": intent, "outcome": outcome, "chat": chat_id, "limit": limit, "after_at": after_at,
             "after_id": after_id})

    def conversations(self, *, handoff: bool | None, limit: int,
                      after: tuple | list | None = None) -> list[ChatSummary]:
        """Chats, most recently active first; `after` = (last activity, chat id) of the previous page's last."""
        after_at, after_chat = after if after else (None, None)
        return self._records(
            ChatSummary,
            """select chat_id, contact_phone, contact_lid, is_group, handoff_active, handoff_since, paused_until,
                      last_inbound_at, created_at from public.chats
               where (%(h)s::boolean is null or handoff_active = %(h)s)
                 and (%(after_at)s::timestamptz is null
                      or (coalesce(last_inbound_at, created_at), chat_id) < (%(after_at)s, %(after_chat)s))
               order by coalesce(last_inbound_at, created_at) desc, chat_id desc limit %(limit)s""",
            {"h": handoff, "limit": limit, "after_at": after_at, "after_chat": after_chat})

    def pending_in_chat(self, chat_id: str) -> int:
        """Inbound messages of this chat whose reply does not exist yet: still in the pipeline, or answered
        with a reply still in the outbox (the typing pause, or being sent). A message that ends without a
        reply (not answered, a task, failed, filtered) stops counting when the pipeline is done with it."""
        return one_row(self.conn.execute(
            """select count(*) from public.inbox i
                where i.chat_id = %s
                  and (i.status = any(%s)
                       or exists (select 1 from public.outbox o
                                   where o.inbox_id = i.id and o.user_id = i.user_id and o.status = any(%s)))""",
            [chat_id, list(MESSAGE_IN_PROGRESS), list(REPLY_IN_PROGRESS)]))[0]

    def threads(self, *, contact: str | None, since: datetime | None, until: datetime | None,
                waiting_only: bool = False, limit: int = 25, offset: int = 0) -> Page:
        """Customer chats, latest activity first, each with its last message (sealed) and hand-off state.

        Playground chats are the owner trying the bot, not customers: they are left out.
        """
        params = {"contact": contact, "like": f"%{contact}%" if contact else None, "since": since, "until": until,
                  "waiting": waiting_only, "limit": limit, "offset": offset, "playground": f"%{PLAYGROUND_SUFFIX}"}
        where = """where l.chat_id not like %(playground)s
                     and (%(contact)s::text is null or l.chat_id ilike %(like)s or l.contact_phone ilike %(like)s
                          or l.contact_lid ilike %(like)s)
                     and (%(since)s::timestamptz is null or l.created_at >= %(since)s)
                     and (%(until)s::timestamptz is null or l.created_at < %(until)s)"""
        having = "and (not %(waiting)s or coalesce(c.handoff_active, false))"
        rows = self._records(
            ThreadSummary,
            f"""with last as (
                  select distinct on (l.chat_id) l.chat_id, l.id, l.direction, l.ciphertext, l.nonce, l.key_id,
                         l.created_at, l.outcome, l.intent
                    from public.chat_logs l {where} order by l.chat_id, l.created_at desc, l.direction),
                counts as (
                  select l.chat_id, count(*) as messages, max(l.contact_phone) as contact_phone,
                         max(l.contact_lid) as contact_lid
                    from public.chat_logs l {where} group by l.chat_id)
                select last.*, counts.messages, coalesce(counts.contact_phone, c.contact_phone) as contact_phone,
                       coalesce(counts.contact_lid, c.contact_lid) as contact_lid,
                       coalesce(c.handoff_active, false) as handoff_active, c.paused_until, c.is_group
                  from last join counts using (chat_id)
                  left join public.chats c on c.chat_id = last.chat_id
                 where true {having}
                 order by last.created_at desc limit %(limit)s offset %(offset)s""", params)
        total = one_row(self.conn.execute(
            f"""select count(*) from (select l.chat_id from public.chat_logs l {where} group by l.chat_id) t
                left join public.chats c on c.chat_id = t.chat_id where true {having}""", params))[0]
        return Page(rows, total, offset)

    def thread(self, chat_id: str, *, limit: int = 50,
               before: datetime | None = None) -> tuple[list[ChatLogEntry], int]:
        """A chat's messages, oldest first (the newest `limit` before `before`), and how many it has in all."""
        rows = self._records(
            ChatLogEntry,
            """select id, chat_id, contact_phone, contact_lid, direction, inbox_id, outcome, reason, intent, trace,
                      ciphertext, nonce, key_id, created_at
                 from public.chat_logs
                where chat_id = %(chat)s and (%(before)s::timestamptz is null or created_at < %(before)s)
                order by created_at desc, direction limit %(limit)s""",
            {"chat": chat_id, "before": before, "limit": limit})
        rows.reverse()
        total = one_row(self.conn.execute("select count(*) from public.chat_logs where chat_id = %s", [chat_id]))[0]
        return rows, total

    def chat_has_work(self, chat_id: str) -> bool:
        """A task or a reply exists for the chat (e.g. a task created over REST before any message)."""
        return one_row(self.conn.execute(
            "select exists (select 1 from public.tasks where chat_id = %s) "
            "or exists (select 1 from public.outbox where chat_id = %s)", [chat_id, chat_id]))[0]

    def chat_state(self, chat_id: str) -> ChatState | None:
        return self._record(ChatState, """select chat_id, contact_phone, contact_lid, is_group, paused_until,
                                                 handoff_active, handoff_since from public.chats where chat_id = %s""",
                            [chat_id])

    def handoffs(self) -> list[Handoff]:
        return self._records(Handoff, "select chat_id, contact_phone, handoff_since from public.chats "
                                      "where handoff_active order by handoff_since desc")
