"""The one way a task runs: validate the payload, call the handler, retry or record.

- Invalid payload: rejected without requeue and recorded in job_failures (it can
  never succeed, so retrying would loop forever).
- Transient failure: retried with capped, jittered backoff; once retries run out
  the job is recorded as failed with its reason.
- Committed, but the next job could not be enqueued (`PublishAfterCommitError`): the
  stage's work is done and its row waits in an in-progress status, so it is logged and
  left for the sweeper, which re-enqueues it once the broker answers again; never given up.
- Anything else: recorded as failed at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from celery import Celery, Task
from celery.exceptions import Reject
from pydantic import ValidationError

from pipelines.retry import backoff_delay
from schemas.jobs import QueuedJob
from services.adapters.logging import log_context
from services.adapters.metrics import process_metrics, timed_stage
from services.bootstrap import App
from services.core.errors import TRANSIENT_ERRORS
from services.repositories.db import PublishAfterCommitError

log = logging.getLogger(__name__)


class ContainerHolder:
    """Builds the container on first use in this process; thread-safe."""

    def __init__(self, factory: Callable[[], App]) -> None:
        self._factory = factory
        self._container: App | None = None
        self._lock = threading.Lock()

    def get(self) -> App:
        with self._lock:
            if self._container is None:
                self._container = self._factory()
            return self._container

    def reset(self) -> None:
        with self._lock:
            container, self._container = self._container, None
        if container is not None:
            container.close()


def define_stage(app: Celery, job_type: type[QueuedJob], holder: ContainerHolder, *,
                 returns_result: bool = False) -> Task:
    name = job_type.task_name

    @app.task(name=name, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=not returns_result)
    def run(task: Task, payload: object) -> object:
        try:
            job = job_type.model_validate(payload)
        except ValidationError as exc:
            reason = f"invalid payload: {_short(exc)}"
            _record_failure(holder, name, payload, reason)
            process_metrics().stage_runs.labels(name, "rejected").inc()
            log.error("job rejected", extra={"task": name, "reason": reason})
            raise Reject(reason, requeue=False) from None

        container = holder.get()
        user_id = getattr(job, "user_id", None)
        with log_context(trace_id=job.trace_id, user_id=user_id, task=name, job_id=job.job_id), \
                timed_stage(name) as measured:
            started = time.perf_counter()
            try:
                # Set by the broker on a job handed out again after its worker died (or lost its connection).
                redelivered = bool((task.request.delivery_info or {}).get("redelivered"))
                result = container.handle(job, redelivered=redelivered)
            except PublishAfterCommitError as exc:
                # Retrying would redo committed work and giving up would mark a good row failed: the row's
                # status and age are enough for the sweeper to send the next job later.
                log.error("committed; the next job is left for the sweeper",
                          extra={"error": str(exc), "tasks": [j.task_name for j in exc.jobs]})
                measured["outcome"] = "left_for_sweeper"
                return None
            except TRANSIENT_ERRORS as exc:
                retries = task.request.retries
                if retries >= container.settings.task_max_retries:
                    reason = f"gave up after {retries + 1} attempts: {type(exc).__name__}: {exc}"
                    _record_failure(holder, name, payload, reason)
                    container.give_up(job, exc)
                    log.error("job failed", extra={"reason": reason})
                    raise
                delay = backoff_delay(
                    retries,
                    base=container.settings.task_retry_base_seconds,
                    cap=container.settings.task_retry_cap_seconds,
                )
                log.warning("job will be retried", extra={"error": str(exc), "retry_in_s": round(delay, 2)})
                measured["outcome"] = "retry"
                # Celery reads max_retries=None as "the task's default" (3): pass our own cap, so the give-up
                # above, not Celery, decides when to stop, and an exhausted job is always recorded.
                raise task.retry(exc=exc, countdown=delay, max_retries=container.settings.task_max_retries) \
                    from exc
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                _record_failure(holder, name, payload, reason)
                container.give_up(job, exc)
                log.exception("job failed", extra={"reason": reason})
                raise
            log.info("job done", extra={"ms": round((time.perf_counter() - started) * 1000, 1)})
            return result if returns_result else None

    return run


def _record_failure(holder: ContainerHolder, name: str, payload: object, reason: str) -> None:
    data = payload if isinstance(payload, dict) else {"raw": repr(payload)[:2000]}
    with holder.get().system_uow() as uow:
        uow.job_failures.record(
            task_name=name,
            reason=reason,
            payload=data,
            job_id=_str_or_none(data.get("job_id")),
            user_id=_str_or_none(data.get("user_id")),
            trace_id=_str_or_none(data.get("trace_id")),
        )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)[:100]


def _short(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'payload'}: {err['msg']}" for err in exc.errors()
    )[:1000]
