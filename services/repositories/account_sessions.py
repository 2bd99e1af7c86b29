"""Dashboard sessions kept in Postgres, so signing out (here or from another device) ends them at once.

The cookie holds a random token; the table holds its SHA-256. Checking a session is
one statement on the token's unique index, which also bumps `last_seen_at` (at most
every few minutes, so a busy page does not write on every request).
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.repositories.db import SystemUow, TenantUow
from services.repositories.repositories import Repository

IDLE_LIFETIME = timedelta(days=7)
ABSOLUTE_LIFETIME = timedelta(days=30)
TOUCH_EVERY = timedelta(minutes=5)
MAX_USER_AGENT = 300



def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def network_of(address: str | None) -> str:
    """The client's network (/24 or /48): enough to recognise a device, less than its address."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


@dataclass(frozen=True)
class ActiveSession:
    id: uuid.UUID
    user_id: uuid.UUID


@dataclass(frozen=True)
class SignedInSession:
    """A session as /account lists it: where and when, never its token."""

    id: uuid.UUID
    created_at: datetime
    last_seen_at: datetime
    user_agent: str
    ip: str


class AccountSessionRepository(Repository):
    def open(self, user_id: uuid.UUID, token: str, *, user_agent: str, ip: str) -> uuid.UUID:
        """Service role: a new session for a user who just proved who they are."""
        row = self.conn.execute(
            # The password hash's fingerprint is computed where the hash lives: it never leaves the database.
            """insert into public.account_sessions (user_id, token_hash, password_fingerprint, user_agent, ip)
                select u.id, %s,
                       left(encode(sha256(convert_to(coalesce(u.encrypted_password, ''), 'UTF8')), 'hex'), 16),
                       %s, %s
                  from auth.users u where u.id = %s
                returning id""",
            [token_hash(token), user_agent[:MAX_USER_AGENT], ip, user_id],
        ).fetchone()
        if row is None:
            raise LookupError(f"no account {user_id} to sign in")
        return row[0]

    def find_active(self, token: str) -> ActiveSession | None:
        """Service role: the session behind a cookie's token, if it still works."""
        row = self.conn.execute(
            """with found as (
                    select s.id, s.user_id, s.last_seen_at
                      from public.account_sessions s
                      join auth.users u on u.id = s.user_id
                     where s.token_hash = %(hash)s
                       and s.revoked_at is null
                       and s.last_seen_at > now() - %(idle)s
                       and s.created_at > now() - %(absolute)s
                       and s.password_fingerprint
                           = left(encode(sha256(convert_to(coalesce(u.encrypted_password, ''), 'UTF8')), 'hex'), 16)
                ), touched as (
                    update public.account_sessions s set last_seen_at = now()
                      from found where s.id = found.id and found.last_seen_at < now() - %(touch)s
                )
                select id, user_id from found""",
            {"hash": token_hash(token), "idle": IDLE_LIFETIME, "absolute": ABSOLUTE_LIFETIME, "touch": TOUCH_EVERY},
        ).fetchone()
        return ActiveSession(*row) if row else None

    def revoke_token(self, token: str) -> None:
        self.conn.execute("update public.account_sessions set revoked_at = now() "
                          "where token_hash = %s and revoked_at is null", [token_hash(token)])

    def revoke_all(self, user_id: uuid.UUID, *, keep: uuid.UUID | None = None) -> int:
        """Every session of the user but `keep`; under a tenant's RLS it can only reach its own."""
        return self.conn.execute(
            "update public.account_sessions set revoked_at = now() "
            "where user_id = %s and revoked_at is null and id is distinct from %s",
            [user_id, keep],
        ).rowcount

    def revoke(self, session_id: uuid.UUID) -> bool:
        """Tenant: one of its own sessions (RLS hides everyone else's)."""
        return self.conn.execute(
            "update public.account_sessions set revoked_at = now() where id = %s and revoked_at is null",
            [session_id],
        ).rowcount == 1

    def list_active(self) -> list[SignedInSession]:
        """Tenant: its sessions still in use, most recent first (expired ones are left out)."""
        return self._records(
            SignedInSession,
            """select id, created_at, last_seen_at, user_agent, ip from public.account_sessions
                where revoked_at is null and last_seen_at > now() - %s and created_at > now() - %s
                order by last_seen_at desc, created_at desc""",
            [IDLE_LIFETIME, ABSOLUTE_LIFETIME],
        )


# --- use cases: signing in and out of the dashboard, and ending sessions from /account -------------------


def open_session(system_uow: SystemUow, user_id: uuid.UUID, token: str, *, user_agent: str, ip: str) -> uuid.UUID:
    with system_uow() as uow:
        return AccountSessionRepository(uow.conn).open(user_id, token, user_agent=user_agent, ip=ip)


def end_by_token(system_uow: SystemUow, token: str) -> None:
    with system_uow() as uow:
        AccountSessionRepository(uow.conn).revoke_token(token)


def active(system_uow: SystemUow, token: str) -> ActiveSession | None:
    """The open session the cookie's token belongs to (not signed out, not expired, password unchanged)."""
    with system_uow() as uow:
        return AccountSessionRepository(uow.conn).find_active(token)


def listed(tenant_uow: TenantUow, user_id: uuid.UUID) -> list[SignedInSession]:
    with tenant_uow(user_id) as uow:
        return AccountSessionRepository(uow.conn).list_active()


def end(tenant_uow: TenantUow, user_id: uuid.UUID, session_id: uuid.UUID) -> bool:
    """False when that session had already ended (or is another tenant's: RLS hides it)."""
    with tenant_uow(user_id) as uow:
        ended = AccountSessionRepository(uow.conn).revoke(session_id)
        if ended:
            uow.audit.log(user_id, "account.session_ended", {"session_id": str(session_id)})
    return ended


def end_others(tenant_uow: TenantUow, user_id: uuid.UUID, keep: uuid.UUID | None) -> int:
    """How many sessions other than `keep` were signed out."""
    with tenant_uow(user_id) as uow:
        ended = AccountSessionRepository(uow.conn).revoke_all(user_id, keep=keep)
        uow.audit.log(user_id, "account.other_sessions_ended", {"sessions_ended": ended})
    return ended
