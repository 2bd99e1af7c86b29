"""sessions.command: start, stop or log out a tenant's WhatsApp on this host."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from schemas.jobs import SessionCommand, SessionQuery
from services.adapters.ports import SessionHost, SessionLeases, UnitOfWork
from services.core.errors import PermanentError
from services.whatsapp.host import NotLinkedError, SessionRestartingError

log = logging.getLogger(__name__)


def run_command(job: SessionCommand, *, host: SessionHost, leases: SessionLeases) -> None:
    if job.action == "start":
        if not leases.acquire(job.user_id):
            raise PermanentError(f"the session already runs on {leases.owner(job.user_id)}")
        host.start(job.user_id)
    elif job.action == "stop":
        host.stop(job.user_id)
        leases.release(job.user_id)
    else:
        host.logout(job.user_id)
        leases.release(job.user_id)


def heartbeat(host: SessionHost, leases: SessionLeases) -> None:
    """Renew the leases of every session this host runs; drop those another host took over."""
    for user_id in host.running():
        if not leases.renew(user_id):
            log.warning("lease lost to another host; stopping here", extra={"user_id": str(user_id)})
            host.stop(user_id, status="STARTING")


def restorable(system_uow: Callable[[], UnitOfWork], leases: SessionLeases) -> list[uuid.UUID]:
    """Sessions that should be running but no live host holds (after a restart or a dead host)."""
    with system_uow() as uow:
        meant_to_run = uow.tenants.sessions_meant_to_run()
    return [user_id for user_id in meant_to_run if leases.owner(user_id) is None]


def run_query(job: SessionQuery, *, host: SessionHost) -> object:
    """A caller waits on the answer (an API request), so a session still coming back is said at once."""
    try:
        return _answer(job, host)
    except SessionRestartingError as exc:
        raise NotLinkedError(f"WhatsApp is starting again; ask in a moment ({exc})") from exc


def _answer(job: SessionQuery, host: SessionHost) -> object:
    if job.query == "groups":
        return host.groups(job.user_id)
    if job.query == "contacts":
        return host.contacts(job.user_id)
    if not job.phone:
        raise PermanentError("a pairing code needs the phone number to link")
    return host.pairing_code(job.user_id, job.phone)
