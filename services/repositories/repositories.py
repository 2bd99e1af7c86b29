"""SQL for the spine's tables. Each repository works inside the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from services.repositories.rows import Record, existing, one_row, record


@dataclass(frozen=True)
class Repository:
    conn: psycopg.Connection

    def _rows(self, sql: str, params: Sequence[object] | Mapping[str, object] | None = None) -> list[dict]:
        with self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def _records(self, kind: type[Record], sql: str,
                 params: Sequence[object] | Mapping[str, object] | None = None) -> list[Record]:
        return [record(kind, row) for row in self._rows(sql, params)]

    def _record(self, kind: type[Record], sql: str,
                params: Sequence[object] | Mapping[str, object] | None = None) -> Record | None:
        rows = self._records(kind, sql, params)
        return rows[0] if rows else None


@dataclass(frozen=True)
class UserRow:
    """A local account as sign-in reads it."""

    id: uuid.UUID
    email: str
    encrypted_password: str | None
    created_at: datetime


class UserRepository(Repository):
    """Local accounts in the Supabase-shaped auth.users (system unit of work only)."""

    def create(self, email: str, password_hash: str, *, metadata: dict | None = None) -> uuid.UUID:
        row = one_row(self.conn.execute(
            """insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
               values (lower(%s), %s, now(), %s) returning id""",
            [email.strip(), password_hash, Jsonb(metadata or {})],
        ))
        return row[0]

    def set_password_hash(self, user_id: uuid.UUID, password_hash: str) -> None:
        self.conn.execute(
            "update auth.users set encrypted_password = %s, updated_at = now() where id = %s",
            [password_hash, user_id],
        )

    def email_of(self, user_id: uuid.UUID) -> str | None:
        row = self.conn.execute("select email from auth.users where id = %s", [user_id]).fetchone()
        return row[0] if row else None

    def find_by_email(self, email: str) -> UserRow | None:
        return self._record(
            UserRow, "select id, email, encrypted_password, created_at from auth.users where email = lower(%s)",
            [email.strip()],
        )


@dataclass(frozen=True)
class ProfileRow:
    """A tenant's profile (`select *` of profiles)."""

    user_id: uuid.UUID
    display_name: str
    business_name: str
    phone: str | None
    timezone: str
    created_at: datetime
    updated_at: datetime


class TenantRepository(Repository):
    def ensure_defaults(self, user_id: uuid.UUID, *, display_name: str = "") -> bool:
        """Create the rows every tenant needs; returns True if anything was created."""
        created = 0
        created += self.conn.execute(
            "insert into public.profiles (user_id, display_name) values (%s, %s) on conflict do nothing",
            [user_id, display_name],
        ).rowcount
        created += self.conn.execute(
            "insert into public.bot_config (user_id) values (%s) on conflict do nothing", [user_id]
        ).rowcount
        created += self.conn.execute(
            "insert into public.sessions (user_id) values (%s) on conflict do nothing", [user_id]
        ).rowcount
        return created > 0

    def profile(self, user_id: uuid.UUID) -> ProfileRow | None:
        return self._record(ProfileRow, "select * from public.profiles where user_id = %s", [user_id])

    def sessions_meant_to_run(self) -> list[uuid.UUID]:
        """Tenants whose WhatsApp should be running (starting, showing a QR code, or working)."""
        return [row[0] for row in self.conn.execute(
            "select user_id from public.sessions where status in ('STARTING', 'SCAN_QR_CODE', 'WORKING')"
        ).fetchall()]

    def set_session(self, user_id: uuid.UUID, *, status: str, host: str, error: str | None, qr_shown: bool) -> None:
        self.conn.execute(
            """insert into public.sessions (user_id, status, host, last_error, qr_updated_at)
               values (%s, %s, %s, %s, case when %s then now() end)
               on conflict (user_id) do update set status = excluded.status, host = excluded.host,
                   last_error = excluded.last_error,
                   qr_updated_at = coalesce(excluded.qr_updated_at, sessions.qr_updated_at)""",
            [user_id, status, host, error, qr_shown])

    def set_business(self, user_id: uuid.UUID, business: dict) -> None:
        self.conn.execute(
            "update public.bot_config set business = %s where user_id = %s", [Jsonb(business), user_id]
        )

    def add_whitelisted(self, user_id: uuid.UUID, *, phone: str, name: str = "") -> None:
        self.conn.execute(
            """insert into public.whitelists (user_id, phone, name) values (%s, %s, %s)
               on conflict (user_id, phone) where phone is not null do nothing""",
            [user_id, phone, name],
        )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    user_id: uuid.UUID
    action: str
    detail: dict
    created_at: datetime


class AuditRepository(Repository):
    def log(self, user_id: uuid.UUID, action: str, detail: dict | None = None) -> int:
        row = one_row(self.conn.execute(
            "select public.log_audit_action(%s, %s, %s)", [user_id, action, Jsonb(detail or {})]
        ))
        return row[0]

    def recent(self, limit: int = 50) -> list[AuditEntry]:
        return self._records(
            AuditEntry,
            "select id, user_id, action, detail, created_at from public.audit_logs "
            "order by created_at desc, id desc limit %s",
            [limit],
        )


