"""A worker killed in the middle of embedding: the job comes back and nothing is doubled.

The worker is killed at set points of one batch (tests/integration/killed_worker.py), not at a moment a timer
picks: each point is a different way for the job to come back, and each run takes the same one. No beat runs
here, so the sweeper (which would carry a stuck document on after KB_STUCK_AFTER_SECONDS) never steps in: the
document finishes only if the broker's redelivery of the killed worker's job carries it on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from services.bootstrap import bootstrap
from services.runtime.embedded import EmbeddedRedis, free_port
from tests.conftest import WorkerProcess, create_user, make_settings, subprocess_env, wait_for

pytestmark = pytest.mark.slow

KILLED_WORKER = Path(__file__).with_name("killed_worker.py")
BATCH = 8
KILLED_BATCH = 2


def _document(paragraphs: int) -> bytes:
    topics = ["delivery", "refunds", "warranty", "payment", "opening hours", "discounts", "sizes", "colours"]
    return "\n\n".join(
        f"Note {i} about {topics[i % len(topics)]}: customers who ask about item {i} should hear that "
        f"it ships from warehouse {i % 7} and costs {100 + i} naira, with support on line {i % 11}."
        for i in range(paragraphs)
    ).encode()


@pytest.mark.parametrize(("kill_at", "counted_when_killed", "resends"), [
    # The batch comes back and is embedded and counted as if for the first time.
    ("mid_batch", (KILLED_BATCH - 1) * BATCH, False),
    # Counted, the next batch never sent: only the redelivered batch can send it.
    ("before_next_send", KILLED_BATCH * BATCH, True),
    # The next batch is queued too. The redelivered copy cannot tell the two last cases apart: it sends the next
    # batch again if it runs before that one is counted (the broker puts it back at the queue's head), and the
    # second copy of the next batch is then a no-op.
    ("after_next_send", KILLED_BATCH * BATCH, None),
])
def test_killed_worker_during_embed_is_redelivered_without_duplicates(tmp_path: Path, database_url, shared_data_dir,
                                                                      kill_at, counted_when_killed, resends):
    redis_server = EmbeddedRedis(tmp_path / "redis", port=free_port()).start()
    values = {"TASK_TIME_LIMIT_SECONDS": "8", "BROKER_VISIBILITY_TIMEOUT_SECONDS": "10",
              "EMBED_JOB_CHUNKS": str(BATCH)}
    settings = make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=redis_server.url, **values)
    container = bootstrap(settings, database_url=database_url, redis_url=redis_server.url)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_server.url, **values)
    first = WorkerProcess(dict(env, SALESBOY_TEST_KILL_AT=kill_at, SALESBOY_TEST_KILL_BATCH=str(KILLED_BATCH)),
                          tmp_path, "ingest", tmp_path / "first.log", prefix=(sys.executable, str(KILLED_WORKER)))
    second = None
    try:
        user = create_user(container)
        document = container.kb.upload(user, "handbook.txt", _document(900))
        assert first.process.wait(timeout=180) < 0, first.log_text()[-2000:]  # it killed itself at the point
        killed_at = container.kb.get_document(user, document.id)[0]
        assert killed_at.status == "embedding" and killed_at.chunks_total > 4 * BATCH
        assert killed_at.chunks_done == counted_when_killed

        second = WorkerProcess(env, tmp_path, "ingest", tmp_path / "second.log")
        done = wait_for(lambda: (d := container.kb.get_document(user, document.id)[0]).status in ("ready", "failed")
                        and d, timeout=180, interval=0.2, message="the document to finish after the restart")
        assert done.status == "ready", done.error
        with container.tenant_uow(user) as uow:
            rows, distinct, indexed = uow.conn.execute(
                "select count(*), count(distinct ordinal), count(*) filter (where embedding is not null) "
                "from public.kb_chunks where document_id = %s", [document.id]).fetchone()
        assert rows == distinct == indexed == done.chunks_total == done.chunks_done
        assert container.vectors.count(user, document.id) == done.chunks_total
        resent = "next batch queued again" in second.log_text()
        assert resends is None or resent == resends, second.log_text()[-3000:]
        print(f"killed {kill_at} at {killed_at.chunks_done}/{killed_at.chunks_total} chunks; "
              f"finished with {done.chunks_total}")
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        container.close()
        redis_server.stop()
