"""Find (or start) the Postgres and Redis a command should use.

Explicit URLs win. Otherwise Postgres is the embedded server in the data dir and
Redis is the local one if it answers, else the bundled server (started only by a
process that will own it, i.e. `salesboy up`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from schemas.settings import InsecureSettingsError, Settings
from services.runtime.embedded import (
    EmbeddedPostgres,
    EmbeddedRedis,
    EmbeddedServiceError,
    generated_secret,
    redis_answers,
)
from services.runtime.migrate import (
    RUNTIME_ROLE,
    MigrationReport,
    apply_migrations,
    ensure_runtime_role,
    runtime_role_problems,
)

log = logging.getLogger(__name__)


def embedded_postgres(settings: Settings) -> EmbeddedPostgres:
    return EmbeddedPostgres(settings.data_dir.resolve() / "postgres", port=settings.embedded_pg_port)


def embedded_redis(settings: Settings) -> EmbeddedRedis:
    return EmbeddedRedis(settings.data_dir.resolve() / "redis", port=settings.embedded_redis_port)


@dataclass
class Services:
    database_url: str  # the runtime's: a role without superuser or BYPASSRLS
    redis_url: str
    owner_database_url: str  # migrations only; never passed to the API or workers
    postgres: EmbeddedPostgres | None = None  # set when this process started it
    redis: EmbeddedRedis | None = None

    def stop(self) -> None:
        if self.redis is not None:
            self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()


def _embedded_running(settings: Settings, *, start: bool) -> tuple[EmbeddedPostgres, EmbeddedPostgres | None]:
    server = embedded_postgres(settings)
    if server.is_running():
        return server, None
    if not start:
        raise EmbeddedServiceError(
            "DATABASE_URL is not set and the embedded Postgres is not running "
            f"(data dir {settings.data_dir.resolve()}): start it with `salesboy up`"
        )
    server.start()
    return server, server


def resolve_database_url(settings: Settings, *, start: bool) -> tuple[str, EmbeddedPostgres | None]:
    """The runtime's URL; for the embedded server, its least-privilege role (made by `migrate_database`)."""
    if settings.database_url:
        return settings.database_url, None
    server, started = _embedded_running(settings, start=start)
    return server.runtime_url(RUNTIME_ROLE), started


def refuse_privileged_runtime(settings: Settings, database_url: str) -> None:
    """Production never runs the API or workers as a superuser or a role that bypasses RLS."""
    problems = runtime_role_problems(database_url)
    if not problems:
        return
    advice = ("connect the API and workers as a login role without SUPERUSER or BYPASSRLS that may "
              "SET ROLE authenticated and service_role (docs/security.md); keep the owner's URL in "
              "MIGRATION_DATABASE_URL for `salesboy migrate`")
    if settings.is_production:
        raise InsecureSettingsError("refusing to start in production mode: " + "; ".join(problems) + f": {advice}")
    log.warning("the runtime database role is too powerful", extra={"problems": problems, "advice": advice})


def resolve_owner_database_url(settings: Settings, *, start: bool) -> tuple[str, EmbeddedPostgres | None]:
    """The URL migrations run with: MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded superuser."""
    if settings.database_url:
        return settings.migration_database_url or settings.database_url, None
    server, started = _embedded_running(settings, start=start)
    return server.url(), started


def migrate_database(settings: Settings, owner_url: str) -> MigrationReport:
    """Apply migrations as the owner, then make the runtime role: the embedded server's own, or the
    DATABASE_URL user when MIGRATION_DATABASE_URL names a different owner (so an operator only writes
    the two URLs, and only the migration step ever holds the owner's password)."""
    report = apply_migrations(owner_url)
    if not settings.database_url:
        ensure_runtime_role(owner_url, embedded_postgres(settings).runtime_password())
    elif settings.migration_database_url:
        runtime = conninfo_to_dict(settings.database_url)
        if runtime.get("user") and runtime["user"] != conninfo_to_dict(owner_url).get("user"):
            password = runtime.get("password")
            ensure_runtime_role(owner_url, None if password is None else str(password), str(runtime["user"]))
    return report


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
    owner_url, pg = resolve_owner_database_url(settings, start=True)
    database_url, _ = resolve_database_url(settings, start=False)
    try:
        redis_url, rd = resolve_redis_url(settings, start=start_redis)
    except BaseException:
        if pg is not None:
            pg.stop()
        raise
    return Services(database_url, redis_url, owner_url, pg, rd)


@dataclass(frozen=True)
class FlowerLogin:
    user: str
    password: str
    created_at: Path | None = None  # the file a new password was just written to (print it once)


def flower_login(settings: Settings) -> FlowerLogin:
    """FLOWER_PASSWORD when set (always, in production); otherwise one random password per data dir."""
    if settings.flower_password is not None:
        return FlowerLogin(settings.flower_user, settings.flower_password.get_secret_value())
    path = settings.data_dir.resolve() / "flower-password"
    created = not path.exists()
    password = generated_secret(path)
    return FlowerLogin(settings.flower_user, password, created_at=path if created else None)
