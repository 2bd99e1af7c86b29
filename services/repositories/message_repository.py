"""SQL for the message pipeline: inbox, chats, outbox, chat logs, tasks and bot settings."""

from __future__ import annotations

import uuid
from datetime import datetime

from psycopg.types.json import Jsonb

from schemas.pipelines import MESSAGE_IN_PROGRESS, REPLY_IN_PROGRESS
from services.core.crypto import Sealed
from services.repositories.repositories import Repository
from services.repositories.rows import one_row


class MessageRepository(Repository):
    # --- inbox ----------------------------------------------------------------------------------

    def insert_inbound(self, *, user_id: uuid.UUID, provider_message_id: str, chat_id: str, sender_phone: str | None,
                       sender_lid: str | None, is_group: bool, from_me: bool, mentions_me: bool, body: Sealed,
                       media_ref: str | None, sent_at: datetime, trace_id: str) -> uuid.UUID | None:
        """The new row's id, or None when this provider message id was accepted before."""
        row = self.conn.execute(
            """insert into public.inbox (user_id, provider_message_id, chat_id, sender_phone, sender_lid, is_group,
                   from_me, mentions_me, body_ciphertext, body_nonce, body_key_id, media_ref, sent_at, trace_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
               on conflict (user_id, provider_message_id) do nothing returning id""",
            [user_id, provider_message_id, chat_id, sender_phone, sender_lid, is_group, from_me, mentions_me,
             body.ciphertext, body.nonce, body.key_id, media_ref, sent_at, trace_id],
        ).fetchone()
        return row[0] if row else None

    def inbound_id(self, provider_message_id: str) -> uuid.UUID | None:
        row = self.conn.execute("select id from public.inbox where provider_message_id = %s",
                                [provider_message_id]).fetchone()
        return row[0] if row else None

    def inbound(self, inbox_id: uuid.UUID, *, lock: bool = False) -> dict | None:
        rows = self._rows(f"select * from public.inbox where id = %s{' for update' if lock else ''}", [inbox_id])
        return rows[0] if rows else None

    def inbound_with_config(self, inbox_id: uuid.UUID) -> dict | None:
        """The message, locked, with its tenant's bot settings under "config", in one round trip."""
        rows = self._rows(
            """select i.*, (select to_jsonb(c) from public.bot_config c where c.user_id = i.user_id) as config
               from public.inbox i where i.id = %s for update of i""",
            [inbox_id],
        )
        return rows[0] if rows else None

    def advance_inbound(self, inbox_id: uuid.UUID, *, expected: str, status: str, reason: str | None = None,
                        intent: str | None = None, trace: dict | None = None) -> dict | None:
        """`set_inbound` for a message still in `expected`, returning the row; None (and no change) otherwise.

        One statement does what locking, checking and updating did: a concurrent run of the same
        stage waits on the row lock, then finds the status moved on.
        """
        rows = self._rows(
            """update public.inbox set status = %s, decision_reason = coalesce(%s, decision_reason),
                   intent = coalesce(%s, intent), trace = trace || %s, attempts = attempts + 1
               where id = %s and status = %s returning *""",
            [status, reason, intent, Jsonb(trace or {}), inbox_id, expected],
        )
        return rows[0] if rows else None

    def set_inbound(self, inbox_id: uuid.UUID, *, status: str, reason: str | None = None,
                    intent: str | None = None, trace: dict | None = None) -> None:
        self.conn.execute(
            """update public.inbox set status = %s, decision_reason = coalesce(%s, decision_reason),
                   intent = coalesce(%s, intent), trace = trace || %s, attempts = attempts + 1 where id = %s""",
            [status, reason, intent, Jsonb(trace or {}), inbox_id],
        )

    def newer_in_chat(self, chat_id: str, after: datetime, inbox_id: uuid.UUID) -> list[datetime]:
        return [r[0] for r in self.conn.execute(
            """select created_at from public.inbox where chat_id = %s and id <> %s and created_at > %s
               and not from_me and status <> 'ignored'""", [chat_id, inbox_id, after]).fetchall()]

    def burst(self, chat_id: str, until: datetime, window_seconds: float) -> list[dict]:
        """This chat's customer messages that arrived in the burst ending at `until`, oldest first.

        Inclusive at both ends, so with no debounce window the burst is the message itself.
        """
        return self._rows(
            """select * from public.inbox where chat_id = %s and not from_me and created_at <= %s
               and created_at >= %s - make_interval(secs => %s) order by created_at""",
            [chat_id, until, until, window_seconds],
        )

    def stuck_inbound(self, older_than_seconds: float) -> list[dict]:
        return self._rows(
            """select id, user_id, status, attempts, trace_id from public.inbox
               where status = any(%s) and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""",
            [list(MESSAGE_IN_PROGRESS), older_than_seconds],
        )

    # --- chats ----------------------------------------------------------------------------------

    def chat(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
             inbound_at: datetime | None) -> dict:
        return self._rows(
            """insert into public.chats (user_id, chat_id, contact_phone, contact_lid, is_group, last_inbound_at)
               values (%s, %s, %s, %s, %s, %s)
               on conflict (user_id, chat_id) do update set
                   contact_phone = coalesce(excluded.contact_phone, chats.contact_phone),
                   contact_lid = coalesce(excluded.contact_lid, chats.contact_lid),
                   last_inbound_at = greatest(chats.last_inbound_at, excluded.last_inbound_at)
               returning *""",
            [user_id, chat_id, phone, lid, is_group, inbound_at],
        )[0]

    def chat_rules(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
                   inbound_at: datetime | None) -> dict:
        """`chat` (the upsert), `whitelisted` and `group` in one statement: what the filter decides on.

        Keys: handoff_active, paused_until, whitelisted, group_auto_reply and group_mention_only
        (both None when this is not a group or the group has no settings).
        """
        return self._rows(
            """with chat as (
                   insert into public.chats (user_id, chat_id, contact_phone, contact_lid, is_group, last_inbound_at)
                   values (%(user)s, %(chat)s, %(phone)s, %(lid)s, %(group)s, %(at)s)
                   on conflict (user_id, chat_id) do update set
                       contact_phone = coalesce(excluded.contact_phone, chats.contact_phone),
                       contact_lid = coalesce(excluded.contact_lid, chats.contact_lid),
                       last_inbound_at = greatest(chats.last_inbound_at, excluded.last_inbound_at)
                   returning handoff_active, paused_until)
               select chat.handoff_active, chat.paused_until,
                      exists (select 1 from public.whitelists where (phone = %(phone)s) or (lid = %(lid)s))
                          as whitelisted,
                      g.auto_reply as group_auto_reply, g.mention_only as group_mention_only
               from chat left join public.group_settings g on %(group)s and g.group_id = %(chat)s""",
            {"user": user_id, "chat": chat_id, "phone": phone, "lid": lid, "group": is_group, "at": inbound_at},
        )[0]

    def pause_chat(self, user_id: uuid.UUID, chat_id: str, until: datetime) -> None:
        self.conn.execute(
            "update public.chats set paused_until = greatest(paused_until, %s) where user_id = %s and chat_id = %s",
            [until, user_id, chat_id])

    def start_handoff(self, user_id: uuid.UUID, chat_id: str) -> None:
        self.conn.execute(
            "update public.chats set handoff_active = true, handoff_since = now() "
            "where user_id = %s and chat_id = %s", [user_id, chat_id])

    def release_handoff(self, user_id: uuid.UUID, chat_id: str) -> bool:
        return self.conn.execute(
            "update public.chats set handoff_active = false, handoff_since = null "
            "where user_id = %s and chat_id = %s and handoff_active", [user_id, chat_id]).rowcount == 1

    # --- settings the pipeline reads --------------------------------------------------------------

    def bot_config(self, user_id: uuid.UUID | None = None) -> dict | None:
        """The tenant's settings (RLS picks them); name the tenant in a system unit of work."""
        rows = self._rows("select * from public.bot_config where %(u)s::uuid is null or user_id = %(u)s",
                          {"u": user_id})
        return rows[0] if rows else None

    def whitelisted(self, phone: str | None, lid: str | None) -> bool:
        return one_row(self.conn.execute(
            "select exists (select 1 from public.whitelists where (phone = %s) or (lid = %s))", [phone, lid]
        ))[0]

    def group(self, group_id: str) -> dict | None:
        rows = self._rows("select * from public.group_settings where group_id = %s", [group_id])
        return rows[0] if rows else None

    # --- outbox -----------------------------------------------------------------------------------

    def add_reply(self, *, user_id: uuid.UUID, reply_key: str, inbox_id: uuid.UUID | None, chat_id: str,
                  body: Sealed, trace_id: str) -> uuid.UUID:
        """The outbox row for this reply key, created once however often this runs."""
        row = one_row(self.conn.execute(
            """insert into public.outbox (user_id, reply_key, inbox_id, chat_id, body_ciphertext, body_nonce,
                   body_key_id, trace_id) values (%s, %s, %s, %s, %s, %s, %s, %s)
               on conflict (user_id, reply_key) do update set reply_key = excluded.reply_key returning id""",
            [user_id, reply_key, inbox_id, chat_id, body.ciphertext, body.nonce, body.key_id, trace_id],
        ))
        return row[0]

    def start_sending(self, outbox_id: uuid.UUID) -> dict | None:
        """Mark a pending (or interrupted) reply as being sent, counting the attempt; None if it is done."""
        rows = self._rows(
            """update public.outbox set status = 'sending', last_error = null, attempts = attempts + 1
               where id = %s and status in ('pending', 'sending') returning *""",
            [outbox_id],
        )
        return rows[0] if rows else None

    def reply(self, outbox_id: uuid.UUID, *, lock: bool = False) -> dict | None:
        rows = self._rows(f"select * from public.outbox where id = %s{' for update' if lock else ''}", [outbox_id])
        return rows[0] if rows else None

    def set_reply(self, outbox_id: uuid.UUID, *, status: str, error: str | None = None,
                  provider_message_id: str | None = None, count_attempt: bool = False) -> None:
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
            [provider_message_id, outbox_id]).fetchall()
        return bool(rows)

    def fail_unsent(self, outbox_id: uuid.UUID, error: str) -> bool:
        """Mark a reply failed unless it went out meanwhile; whether it was failed here."""
        rows = self.conn.execute(
            """update public.outbox set status = 'failed', last_error = %s
               where id = %s and status in ('pending', 'sending') returning id""", [error, outbox_id]).fetchall()
        return bool(rows)

    def stuck_replies(self, older_than_seconds: float) -> list[dict]:
        return self._rows(
            """select id, user_id, status, attempts, trace_id, reply_key from public.outbox
               where status = any(%s) and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""",
            [list(REPLY_IN_PROGRESS), older_than_seconds],
        )

    # --- chat log -----------------------------------------------------------------------------------

    def log(self, *, user_id: uuid.UUID, chat_id: str, direction: str, body: Sealed, inbox_id: uuid.UUID | None,
            outcome: str | None, reason: str | None, intent: str | None, trace: dict, phone: str | None = None,
            lid: str | None = None) -> None:
        self.conn.execute(
            """insert into public.chat_logs (user_id, chat_id, contact_phone, contact_lid, direction, inbox_id,
                   outcome, reason, intent, trace, ciphertext, nonce, key_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            [user_id, chat_id, phone, lid, direction, inbox_id, outcome, reason, intent, Jsonb(trace),
             body.ciphertext, body.nonce, body.key_id],
        )

    def history(self, chat_id: str, before: datetime, limit: int) -> list[dict]:
        """The chat's last `limit` logged turns before `before`, oldest first."""
        rows = self._rows(
            """select direction, ciphertext, nonce, key_id, created_at from public.chat_logs
               where chat_id = %s and created_at < %s and (direction = 'outbound' or outcome is distinct from
               'ignored') order by created_at desc limit %s""",
            [chat_id, before, limit],
        )
        return list(reversed(rows))

    # --- tasks ------------------------------------------------------------------------------------

    def add_task(self, *, user_id: uuid.UUID, inbox_id: uuid.UUID | None, chat_id: str, task_type: str, payload: Sealed,
                 trace_id: str) -> uuid.UUID:
        row = one_row(self.conn.execute(
            """insert into public.tasks (user_id, inbox_id, chat_id, task_type, payload_ciphertext, payload_nonce,
                   payload_key_id, trace_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s) returning id""",
            [user_id, inbox_id, chat_id, task_type, payload.ciphertext, payload.nonce, payload.key_id, trace_id],
        ))
        return row[0]

    def task_for_inbound(self, inbox_id: uuid.UUID, task_type: str) -> uuid.UUID | None:
        row = self.conn.execute("select id from public.tasks where inbox_id = %s and task_type = %s",
                                [inbox_id, task_type]).fetchone()
        return row[0] if row else None

    def task(self, task_id: uuid.UUID, *, lock: bool = False) -> dict | None:
        rows = self._rows(f"select * from public.tasks where id = %s{' for update' if lock else ''}", [task_id])
        return rows[0] if rows else None

    def set_task(self, task_id: uuid.UUID, *, status: str, error: str | None = None, result: dict | None = None,
                 count_attempt: bool = False) -> None:
        self.conn.execute(
            """update public.tasks set status = %s, last_error = %s, result = coalesce(%s, result),
                   attempts = attempts + %s where id = %s""",
            [status, error, Jsonb(result) if result is not None else None, 1 if count_attempt else 0, task_id],
        )

    def mark_dispatched(self, task_id: uuid.UUID) -> None:
        # Only from pending: n8n may already have called back with the final status.
        self.conn.execute("update public.tasks set status = 'dispatched', last_error = null, dispatched_at = now() "
                          "where id = %s and status = 'pending'", [task_id])

    def stuck_pending_tasks(self, older_than_seconds: float) -> list[dict]:
        """Tasks waiting to be handed to n8n whose job has not touched them for a while (it was lost)."""
        return self._rows(
            """select id, user_id, task_type, attempts, trace_id from public.tasks
               where status = 'pending' and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""", [older_than_seconds])

    def overdue_tasks(self, deadlines: dict[str, float], default_seconds: float) -> list[dict]:
        """Tasks n8n accepted but never reported on within their type's deadline (locked for the caller)."""
        return self._rows(
            """select * from public.tasks
               where status = 'dispatched' and dispatched_at < now() - make_interval(
                   secs => coalesce((%s::jsonb ->> task_type)::float8, %s))
               order by dispatched_at limit 500 for update skip locked""", [Jsonb(deadlines), default_seconds])

    def finish_task(self, task_id: uuid.UUID, *, status: str, result: dict, callback: dict) -> None:
        self.conn.execute(
            "update public.tasks set status = %s, result = %s, callbacks = callbacks || %s where id = %s",
            [status, Jsonb(result), Jsonb([callback]), task_id],
        )

    def tasks(self, *, status: str | None, task_type: str | None, since: datetime | None,
              until: datetime | None, limit: int, after: tuple | list | None = None) -> list[dict]:
        """Newest first; `after` = (created_at, id) of the last task of the previous page."""
        after_at, after_id = after if after else (None, None)
        return self._rows(
            """select id, chat_id, task_type, status, attempts, last_error, created_at, updated_at
               from public.tasks
               where (%(status)s::text is null or status = %(status)s)
                 and (%(type)s::text is null or task_type = %(type)s)
                 and (%(since)s::timestamptz is null or created_at >= %(since)s)
                 and (%(until)s::timestamptz is null or created_at < %(until)s)
                 and (%(after_at)s::timestamptz is null or (created_at, id) < (%(after_at)s, %(after_id)s::uuid))
               order by created_at desc, id desc limit %(limit)s""",
            {"status": status, "type": task_type, "since": since, "until": until, "limit": limit,
             "after_at": after_at, "after_id": after_id},
        )
