"""The linked WhatsApp session as the owner sees and steers it, from the API or the dashboard."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from schemas.jobs import SessionAction
from services.repositories.db import TenantUow


@dataclass(frozen=True)
class SessionState:
    status: str  # STOPPED when the tenant never started a session
    host: str | None
    last_error: str | None  # the session host's raw words: for operators, not for the owner
    phone: str | None
    qr_updated_at: datetime | None
    updated_at: datetime | None


def state(tenant_uow: TenantUow, user_id: uuid.UUID) -> SessionState:
    with tenant_uow(user_id) as uow:
        row = uow.conn.execute(
            "select status, host, last_error, phone, qr_updated_at, updated_at from public.sessions").fetchone()
    return SessionState(*row) if row else SessionState("STOPPED", None, None, None, None, None)


def request(send: Callable[[uuid.UUID, SessionAction], object], tenant_uow: TenantUow, user_id: uuid.UUID,
            action: SessionAction, *, via: str | None = None) -> None:
    """Send `action` (start, stop, logout) to the session host and audit the request (`via` where it came from)."""
    send(user_id, action)
    with tenant_uow(user_id) as uow:
        uow.audit.log(user_id, f"session.{action}_requested", {"via": via} if via else {})