@dataclass(frozen=True)
class AlertRow:
    """One owner alert (`select *` of owner_alerts)."""

    id: uuid.UUID
    user_id: uuid.UUID
    alert_key: str
    kind: str
    title: str
    detail: str
    task_id: uuid.UUID | None
    chat_id: str | None
    emailed_at: datetime | None
    email_error: str | None
    dismissed_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class OpenAlert:
    """An alert as the owner sees it (the REST list's fields)."""

    id: uuid.UUID
    kind: str
    title: str
    detail: str
    task_id: uuid.UUID | None
    chat_id: str | None
    created_at: datetime


class AlertRepository(Repository):
    """Owner alerts: what the owner must act on, shown until dismissed."""

    def add(self, *, user_id: uuid.UUID, key: str, kind: str, title: str, detail: str,
            task_id: uuid.UUID | None, chat_id: str | None) -> uuid.UUID | None:
        """The new alert's id, or None when this key was raised before (an alert is raised once)."""
        row = self.conn.execute(
            """insert into public.owner_alerts (user_id, alert_key, kind, title, detail, task_id, chat_id)
               values (%s, %s, %s, %s, %s, %s, %s) on conflict (user_id, alert_key) do nothing returning id""",
            [user_id, key[:200], kind, title[:300], detail[:2000], task_id, chat_id],
        ).fetchone()
        return row[0] if row else None

    def get(self, alert_id: uuid.UUID) -> AlertRow | None:
        return self._record(AlertRow, "select * from public.owner_alerts where id = %s", [alert_id])

    def open(self, limit: int = 20) -> list[OpenAlert]:
        return self._records(
            OpenAlert,
            """select id, kind, title, detail, task_id, chat_id, created_at from public.owner_alerts
               where dismissed_at is null order by created_at desc limit %s""", [limit])

    def dismiss(self, alert_id: uuid.UUID | None = None) -> int:
        """Dismiss one alert, or all open ones; returns how many."""
        return self.conn.execute(
            """update public.owner_alerts set dismissed_at = now()
               where dismissed_at is null and (%(id)s::uuid is null or id = %(id)s)""", {"id": alert_id}).rowcount

    def set_emailed(self, alert_id: uuid.UUID, *, error: str | None = None) -> None:
        self.conn.execute(
            """update public.owner_alerts set emailed_at = case when %s::text is null then now() end,
                   email_error = %s where id = %s""", [error, error, alert_id])


@dataclass(frozen=True)
class JobFailure:
    """A job given up on (`select *` of job_failures)."""

    id: int
    task_name: str
    job_id: str | None
    user_id: uuid.UUID | None
    trace_id: str | None
    reason: str
    payload: object
    created_at: datetime


class JobFailureRepository(Repository):
    """Jobs that were given up on, with the reason (system unit of work only)."""

    def record(
        self, *, task_name: str, reason: str, payload: object, job_id: str | None,
        user_id: str | None, trace_id: str | None,
    ) -> int:
        row = one_row(self.conn.execute(
            """insert into public.job_failures (task_name, job_id, user_id, trace_id, reason, payload)
               values (%s, %s, %s, %s, %s, %s) returning id""",
            [task_name, job_id, _uuid_or_none(user_id), trace_id, reason[:2000], Jsonb(payload)],
        ))
        return row[0]

    def recent(self, limit: int = 50) -> list[JobFailure]:
        return self._records(JobFailure, "select * from public.job_failures order by id desc limit %s", [limit])


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ApiKeyRow:
    """An API key as the owner sees it (never its hash)."""

    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyRepository(Repository):
    def create(self, user_id: uuid.UUID, name: str, prefix: str, key_hash: str) -> ApiKeyRow:
        return existing(self._record(
            ApiKeyRow,
            "insert into public.api_keys (user_id, name, prefix, key_hash) values (%s, %s, %s, %s) "
            "returning id, name, prefix, created_at, last_used_at, revoked_at",
            [user_id, name, prefix, key_hash],
        ), "the new API key")

    def owner_of(self, key_hash: str) -> uuid.UUID | None:
        """Whose live key has this hash (system unit of work: the tenant is not known yet)."""
        row = self.conn.execute(
            "update public.api_keys set last_used_at = now() "
            "where key_hash = %s and revoked_at is null returning user_id",
            [key_hash],
        ).fetchone()
        return row[0] if row else None

    def revoke(self, key_id: uuid.UUID) -> bool:
        return self.conn.execute(
            "update public.api_keys set revoked_at = now() where id = %s and revoked_at is null", [key_id]
        ).rowcount == 1

    def list(self) -> list[ApiKeyRow]:
        return self._records(ApiKeyRow, "select id, name, prefix, created_at, last_used_at, revoked_at "
                                        "from public.api_keys order by created_at desc")
