"""Queue `sessions` (any host) and `sessions.<host>` (this host): WhatsApp session commands.

A sessions worker runs with the threads pool, so every command reaches the one
SessionHost holding this process's browsers. Leases are renewed by a heartbeat;
sessions that should be running and that no live host holds are restored here.
"""

from __future__ import annotations

import logging
import threading

from celery import Celery, signals

from schemas.jobs import SendThroughSession, SessionCommand, SessionQuery
from services.handlers.sessions import heartbeat, restorable
from workers.base import ContainerHolder, define_stage

log = logging.getLogger(__name__)


def register(app: Celery, holder: ContainerHolder) -> None:
    define_stage(app, SessionCommand, holder)
    define_stage(app, SendThroughSession, holder, returns_result=True)
    define_stage(app, SessionQuery, holder, returns_result=True)

    @signals.worker_ready.connect(weak=False)
    def _start_host(sender=None, **_: object) -> None:
        queues = {q.name for q in sender.app.amqp.queues.consume_from.values()} if sender else set()
        container = holder.get()
        if container.session_queue not in queues:
            return  # not a sessions worker
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(container.settings.session_lease_seconds / 3):
                try:
                    heartbeat(container.session_host, container.session_leases)
                    for user_id in restorable(container.system_uow, container.session_leases):
                        container.session_commands.send(user_id, "start")
                except Exception:  # the next beat tries again; a lost lease just expires
                    log.exception("session heartbeat failed")

        threading.Thread(target=beat, daemon=True, name="session-heartbeat").start()
        for user_id in restorable(container.system_uow, container.session_leases):
            container.session_commands.send(user_id, "start")
        app.salesboy_session_heartbeat = stop  # type: ignore[attr-defined]
