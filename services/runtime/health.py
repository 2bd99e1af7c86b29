"""Readiness: does each part Salesboy depends on answer, and how fast."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass

import redis
from celery import Celery
from psycopg_pool import ConnectionPool

from schemas.queues import QUEUES
from services.repositories.rows import one_row


@dataclass(frozen=True)
class ComponentStatus:
    ok: bool
    latency_ms: float
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


def _timed(check, timeout: float) -> ComponentStatus:
    # Each check runs in a thread with a hard deadline: a half-open socket must
    # make /readyz answer "down", never hang it.
    started = time.perf_counter()
    executor = ThreadPoolExecutor(max_workers=1)
    future = executor.submit(check)
    try:
        detail = future.result(timeout=timeout)
        ok = True
    except FutureTimeout:
        ok, detail = False, f"no answer within {timeout:g}s"
    except Exception as exc:  # reported to the caller as this component's status
        ok, detail = False, f"{type(exc).__name__}: {exc}".strip()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    return ComponentStatus(ok, round((time.perf_counter() - started) * 1000, 1), detail)


def check_postgres(pool: ConnectionPool, timeout: float) -> ComponentStatus:
    def probe() -> str:
        with pool.connection(timeout=timeout) as conn:
            version = one_row(conn.execute("select current_setting('server_version')"))[0]
        return f"PostgreSQL {version}"

    return _timed(probe, timeout)


def check_redis(client: redis.Redis, timeout: float) -> ComponentStatus:
    def probe() -> str:
        client.ping()
        return f"Redis {client.info('server').get('redis_version', '?')}"

    return _timed(probe, timeout)


def check_workers(celery: Celery, timeout: float, queues: tuple[str, ...] = QUEUES) -> ComponentStatus:
    """Green only when every queue has a consumer: a worker answering for one queue says nothing of the others."""
    def probe() -> str:
        replies = celery.control.inspect(timeout=min(1.0, timeout / 2)).active_queues() or {}
        if not replies:
            raise RuntimeError("no Celery worker answered")
        consumed = {queue["name"] for listed in replies.values() for queue in (listed or [])}
        missing = [queue for queue in queues if queue not in consumed]
        if missing:
            raise RuntimeError("no worker consumes queue(s): " + ", ".join(missing))
        return f"{len(replies)} worker(s) consume every queue: " + ", ".join(sorted(replies))

    return _timed(probe, timeout)


def readiness(pool: ConnectionPool, client: redis.Redis, celery: Celery, timeout: float) -> dict:
    components = {
        "postgres": check_postgres(pool, timeout),
        "redis": check_redis(client, timeout),
    }
    if components["redis"].ok:
        components["workers"] = check_workers(celery, timeout)
    else:
        components["workers"] = ComponentStatus(False, 0.0, "not checked: the broker (Redis) is down")
    return {
        "status": "ok" if all(c.ok for c in components.values()) else "unavailable",
        "components": {name: c.as_dict() for name, c in components.items()},
    }
