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
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Protocol

import psycopg
from pgvector.psycopg import register_vector
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool

from schemas.jobs import QueuedJob
from services.repositories.account_email_requests import AccountEmailRequestRepository
from services.repositories.bot_config import BotConfigRepository
from services.repositories.chat_logs import ChatLogRepository
from services.repositories.chats import ChatRepository
from services.repositories.inbox import InboxRepository
from services.repositories.kb_repository import KnowledgeBaseRepository
from services.repositories.outbox import OutboxRepository
from services.repositories.repositories import (
    AlertRepository,
    ApiKeyRepository,
    AuditRepository,
    JobFailureRepository,
    TenantRepository,
    UserRepository,
)
from services.repositories.tasks import TaskRepository

log = logging.getLogger(__name__)


class Publisher(Protocol):
    """Every enqueue goes through here. `queue` is for the one job the routing table cannot place: work for
    the session host that runs a tenant's browser (its own queue, found through the session lease)."""

    def publish(self, job: QueuedJob, countdown: float = 0, queue: str | None = None) -> None: ...


class PublishAfterCommitError(RuntimeError):
    """The transaction committed but some jobs could not be enqueued.

    The rows are safe in Postgres; the sweeper re-enqueues stuck work later.
    """

    def __init__(self, jobs: list[QueuedJob], cause: Exception) -> None:
        names = ", ".join(job.task_name for job in jobs)
        super().__init__(f"committed, but enqueueing {names} failed: {cause}")
        self.jobs = jobs


def _configure_connection(conn: psycopg.Connection) -> None:
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


# Each transaction's BEGIN (role, claims and settings), as sent, by its values: the oldest dropped past the bound.
_BEGIN_STATEMENTS: dict[tuple[tuple[str, str], ...], bytes] = {}
_BEGIN_STATEMENTS_KEPT = 4096
_BEGIN_STATEMENTS_LOCK = threading.Lock()


class UnitOfWork:
    """One transaction. Jobs added with `publish_after_commit` are sent once it commits."""

    def __init__(
        self,
        pool: ConnectionPool,
        publisher: Publisher,
        *,
        role: str,
        claims: dict,
        settings: dict[str, str] | None = None,
    ) -> None:
        if role not in ("authenticated", "service_role"):
            raise ValueError(f"unsupported database role {role!r}")
        self._pool = pool
        self._publisher = publisher
        self._role = role
        self._claims = claims
        self._settings = settings or {}
        self._pending: list[tuple[QueuedJob, float, str | None]] = []
        self._stack: contextlib.ExitStack | None = None
        self._conn: psycopg.Connection | None = None

    @property
    def conn(self) -> psycopg.Connection:
        """This transaction's connection; only inside the `with` block."""
        return self._require_conn()

    def __enter__(self) -> UnitOfWork:
        stack = contextlib.ExitStack()
        try:
            conn = stack.enter_context(self._pool.connection())
            # The transaction is ours to open and close (below), so that BEGIN, the role and claims
            # (transaction-local, as PostgREST sets them) and any settings asked for go out as one
            # message: one round trip instead of psycopg's BEGIN plus ours.
            conn.autocommit = True
            stack.callback(_restore_autocommit, conn)
            conn.execute(self._begin(conn), prepare=False)
        except BaseException:
            stack.close()
            raise
        self._conn = conn
        self._stack = stack
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._stack is not None and self._conn is not None
        stack, self._stack = self._stack, None
        conn, self._conn = self._conn, None
        with stack:  # hands the connection back to the pool, whatever happens here
            if exc_type is None:
                _commit(conn)
            else:
                _rollback(conn)
        if exc_type is None:
            self._flush()

    def _begin(self, conn: psycopg.Connection) -> bytes:
        values = (("role", self._role), ("request.jwt.claims", json.dumps(self._claims)), *self._settings.items())
        statement = _BEGIN_STATEMENTS.get(values)
        if statement is None:  # a tenant's BEGIN is the same every time: quoted once, kept (bounded)
            statement = (
                sql.SQL("begin; select {}")
                .format(
                    sql.SQL(", ").join(
                        sql.SQL("set_config({}, {}, true)").format(sql.Literal(name), sql.Literal(value))
                        for name, value in values
                    )
                )
                .as_bytes(conn)
            )
            with _BEGIN_STATEMENTS_LOCK:
                if len(_BEGIN_STATEMENTS) >= _BEGIN_STATEMENTS_KEPT:
                    _BEGIN_STATEMENTS.pop(next(iter(_BEGIN_STATEMENTS)))
                _BEGIN_STATEMENTS[values] = statement
        return statement

    def publish_after_commit(self, job: QueuedJob, countdown: float = 0, queue: str | None = None) -> None:
        """Queue `job` to be sent once this transaction commits (run no sooner than `countdown` s later;
        on `queue` instead of the routing table's, for a session host's own queue)."""
        self._pending.append((job, countdown, queue))

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        for index, (job, countdown, queue) in enumerate(pending):
            try:
                if queue:
                    self._publisher.publish(job, countdown=countdown, queue=queue)
                elif countdown:
                    self._publisher.publish(job, countdown=countdown)
                else:
                    self._publisher.publish(job)
            except Exception as exc:
                unsent = [queued for queued, _, _ in pending[index:]]
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
    def inbox(self) -> InboxRepository:
        return InboxRepository(self._require_conn())

    @property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self._require_conn())

    @property
    def chats(self) -> ChatRepository:
        return ChatRepository(self._require_conn())

    @property
    def chat_logs(self) -> ChatLogRepository:
        return ChatLogRepository(self._require_conn())

    @property
    def tasks(self) -> TaskRepository:
        return TaskRepository(self._require_conn())

    @property
    def bot_config(self) -> BotConfigRepository:
        return BotConfigRepository(self._require_conn())

    @property
    def kb(self) -> KnowledgeBaseRepository:
        return KnowledgeBaseRepository(self._require_conn())

    @property
    def alerts(self) -> AlertRepository:
        return AlertRepository(self._require_conn())

    @property
    def account_email_requests(self) -> AccountEmailRequestRepository:
        return AccountEmailRequestRepository(self._require_conn())

    @property
    def job_failures(self) -> JobFailureRepository:
        return JobFailureRepository(self._require_conn())

    def _require_conn(self) -> psycopg.Connection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._conn


