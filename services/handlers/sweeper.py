"""maintenance.sweep: re-enqueue work whose job was lost (Redis restart, crash).

Stages register a finder: given a system unit of work, it returns the jobs for
rows stuck past their deadline. Postgres is the source of truth, so re-sending
those jobs is always safe: every stage checks its row's state before acting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from schemas.jobs import QueuedJob, SweepStuck
from services.adapters.metrics import process_metrics
from services.adapters.ports import UnitOfWork

log = logging.getLogger(__name__)

StuckFinder = Callable[[UnitOfWork], list[QueuedJob]]


def sweep(job: SweepStuck, *, system_uow: Callable[[], UnitOfWork], finders: Sequence[StuckFinder]) -> int:
    resent = 0
    for finder in finders:
        with system_uow() as uow:
            jobs = finder(uow)
            for stuck in jobs:
                uow.publish_after_commit(stuck)
        resent += len(jobs)
        if jobs:
            process_metrics().sweeper_reenqueued.labels(finder.__name__).inc(len(jobs))
            log.warning("re-enqueued stuck jobs", extra={"finder": finder.__name__, "count": len(jobs)})
    return resent
