"""The composition root: the only place adapters are built and wired to handlers."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import redis
from celery import Celery
from psycopg_pool import ConnectionPool

from schemas.jobs import ProvisionTenant, QueuedJob, SweepStuck
from schemas.settings import Settings
from services import db
from services.celery_app import CeleryPublisher, make_celery
from services.handlers.sweeper import StuckFinder, sweep
from services.handlers.tenant import provision_tenant


@dataclass
class Container:
    settings: Settings
    database_url: str
    redis_url: str
    pool: ConnectionPool
    redis: redis.Redis
    celery: Celery
    publisher: db.Publisher
    stuck_finders: list[StuckFinder] = field(default_factory=list)
    handlers: dict[type[QueuedJob], Callable[[QueuedJob], object]] = field(default_factory=dict)

    def tenant_uow(self, user_id: uuid.UUID | str) -> db.UnitOfWork:
        return db.tenant_uow(self.pool, self.publisher, user_id)

    def system_uow(self) -> db.UnitOfWork:
        return db.system_uow(self.pool, self.publisher)

    def handle(self, job: QueuedJob) -> object:
        return self.handlers[type(job)](job)

    def close(self) -> None:
        self.pool.close()
        self.redis.close()
        self.celery.close()


def bootstrap(
    settings: Settings,
    *,
    database_url: str,
    redis_url: str,
    publisher: db.Publisher | None = None,
    stuck_finders: Sequence[StuckFinder] = (),
    open_pool: bool = True,
) -> Container:
    pool = db.make_pool(
        database_url,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        statement_timeout_ms=settings.db_statement_timeout_ms,
    )
    if open_pool:
        pool.open(wait=False)
    client = redis.Redis.from_url(
        redis_url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30
    )
    celery = make_celery(settings, redis_url)
    container = Container(
        settings=settings,
        database_url=database_url,
        redis_url=redis_url,
        pool=pool,
        redis=client,
        celery=celery,
        publisher=publisher or CeleryPublisher(celery),
        stuck_finders=list(stuck_finders),
    )
    container.handlers = {
        ProvisionTenant: functools.partial(provision_tenant, tenant_uow=container.tenant_uow),
        SweepStuck: functools.partial(
            sweep, system_uow=container.system_uow, finders=container.stuck_finders
        ),
    }
    return container