class FailedTransactionError(RuntimeError):
    """A statement failed inside a unit of work whose code went on: nothing was committed."""


def _commit(conn: psycopg.Connection) -> None:
    if conn.info.transaction_status == TransactionStatus.INERROR:
        # Postgres would answer COMMIT with a silent ROLLBACK: say so instead.
        conn.execute("rollback")
        raise FailedTransactionError("a statement failed in this unit of work; nothing was committed")
    conn.execute("commit")


def _rollback(conn: psycopg.Connection) -> None:
    if conn.info.transaction_status not in (TransactionStatus.INTRANS, TransactionStatus.INERROR):
        return  # nothing open, or the connection is broken (the pool discards it)
    try:
        conn.execute("rollback")
    except psycopg.Error as exc:
        log.warning("rollback failed", extra={"error": str(exc)})


def _restore_autocommit(conn: psycopg.Connection) -> None:
    if conn.info.transaction_status == TransactionStatus.IDLE:
        conn.autocommit = False


UnitOfWorkFactory = Callable[[], UnitOfWork]
SystemUow = UnitOfWorkFactory  # the container's `system_uow`
TenantUow = Callable[[uuid.UUID], UnitOfWork]  # the container's `tenant_uow`


def tenant_uow(
    pool: ConnectionPool, publisher: Publisher, user_id: uuid.UUID | str, *, settings: dict[str, str] | None = None
) -> UnitOfWork:
    """A tenant's transaction; `settings` are Postgres settings local to it (set with its BEGIN)."""
    user_id = uuid.UUID(str(user_id))
    claims = {"sub": str(user_id), "role": "authenticated"}
    return UnitOfWork(pool, publisher, role="authenticated", claims=claims, settings=settings)


def system_uow(pool: ConnectionPool, publisher: Publisher) -> UnitOfWork:
    return UnitOfWork(pool, publisher, role="service_role", claims={"role": "service_role"})


@contextlib.contextmanager
def raw_connection(database_url: str) -> Iterator[psycopg.Connection]:
    """A plain autocommit connection, for migrations and admin work."""
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as conn:
        yield conn
