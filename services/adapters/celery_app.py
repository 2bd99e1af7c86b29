"""The Celery application's configuration, shared by producers and workers.

Reliability rules live here: late acks, redelivery when a worker dies, prefetch 1,
JSON only, results off by default, bounded broker retries so a dead Redis fails
fast instead of hanging a request.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from celery import Celery
from kombu import Exchange, Queue

from schemas.queues import QUEUES, TASK_ROUTES
from schemas.settings import Settings
from services.adapters import broker

UNACKED_MUTEX_EXPIRE_SECONDS = 10
KWARGSREPR_MAX = 1024  # Celery's own cap (`Celery.amqp.kwargsrepr_maxsize`)


def make_celery(settings: Settings, broker_url: str) -> Celery:
    """`broker_url` is Redis (also the result backend); CELERY_BROKER_URL (e.g. RabbitMQ) carries jobs instead."""
    backend_url = broker_url
    if urlsplit(backend_url).scheme in ("redis", "rediss"):
        backend_url = f"{broker.RESULT_BACKEND}+{backend_url}"
    broker_url = settings.celery_broker_url or broker_url
    app = Celery("salesboy", broker=broker_url, backend=backend_url, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_expires=3600,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_routes=TASK_ROUTES,
        task_queues=[Queue(name, Exchange(name, type="direct"), routing_key=name) for name in QUEUES],
        task_default_queue="maintenance",
        task_time_limit=settings.task_time_limit_seconds,
        task_soft_time_limit=settings.task_time_limit_seconds - max(1, settings.task_time_limit_seconds // 10),
        broker_transport_options={
            # An unacked job comes back after this long if its worker vanished.
            "visibility_timeout": settings.broker_visibility_timeout_seconds,
            # Look for such jobs often (one cheap sorted-set scan), so one comes back
            # soon after its timeout instead of up to ~100 s later (kombu's default).
            "unacked_restore_interval": max(1, min(10, settings.broker_visibility_timeout_seconds // 3)),
            "unacked_restore_throttle": 1,
            # That scan runs under a Redis lock that outlives a worker killed mid-scan by this
            # long (kombu's default is 300 s): every redelivery would wait for it. The scan
            # takes milliseconds, and a restore is a WATCHed transaction, so two can't double up.
            "unacked_mutex_expire": UNACKED_MUTEX_EXPIRE_SECONDS,
            "socket_timeout": 5,
            "socket_connect_timeout": 5,
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=5,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
        redis_socket_timeout=5,
        redis_socket_connect_timeout=5,
        # Flower follows tasks from the worker's events; a "sent" event per publish would
        # double the cost of every enqueue for a state Flower reads off the queue anyway.
        worker_send_task_events=settings.worker_task_events,
        task_send_sent_event=False,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        enable_utc=True,
    )
    if urlsplit(broker_url).scheme == "redis":
        app.conf.broker_transport = broker.TRANSPORT
    return app


class CeleryPublisher:
    """Publishes jobs by task name; the routing table picks the queue unless the caller names a session
    host's own. The Celery task id is the job's id, so a caller allowed to wait (the API, never a task)
    can find the one result it waits for."""

    def __init__(self, app: Celery) -> None:
        self._app = app

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        options: dict[str, Any] = {"queue": queue} if queue else {}
        kwargs = {"payload": job.payload()}
        # The message's printable form of its arguments (Flower and the worker's log show it): a payload is a
        # flat dict of ids and short strings: its repr is what Celery's saferepr makes, for far less CPU.
        self._app.send_task(job.task_name, kwargs=kwargs, countdown=countdown or None, task_id=str(job.job_id),
                            argsrepr="()", kwargsrepr=repr(kwargs)[:KWARGSREPR_MAX], **options)
