"""Runs `python -m workers ...` (the arguments after this script's path) in this process, and SIGKILLs it at
one chosen point of a document's embedding, so a test kills a worker exactly there instead of at a moment
picked by a timer.

SALESBOY_TEST_KILL_AT:
- `mid_batch`: batch SALESBOY_TEST_KILL_BATCH is embedded and in the vector index, its bookkeeping not yet
  committed;
- `before_next_send`: that batch's bookkeeping is committed, the next batch's job not yet sent;
- `after_next_send`: the next batch's job is sent, the batch's own job not yet acknowledged.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys

from schemas.jobs import EmbedChunks
from services.adapters.celery_app import CeleryPublisher
from services.handlers import ingest

KILL_AT = os.environ["SALESBOY_TEST_KILL_AT"]
KILL_BATCH = int(os.environ.get("SALESBOY_TEST_KILL_BATCH", "2"))


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _patch() -> None:
    counted = ingest._count_batch
    publish = CeleryPublisher.publish
    batches_sent = 0

    def count_batch(*args, **kwargs):
        job = args[2]
        if KILL_AT == "mid_batch" and _batch_number(job) == KILL_BATCH:
            _die()
        return counted(*args, **kwargs)

    def _batch_number(job: EmbedChunks) -> int:
        return job.first_ordinal // int(os.environ["EMBED_JOB_CHUNKS"]) + 1

    def publish_then_maybe_die(self, job, countdown: float = 0, queue: str | None = None) -> None:
        nonlocal batches_sent
        # The job after batch N's bookkeeping is batch N + 1's: the (N + 1)th embed job this worker sends.
        is_next = isinstance(job, EmbedChunks) and (batches_sent := batches_sent + 1) == KILL_BATCH + 1
        if is_next and KILL_AT == "before_next_send":
            _die()
        publish(self, job, countdown=countdown, queue=queue)
        if is_next and KILL_AT == "after_next_send":
            _die()

    ingest._count_batch = count_batch  # type: ignore[assignment]
    CeleryPublisher.publish = publish_then_maybe_die  # type: ignore[method-assign]


if __name__ == "__main__":
    _patch()
    args = sys.argv[1:]
    module = args.index("-m") + 1  # `<python> -m workers worker ...`
    sys.argv = [args[module], *args[module + 1:]]
    runpy.run_module(args[module], run_name="__main__", alter_sys=True)
