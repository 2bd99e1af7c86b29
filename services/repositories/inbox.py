"""SQL for `inbox`: the customer messages the pipeline accepts once and moves through its stages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg.types.json import Jsonb

from schemas.bot import BotSettings
from schemas.pipelines import MESSAGE_IN_PROGRESS
from services.core.crypto import Sealed
from services.repositories.chat_logs import LoggedTurn
from services.repositories.chats import ChatRules
from services.repositories.outbox import ReplyRow
from services.repositories.repositories import Repository
from services.repositories.rows import record


@dataclass(frozen=True)
class InboundMessageRow:
    """A customer message as the stages read it (`select *` of inbox)."""

    id: uuid.UUID
    user_id: uuid.UUID
    provider_message_id: str
    chat_id: str
    sender_phone: str | None
    sender_lid: str | None
    is_group: bool
    from_me: bool
    mentions_me: bool
    body_ciphertext: bytes
    body_nonce: bytes
    body_key_id: str
    media_ref: str | None
    sent_at: datetime | None
    status: str
    decision_reason: str | None
    intent: str | None
    trace: dict
    attempts: int
    trace_id: str
    created_at: datetime

    @property
    def body(self) -> Sealed:
        return Sealed(self.body_ciphertext, self.body_nonce, self.body_key_id)

    @property
    def contact(self) -> str | None:
        """Who wrote: the phone number when WhatsApp shares it, else the sender's LID."""
        return self.sender_phone or self.sender_lid


@dataclass(frozen=True)
class InboundLog:
    """How a message is logged as its chat's inbound turn (see `answer_inbound`)."""

    body: Sealed
    outcome: str
    reason: str | None
    intent: str | None


@dataclass(frozen=True)
class NewReply:
    """A reply written with the answer (`InboxRepository.answer_inbound`), under its outbox key."""

    reply_key: str
    body: Sealed
    # Written `sending` with its attempt counted, as `OutboxRepository.start_sending` leaves a reply it claims; else
    # `pending`, as `OutboxRepository.add_reply` writes it.
    sending: bool


@dataclass(frozen=True)
class FilterClaim:
    """What inbound.filter reads with its claim (`InboxRepository.claim_for_filter`)."""

    row: InboundMessageRow
    settings: BotSettings
    chat: ChatRules | None  # None: the message is past `received`, and its chat was left as it was


@dataclass(frozen=True)
class RespondClaim:
    """What rag.respond reads with its claim (`InboxRepository.claim_for_respond`)."""

    row: InboundMessageRow
    settings: BotSettings
    history: list[LoggedTurn]  # the chat's last `settings.history_turns` turns before the message, oldest first


@dataclass(frozen=True)
class StuckInbound:
    id: uuid.UUID
    user_id: uuid.UUID
    status: str
    attempts: int
    trace_id: str


def answer_reply_id(inbox_id: uuid.UUID, reply_key: str) -> uuid.UUID:
    """The outbox id of a reply written with an answer (`InboxRepository.answer_inbound`): the same for the same
    message and key however often the answer is written. The transport signs the reply with it (`webhook-id`),
    so an answer written again after its first commit was lost (rag.respond's transaction does not wait for its
    commit to reach disk; services/handlers/messages.py) sends its reply under the id the gateway saw, and the
    gateway drops the resend."""
    return uuid.uuid5(inbox_id, reply_key)


