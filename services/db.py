"""Postgres access: a connection pool and units of work.

A tenant unit of work runs its whole transaction as the `authenticated` role with
the tenant's JWT claims set locally (what PostgREST does), so row-level security
scopes every query even if a query forgets its `where user_id = ...`. The system
unit of work uses `service_role` and exists only for cross-tenant maintenance.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Protocol

import psycopg
from psycopg_pool import ConnectionPool

from schemas.jobs import QueuedJob
from services.kb_repository import KnowledgeBaseRepository
from services.message_repository import MessageRepository
from services.repositories import (
    ApiKeyRepository,
    AuditRepository,
    JobFailureRepository,
    TenantRepository,
    UserRepository,
)

log = logging.getLogger(__name__)


class Publisher(Protocol):
    def publish(self, job: QueuedJob, countdown: float = 0) -> None: ...


class PublishAfterCommitError(RuntimeError):
    """The transaction committed but some jobs could not be enqueued.

    The rows are safe in Postgres; the sweeper re-enqueues stuck work later.
    """

    def __init__(self, jobs: list[QueuedJob], cause: Exception) -> None:
        names = ", ".join(job.task_name for job in jobs)
        super().__init__(f"committed, but enqueueing {names} failed: {cause}")
        self.jobs = jobs


def _configure_connection(conn: psycopg.Connection) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)
    conn.commit()


def make_pool(database_url: str, *, min_size: int, max_size: int, statement_timeout_ms: int) -> ConnectionPool:
    return ConnectionPool(
        database_url,
        min_size=min_size,
        max_size=max_size,
        open=False,
        timeout=10,
        name="salesboy",
        configure=_configure_connection,
        kwargs={
            "connect_timeout": 5,
            "application_name": "salesboy",
            "options": f"-c statement_timeout={statement_timeout_ms} -c lock_timeout=5000",
        },
    )


class UnitOfWork:
    """One transaction. Jobs added with `publish_after_commit` are sent once it commits."""

    def __init__(self, pool: ConnectionPool, publisher: Publisher, *, role: str, claims: dict) -> None:
        if role not in ("authenticated", "service_role"):
            raise ValueError(f"unsupported database role {role!r}")
        self._pool = pool
        self._publisher = publisher
        self._role = role
        self._claims = claims
        self._pending: list[tuple[QueuedJob, float]] = []
        self._stack: contextlib.ExitStack | None = None
        self.conn: psycopg.Connection | None = None

    def __enter__(self) -> UnitOfWork:
        stack = contextlib.ExitStack()
        try:
            self.conn = stack.enter_context(self._pool.connection())
            stack.enter_context(self.conn.transaction())
            # Both transaction-local, in one round trip (what PostgREST sends).
            self.conn.execute(
                "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
                [self._role, json.dumps(self._claims)],
            )
        except BaseException:
            stack.close()
            raise
        self._stack = stack
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._stack is not None
        stack, self._stack = self._stack, None
        try:
            stack.__exit__(exc_type, exc, tb)  # commits, or rolls back on an exception
        finally:
            self.conn = None
        if exc_type is None:
            self._flush()

    def publish_after_commit(self, job: QueuedJob, countdown: float = 0) -> None:
        """Queue `job` to be sent once this transaction commits (run no sooner than `countdown` s later)."""
        self._pending.append((job, countdown))

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        for index, (job, countdown) in enumerate(pending):
            try:
                if countdown:
                    self._publisher.publish(job, countdown=countdown)
                else:
                    self._publisher.publish(job)
            except Exception as exc:
                unsent = [queued for queued, _ in pending[index:]]
                log.error(
                    "enqueue after commit failed",
                    extra={"tasks": [j.task_name for j in unsent], "error": str(exc)},
                )
                raise PublishAfterCommitError(unsent, exc) from exc

    # Repositories: each holds the SQL for one concern and uses this transaction.
    @property
    def tenants(self) -> TenantRepository:
        return TenantRepository(self._require_conn())

    @property
    def audit(self) -> AuditRepository:
        return AuditRepository(self._require_conn())

    @property
    def users(self) -> UserRepository:
        return UserRepository(self._require_conn())

    @property
    def api_keys(self) -> ApiKeyRepository:
        return ApiKeyRepository(self._require_conn())

    @property
    def messages(self) -> MessageRepository:
        return MessageRepository(self._require_conn())

    @property
    def kb(self) -> KnowledgeBaseRepository:
        return KnowledgeBaseRepository(self._require_conn())

    @property
    def job_failures(self) -> JobFailureRepository:
        return JobFailureRepository(self._require_conn())

    def _require_conn(self) -> psycopg.Connection:
        if self.conn is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self.conn


UnitOfWorkFactory = Callable[[], UnitOfWork]


def tenant_uow(pool: ConnectionPool, publisher: Publisher, user_id: uuid.UUID | str) -> UnitOfWork:
    user_id = uuid.UUID(str(user_id))
    claims = {"sub": str(user_id), "role": "authenticated"}
    return UnitOfWork(pool, publisher, role="authenticated", claims=claims)


def system_uow(pool: ConnectionPool, publisher: Publisher) -> UnitOfWork:
    return UnitOfWork(pool, publisher, role="service_role", claims={"role": "service_role"})


@contextlib.contextmanager
def raw_connection(database_url: str) -> Iterator[psycopg.Connection]:
    """A plain autocommit connection, for migrations and admin work."""
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as conn:
        yield conn
