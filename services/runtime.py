"""Find (or start) the Postgres and Redis a command should use.

Explicit URLs win. Otherwise Postgres is the embedded server in the data dir and
Redis is the local one if it answers, else the bundled server (started only by a
process that will own it, i.e. `salesboy up`).
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.settings import Settings
from services.embedded import EmbeddedPostgres, EmbeddedRedis, EmbeddedServiceError, redis_answers


def embedded_postgres(settings: Settings) -> EmbeddedPostgres:
    return EmbeddedPostgres(settings.data_dir.resolve() / "postgres", port=settings.embedded_pg_port)


def embedded_redis(settings: Settings) -> EmbeddedRedis:
    return EmbeddedRedis(settings.data_dir.resolve() / "redis", port=settings.embedded_redis_port)


@dataclass
class Services:
    database_url: str
    redis_url: str
    postgres: EmbeddedPostgres | None = None  # set when this process started it
    redis: EmbeddedRedis | None = None

    def stop(self) -> None:
        if self.redis is not None:
            self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()


def resolve_database_url(settings: Settings, *, start: bool) -> tuple[str, EmbeddedPostgres | None]:
    if settings.database_url:
        return settings.database_url, None
    server = embedded_postgres(settings)
    if server.is_running():
        return server.url(), None
    if not start:
        raise EmbeddedServiceError(
            "DATABASE_URL is not set and the embedded Postgres is not running "
            f"(data dir {settings.data_dir.resolve()}): start it with `salesboy up`"
        )
    server.start()
    return server.url(), server


def resolve_redis_url(settings: Settings, *, start: bool) -> tuple[str, EmbeddedRedis | None]:
    if settings.redis_url:
        return settings.redis_url, None
    if redis_answers(settings.local_redis_url):
        return settings.local_redis_url, None
    server = embedded_redis(settings)
    if redis_answers(server.url):
        return server.url, None
    if not start:
        raise EmbeddedServiceError(
            f"REDIS_URL is not set, nothing answers at {settings.local_redis_url} and the bundled "
            "Redis is not running: set REDIS_URL or start everything with `salesboy up`"
        )
    server.start()
    return server.url, server


def ensure_services(settings: Settings, *, start_redis: bool) -> Services:
    """Resolve both; whatever this call started is stopped by `Services.stop()`."""
    database_url, pg = resolve_database_url(settings, start=True)
    try:
        redis_url, rd = resolve_redis_url(settings, start=start_redis)
    except BaseException:
        if pg is not None:
            pg.stop()
        raise
    return Services(database_url, redis_url, pg, rd)