class InboxRepository(Repository):
    def insert_inbound(
        self,
        *,
        user_id: uuid.UUID,
        provider_message_id: str,
        chat_id: str,
        sender_phone: str | None,
        sender_lid: str | None,
        is_group: bool,
        from_me: bool,
        mentions_me: bool,
        body: Sealed,
        media_ref: str | None,
        sent_at: datetime,
        trace_id: str,
    ) -> uuid.UUID | None:
        """The new row's id, or None when this provider message id was accepted before."""
        row = self.conn.execute(
            """insert into public.inbox (user_id, provider_message_id, chat_id, sender_phone, sender_lid, is_group,
                   from_me, mentions_me, body_ciphertext, body_nonce, body_key_id, media_ref, sent_at, trace_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
               on conflict (user_id, provider_message_id) do nothing returning id""",
            [
                user_id,
                provider_message_id,
                chat_id,
                sender_phone,
                sender_lid,
                is_group,
                from_me,
                mentions_me,
                body.ciphertext,
                body.nonce,
                body.key_id,
                media_ref,
                sent_at,
                trace_id,
            ],
        ).fetchone()
        return row[0] if row else None

    def inbound_id(self, provider_message_id: str) -> uuid.UUID | None:
        row = self.conn.execute(
            "select id from public.inbox where provider_message_id = %s", [provider_message_id]
        ).fetchone()
        return row[0] if row else None

    def inbound(self, inbox_id: uuid.UUID, *, lock: bool = False) -> InboundMessageRow | None:
        sql = (
            "select * from public.inbox where id = %s for update"
            if lock
            else "select * from public.inbox where id = %s"
        )
        return self._record(InboundMessageRow, sql, [inbox_id])

    def inbound_with_settings(self, inbox_id: uuid.UUID) -> tuple[InboundMessageRow, BotSettings] | None:
        """The message, locked, with its tenant's bot settings, in one round trip."""
        rows = self._rows(
            """select i.*, (select to_jsonb(c) from public.bot_config c where c.user_id = i.user_id) as config
               from public.inbox i where i.id = %s for update of i""",
            [inbox_id],
        )
        return (record(InboundMessageRow, rows[0]), BotSettings.from_stored(rows[0]["config"])) if rows else None

    def claim_for_filter(self, inbox_id: uuid.UUID) -> FilterClaim | None:
        """`inbound_with_settings`, and for a message still `received` its chat created or brought up to date
        with the rules the filter decides on (`ChatRepository.chat_rules`), in one statement.

        The chat is written only from the locked row's current status: a redelivered job that finds the
        message moved on changes nothing. The whitelist and group settings are read through row-level
        security as the tenant, and held to the message's own business as well.
        """
        rows = self._rows(
            """with msg as (select * from public.inbox where id = %s for update),
               chat as (
                   insert into public.chats (user_id, chat_id, contact_phone, contact_lid, is_group, last_inbound_at)
                   select user_id, chat_id, sender_phone, sender_lid, is_group,
                          case when from_me then null else created_at end
                   from msg where status = 'received'
                   on conflict (user_id, chat_id) do update set
                       contact_phone = coalesce(excluded.contact_phone, chats.contact_phone),
                       contact_lid = coalesce(excluded.contact_lid, chats.contact_lid),
                       last_inbound_at = greatest(chats.last_inbound_at, excluded.last_inbound_at)
                   returning true as written, handoff_active, paused_until)
               select msg.*, (select to_jsonb(c) from public.bot_config c where c.user_id = msg.user_id) as config,
                      chat.written is not null as chat_written, chat.handoff_active, chat.paused_until,
                      chat.written is not null and exists (
                          select 1 from public.whitelists w where w.user_id = msg.user_id
                          and (w.phone = msg.sender_phone or w.lid = msg.sender_lid)) as whitelisted,
                      g.auto_reply as group_auto_reply, g.mention_only as group_mention_only
               from msg left join chat on true
               left join public.group_settings g
                   on chat.written is not null and msg.is_group and g.user_id = msg.user_id
                   and g.group_id = msg.chat_id""",
            [inbox_id],
        )
        if not rows:
            return None
        columns = rows[0]
        chat = record(ChatRules, columns) if columns["chat_written"] else None
        return FilterClaim(record(InboundMessageRow, columns), BotSettings.from_stored(columns["config"]), chat)

    def claim_for_respond(self, inbox_id: uuid.UUID) -> RespondClaim | None:
        """rag.respond's claim: the message, locked, with its tenant's bot settings and the chat's last
        `history_turns` logged turns before it (`ChatLogRepository.history`), in one statement; None for a
        message no longer `classified`, which is neither locked nor read further.

        The history is read through row-level security as the tenant and held to the message's own business
        as well; its length is the business's own setting, read by the same statement.
        """
        rows = self._rows(
            _CLASSIFIED_MESSAGE + _WITH_HISTORY,
            {"id": inbox_id, "default_turns": BotSettings.model_fields["history_turns"].default},
        )
        if not rows:
            return None
        columns = rows[0]
        return RespondClaim(
            record(InboundMessageRow, columns), BotSettings.from_stored(columns["config"]), _logged_turns(columns)
        )

    def advance_inbound_with_history(
        self, inbox_id: uuid.UUID, *, expected: str, status: str, intent: str | None, trace: dict, turns: int
    ) -> tuple[InboundMessageRow, list[LoggedTurn]] | None:
        """`advance_inbound`, and the chat's last `turns` logged turns before the message
        (`ChatLogRepository.history`), in one statement; None (and no change) when it is not in `expected`."""
        rows = self._rows(
            _ADVANCED_MESSAGE + _WITH_HISTORY,
            {
                "status": status,
                "intent": intent,
                "trace": Jsonb(trace),
                "id": inbox_id,
                "expected": expected,
                "turns": turns,
            },
        )
        if not rows:
            return None
        columns = rows[0]
        return record(InboundMessageRow, columns), _logged_turns(columns)

    def advance_inbound(
        self,
        inbox_id: uuid.UUID,
        *,
        expected: str,
        status: str,
        reason: str | None = None,
        intent: str | None = None,
        trace: dict | None = None,
    ) -> InboundMessageRow | None:
        """`set_inbound` for a message still in `expected`, returning the row; None (and no change) otherwise.

        One statement does what locking, checking and updating did: a concurrent run of the same
        stage waits on the row lock, then finds the status moved on.
        """
        return self._record(
            InboundMessageRow,
            """update public.inbox set status = %s, decision_reason = coalesce(%s, decision_reason),
                   intent = coalesce(%s, intent), trace = trace || %s, attempts = attempts + 1
               where id = %s and status = %s returning *""",
            [status, reason, intent, Jsonb(trace or {}), inbox_id, expected],
        )

    def answer_inbound(
        self,
        inbox_id: uuid.UUID,
        *,
        expected: str,
        status: str,
        intent: str | None,
        trace: dict,
        log: InboundLog,
        replies: list[NewReply],
        handoff: bool = False,
    ) -> dict[str, ReplyRow] | None:
        """The answer recorded in one statement: `advance_inbound`, the message logged as the chat's inbound turn
        (`ChatLogRepository.log`, with the row's chat, contact and `trace`) and its replies written to the outbox
        once per key; with `handoff`, the chat handed to a person too (`ChatRepository.start_handoff`).

        A new reply takes its id from `answer_reply_id`. A reply's key written before is not written again: a
        `sending` reply claims it as `OutboxRepository.start_sending` would (left, and not returned, when it is done:
        sent or failed), a `pending` one finds it as `OutboxRepository.add_reply` does.

        Nothing is logged or written unless the message advances: None then. Otherwise the reply rows written, by
        key; a `sending` reply whose key was written before and is done (sent or failed) is not among them. The
        replies take the business, chat, message and trace id of the advanced row, read through row-level security.
        """
        rows = self._rows(
            """with advanced as (
                   update public.inbox set status = %(status)s, intent = coalesce(%(intent)s, intent),
                       trace = trace || %(trace)s, attempts = attempts + 1
                   where id = %(id)s and status = %(expected)s returning *),
               logged as (
                   insert into public.chat_logs (user_id, chat_id, contact_phone, contact_lid, direction, inbox_id,
                       outcome, reason, intent, trace, ciphertext, nonce, key_id)
                   select user_id, chat_id, sender_phone, sender_lid, 'inbound', id, %(outcome)s, %(reason)s,
                       %(logged_intent)s, %(trace)s, %(ciphertext)s, %(nonce)s, %(key_id)s from advanced),
               handed_off as (
                   update public.chats set handoff_active = true, handoff_since = now() from advanced
                   where %(handoff)s and chats.user_id = advanced.user_id and chats.chat_id = advanced.chat_id),
               replies as (
                   insert into public.outbox (id, user_id, reply_key, inbox_id, chat_id, body_ciphertext,
                       body_nonce, body_key_id, trace_id, status, attempts)
                   select part.id, advanced.user_id, part.reply_key, advanced.id, advanced.chat_id, part.ciphertext,
                          part.nonce, part.key_id, advanced.trace_id,
                          case when part.sending then 'sending' else 'pending' end, part.sending::integer
                   from advanced cross join unnest(%(reply_ids)s::uuid[], %(reply_keys)s::text[],
                       %(reply_ciphertexts)s::bytea[], %(reply_nonces)s::bytea[], %(reply_key_ids)s::text[],
                       %(reply_sending)s::boolean[])
                       as part(id, reply_key, ciphertext, nonce, key_id, sending)
                   -- A key written before: a reply to send claims it unless it is done (then no row comes back);
                   -- a pending one leaves it as it is and returns it.
                   on conflict (user_id, reply_key) do update set
                       status = case when excluded.status = 'sending' then 'sending' else outbox.status end,
                       last_error = case when excluded.status = 'sending' then null else outbox.last_error end,
                       attempts = outbox.attempts + excluded.attempts
                   where excluded.status = 'pending' or outbox.status in ('pending', 'sending')
                   returning *)
               select advanced.id as answered_id, replies.* from advanced left join replies on true""",
            {
                "status": status,
                "intent": intent,
                "trace": Jsonb(trace),
                "id": inbox_id,
                "expected": expected,
                "outcome": log.outcome,
                "reason": log.reason,
                "logged_intent": log.intent,
                "ciphertext": log.body.ciphertext,
                "nonce": log.body.nonce,
                "key_id": log.body.key_id,
                "reply_ids": [answer_reply_id(inbox_id, reply.reply_key) for reply in replies],
                "reply_keys": [reply.reply_key for reply in replies],
                "reply_ciphertexts": [reply.body.ciphertext for reply in replies],
                "reply_nonces": [reply.body.nonce for reply in replies],
                "reply_key_ids": [reply.body.key_id for reply in replies],
                "reply_sending": [reply.sending for reply in replies],
                "handoff": handoff,
            },
        )
        if not rows:
            return None
        # One row a reply written, or a single row without one (every reply done before, or none asked for).
        return {columns["reply_key"]: record(ReplyRow, columns) for columns in rows if columns["id"] is not None}

    def set_inbound(
        self,
        inbox_id: uuid.UUID,
        *,
        status: str,
        reason: str | None = None,
        intent: str | None = None,
        trace: dict | None = None,
    ) -> None:
        self.conn.execute(
            """update public.inbox set status = %s, decision_reason = coalesce(%s, decision_reason),
                   intent = coalesce(%s, intent), trace = trace || %s, attempts = attempts + 1 where id = %s""",
            [status, reason, intent, Jsonb(trace or {}), inbox_id],
        )

    def newer_in_chat(self, chat_id: str, after: datetime, inbox_id: uuid.UUID) -> list[datetime]:
        return [
            r[0]
            for r in self.conn.execute(
                """select created_at from public.inbox where chat_id = %s and id <> %s and created_at > %s
               and not from_me and status <> 'ignored'""",
                [chat_id, inbox_id, after],
            ).fetchall()
        ]

    def burst(self, chat_id: str, until: datetime, window_seconds: float) -> list[InboundMessageRow]:
        """This chat's customer messages that arrived in the burst ending at `until`, oldest first.

        Inclusive at both ends, so with no debounce window the burst is the message itself.
        """
        return self._records(
            InboundMessageRow,
            """select * from public.inbox where chat_id = %s and not from_me and created_at <= %s
               and created_at >= %s - make_interval(secs => %s) order by created_at""",
            [chat_id, until, until, window_seconds],
        )

    def stuck_inbound(self, older_than_seconds: float) -> list[StuckInbound]:
        return self._records(
            StuckInbound,
            """select id, user_id, status, attempts, trace_id from public.inbox
               where status = any(%s) and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""",
            [list(MESSAGE_IN_PROGRESS), older_than_seconds],
        )


