"""maintenance.sweep: re-enqueue work whose job was lost (Redis restart, crash).

Stages register a finder: given a system unit of work, it returns the jobs for
rows stuck past their deadline. Postgres is the source of truth, so re-sending
those jobs is always safe: every stage checks its row's state before acting.

A finder that fails does not stop the others: one stage's bad row must not leave every other stage's stuck work
waiting. Its failure is logged at once and raised when the sweep ends, so the task is recorded as failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from schemas.jobs import QueuedJob, SweepStuck
from services.adapters.metrics import process_metrics
from services.adapters.ports import UnitOfWork

log = logging.getLogger(__name__)

StuckFinder = Callable[[UnitOfWork], list[QueuedJob]]


class SweepFailed(Exception):
    """One or more finders failed; the others' jobs were re-enqueued."""

    def __init__(self, failures: dict[str, BaseException]) -> None:
        super().__init__("; ".join(f"{name}: {type(exc).__name__}: {exc}" for name, exc in failures.items()))
        self.failures = failures


def sweep(job: SweepStuck, *, system_uow: Callable[[], UnitOfWork], finders: Sequence[StuckFinder]) -> int:
    resent = 0
    failures: dict[str, BaseException] = {}
    for finder in finders:
        try:
            with system_uow() as uow:
                jobs = finder(uow)
                for stuck in jobs:
                    uow.publish_after_commit(stuck)
        except Exception as exc:  # recorded here and raised below, once every finder has run
            log.exception("sweeper finder failed", extra={"finder": finder.__name__})
            failures[finder.__name__] = exc
            continue
        resent += len(jobs)
        if jobs:
            process_metrics().sweeper_reenqueued.labels(finder.__name__).inc(len(jobs))
            log.warning("re-enqueued stuck jobs", extra={"finder": finder.__name__, "count": len(jobs)})
    if failures:
        raise SweepFailed(failures) from next(iter(failures.values()))
    return resent
