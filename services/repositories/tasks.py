"""SQL for `tasks`: what customers asked to be done, handed to n8n and finished once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from services.core.crypto import Keyring, Sealed, open_task_payload
from services.repositories.repositories import Repository
from services.repositories.rows import one_row


@dataclass(frozen=True)
class TaskRow:
    """A task (`select *` of tasks); its payload stays sealed until `open_payload`."""

    id: uuid.UUID
    user_id: uuid.UUID
    inbox_id: uuid.UUID | None
    chat_id: str
    task_type: str
    status: str
    attempts: int
    last_error: str | None
    result: dict | None
    callbacks: list
    trace_id: str
    dispatched_at: datetime | None
    created_at: datetime
    updated_at: datetime
    payload: dict  # rows sealed before payloads were: the plaintext, emptied by `salesboy reencrypt`
    payload_ciphertext: bytes | None
    payload_nonce: bytes | None
    payload_key_id: str | None

    @property
    def finished(self) -> bool:
        return self.status in ("succeeded", "failed")

    def open_payload(self, keyring: Keyring) -> dict[str, Any]:
        return open_task_payload(keyring, vars(self))


@dataclass(frozen=True)
class StuckTask:
    id: uuid.UUID
    user_id: uuid.UUID
    task_type: str
    attempts: int
    trace_id: str


@dataclass(frozen=True)
class TaskSummary:
    """A task as the tenant's task list shows it."""

    id: uuid.UUID
    chat_id: str
    task_type: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class TaskRepository(Repository):
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

    def task(self, task_id: uuid.UUID, *, lock: bool = False) -> TaskRow | None:
        sql = ("select * from public.tasks where id = %s for update" if lock
               else "select * from public.tasks where id = %s")
        return self._record(TaskRow, sql, [task_id])

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

    def stuck_pending_tasks(self, older_than_seconds: float) -> list[StuckTask]:
        """Tasks waiting to be handed to n8n whose job has not touched them for a while (it was lost)."""
        return self._records(
            StuckTask,
            """select id, user_id, task_type, attempts, trace_id from public.tasks
               where status = 'pending' and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""", [older_than_seconds])

    def overdue_tasks(self, deadlines: dict[str, float], default_seconds: float) -> list[TaskRow]:
        """Tasks n8n accepted but never reported on within their type's deadline (locked for the caller)."""
        return self._records(
            TaskRow,
            """select * from public.tasks
               where status = 'dispatched' and dispatched_at < now() - make_interval(
                   secs => coalesce((%s::jsonb ->> task_type)::float8, %s))
               order by dispatched_at limit 500 for update skip locked""", [Jsonb(deadlines), default_seconds])

    def finish_task(self, task_id: uuid.UUID, *, status: str, result: dict, callback: dict) -> None:
        self.conn.execute(
            "update public.tasks set status = %s, result = %s, callbacks = callbacks || %s where id = %s",
            [status, Jsonb(result), Jsonb([callback]), task_id],
        )

    def page(self, *, status: str | None, task_type: str | None, since: datetime | None,
              until: datetime | None, limit: int, after: tuple | list | None = None) -> list[TaskSummary]:
        """Newest first; `after` = (created_at, id) of the last task of the previous page."""
        after_at, after_id = after if after else (None, None)
        return self._records(
            TaskSummary,
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