# The message rag.respond claims (`claim_for_respond`): locked, only while `classified`, with its business's
# settings and the number of turns of history they ask for.
_CLASSIFIED_MESSAGE = """with msg as (
                   select i.*, to_jsonb(c) as config, coalesce(c.history_turns, %(default_turns)s) as history_turns
                   from public.inbox i left join public.bot_config c on c.user_id = i.user_id
                   where i.id = %(id)s and i.status = 'classified' for update of i)
               """

# The message advanced (`advance_inbound_with_history`), only while in `expected`.
_ADVANCED_MESSAGE = """with msg as (
                   update public.inbox set status = %(status)s, intent = coalesce(%(intent)s, intent),
                       trace = trace || %(trace)s, attempts = attempts + 1
                   where id = %(id)s and status = %(expected)s returning *, %(turns)s::integer as history_turns)
               """

# The end of a statement whose `msg` (a CTE) is one inbox row with a `history_turns` column: that row with the
# chat's last `history_turns` logged turns before the message, as `ChatLogRepository.history` reads them,
# aggregated oldest first into columns of the same row (`_logged_turns`). No `msg` row, nothing read. The turns
# are held to the message's own business as well as to row-level security.
_WITH_HISTORY = """select msg.*, turns.* from msg cross join lateral (
                   select array_agg(direction order by created_at) as turn_directions,
                          array_agg(ciphertext order by created_at) as turn_ciphertexts,
                          array_agg(nonce order by created_at) as turn_nonces,
                          array_agg(key_id order by created_at) as turn_key_ids,
                          array_agg(created_at order by created_at) as turn_times
                   from (select l.direction, l.ciphertext, l.nonce, l.key_id, l.created_at from public.chat_logs l
                         where l.user_id = msg.user_id and l.chat_id = msg.chat_id
                         and l.created_at < msg.created_at
                         and (l.direction = 'outbound' or l.outcome is distinct from 'ignored')
                         order by l.created_at desc limit msg.history_turns) last) turns"""


def _logged_turns(columns: dict) -> list[LoggedTurn]:
    """The turns `_WITH_HISTORY` aggregated, oldest first."""
    return [
        LoggedTurn(direction=direction, ciphertext=ciphertext, nonce=nonce, key_id=key_id, created_at=at)
        for direction, ciphertext, nonce, key_id, at in zip(
            columns["turn_directions"] or [],  # null: no turn before the message
            columns["turn_ciphertexts"] or [],
            columns["turn_nonces"] or [],
            columns["turn_key_ids"] or [],
            columns["turn_times"] or [],
            strict=True,
        )
    ]
