"""The worker-side Celery app: configuration, task modules, and per-process bootstrap.

No app exists at import: `create_worker_app(settings, ...)` builds one, and each
worker process builds its own container (pool, clients) when it starts.
"""

from __future__ import annotations

import logging

from celery import Celery, signals

from schemas.settings import Settings
from services.adapters.celery_app import make_celery
from services.bootstrap import App, bootstrap
from workers import dispatch, ingest, mail, maintenance, messages, sessions
from workers.base import ContainerHolder
from workers.schedule import beat_schedule

log = logging.getLogger(__name__)

TASK_MODULES = (maintenance, ingest, messages, dispatch, sessions, mail)


def create_worker_app(settings: Settings, *, database_url: str, redis_url: str,
                      session_queue: str | None = None) -> Celery:
    app = make_celery(settings, redis_url)
    app.conf.beat_schedule = beat_schedule(settings)
    holder = ContainerHolder(lambda: bootstrap(settings, database_url=database_url, redis_url=redis_url,
                                               session_queue=session_queue))
    app.salesboy_container = holder  # type: ignore[attr-defined]
    for module in TASK_MODULES:
        module.register(app, holder)

    # prefork children must not inherit the parent's sockets: build per process.
    @signals.worker_process_init.connect(weak=False)
    def _init_process(**_: object) -> None:
        holder.reset()
        holder.get()

    @signals.worker_process_shutdown.connect(weak=False)
    def _close_process(**_: object) -> None:
        holder.reset()

    # solo/threads pools have no child processes: close (browsers included) when the worker stops.
    @signals.worker_shutdown.connect(weak=False)
    def _close_worker(**_: object) -> None:
        holder.reset()

    return app


def container_of(app: Celery) -> App:
    return app.salesboy_container.get()  # type: ignore[attr-defined]
