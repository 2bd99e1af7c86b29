"""SQL for `outbox`: each reply, written once per key, and how its sending went."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg.types.json import Jsonb

from schemas.pipelines import REPLY_IN_PROGRESS
from services.core.crypto import Sealed
from services.repositories.repositories import Repository
from services.repositories.rows import one_row


@dataclass(frozen=True)
class ReplyRow:
    """One reply in the outbox (`select *`)."""

    id: uuid.UUID
    user_id: uuid.UUID
    reply_key: str
    inbox_id: uuid.UUID | None
    chat_id: str
    body_ciphertext: bytes
    body_nonce: bytes
    body_key_id: str
    status: str
    attempts: int
    last_error: str | None
    provider_message_id: str | None
    sent_at: datetime | None
    trace_id: str

    @property
    def body(self) -> Sealed:
        return Sealed(self.body_ciphertext, self.body_nonce, self.body_key_id)


@dataclass(frozen=True)
class StuckReply:
    id: uuid.UUID
    user_id: uuid.UUID
    status: str
    attempts: int
    trace_id: str
    reply_key: str


class OutboxRepository(Repository):
    def add_reply(
        self,
        *,
        user_id: uuid.UUID,
        reply_key: str,
        inbox_id: uuid.UUID | None,
        chat_id: str,
        body: Sealed,
        trace_id: str,
    ) -> uuid.UUID:
        """The outbox row for this reply key, created once however often this runs."""
        row = one_row(
            self.conn.execute(
                """insert into public.outbox (user_id, reply_key, inbox_id, chat_id, body_ciphertext, body_nonce,
                   body_key_id, trace_id) values (%s, %s, %s, %s, %s, %s, %s, %s)
               on conflict (user_id, reply_key) do update set reply_key = excluded.reply_key returning id""",
                [user_id, reply_key, inbox_id, chat_id, body.ciphertext, body.nonce, body.key_id, trace_id],
            )
        )
        return row[0]

    def start_sending(self, outbox_id: uuid.UUID) -> ReplyRow | None:
        """Mark a pending (or interrupted) reply as being sent, counting the attempt; None if it is done."""
        return self._record(
            ReplyRow,
            """update public.outbox set status = 'sending', last_error = null, attempts = attempts + 1
               where id = %s and status in ('pending', 'sending') returning *""",
            [outbox_id],
        )

    def reply(self, outbox_id: uuid.UUID, *, lock: bool = False) -> ReplyRow | None:
        sql = (
            "select * from public.outbox where id = %s for update"
            if lock
            else "select * from public.outbox where id = %s"
        )
        return self._record(ReplyRow, sql, [outbox_id])

    def set_reply(
        self,
        outbox_id: uuid.UUID,
        *,
        status: str,
        error: str | None = None,
        provider_message_id: str | None = None,
        count_attempt: bool = False,
    ) -> None:
        self.conn.execute(
            """update public.outbox set status = %s, last_error = %s,
                   provider_message_id = coalesce(%s, provider_message_id),
                   sent_at = case when %s = 'sent' then now() else sent_at end,
                   attempts = attempts + %s where id = %s""",
            [status, error, provider_message_id, status, 1 if count_attempt else 0, outbox_id],
        )

    def mark_sent(self, outbox_id: uuid.UUID, provider_message_id: str) -> bool:
        """Record the reply as sent; False when it was already (another attempt recorded it first)."""
        rows = self.conn.execute(
            """update public.outbox set status = 'sent', last_error = null, provider_message_id = %s,
                   sent_at = now() where id = %s and status <> 'sent' returning id""",
            [provider_message_id, outbox_id],
        ).fetchall()
        return bool(rows)

    def mark_sent_logged(self, outbox_id: uuid.UUID, provider_message_id: str, *, body: Sealed, trace: dict) -> bool:
        """`mark_sent` and the chat's outbound turn logged (`ChatLogRepository.log`) in one statement: the turn is
        logged only when this records the send; False (nothing written) when another attempt recorded it first."""
        rows = self.conn.execute(
            """with sent as (
                   update public.outbox set status = 'sent', last_error = null, provider_message_id = %s,
                       sent_at = now() where id = %s and status <> 'sent' returning user_id, chat_id, inbox_id)
               insert into public.chat_logs (user_id, chat_id, direction, inbox_id, trace, ciphertext, nonce, key_id)
               select user_id, chat_id, 'outbound', inbox_id, %s, %s, %s, %s from sent returning id""",
            [provider_message_id, outbox_id, Jsonb(trace), body.ciphertext, body.nonce, body.key_id],
        ).fetchall()
        return bool(rows)

    def fail_unsent(self, outbox_id: uuid.UUID, error: str) -> bool:
        """Mark a reply failed unless it went out meanwhile; whether it was failed here."""
        rows = self.conn.execute(
            """update public.outbox set status = 'failed', last_error = %s
               where id = %s and status in ('pending', 'sending') returning id""",
            [error, outbox_id],
        ).fetchall()
        return bool(rows)

    def stuck_replies(self, older_than_seconds: float) -> list[StuckReply]:
        return self._records(
            StuckReply,
            """select id, user_id, status, attempts, trace_id, reply_key from public.outbox
               where status = any(%s) and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""",
            [list(REPLY_IN_PROGRESS), older_than_seconds],
        )
