"""A worker killed in the middle of embedding: the job comes back and nothing is doubled."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from services.bootstrap import bootstrap
from services.runtime.embedded import EmbeddedRedis, free_port
from tests.conftest import WorkerProcess, create_user, make_settings, subprocess_env, wait_for

pytestmark = pytest.mark.slow


def _document(paragraphs: int) -> bytes:
    topics = ["delivery", "refunds", "warranty", "payment", "opening hours", "discounts", "sizes", "colours"]
    return "\n\n".join(
        f"Note {i} about {topics[i % len(topics)]}: customers who ask about item {i} should hear that "
        f"it ships from warehouse {i % 7} and costs {100 + i} naira, with support on line {i % 11}."
        for i in range(paragraphs)
    ).encode()


def test_killed_worker_during_embed_is_redelivered_without_duplicates(tmp_path: Path, database_url, shared_data_dir):
    redis_server = EmbeddedRedis(tmp_path / "redis", port=free_port()).start()
    values = {"TASK_TIME_LIMIT_SECONDS": "8", "BROKER_VISIBILITY_TIMEOUT_SECONDS": "10", "EMBED_JOB_CHUNKS": "8"}
    settings = make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=redis_server.url, **values)
    container = bootstrap(settings, database_url=database_url, redis_url=redis_server.url)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_server.url, **values)
    first = WorkerProcess(env, tmp_path, "ingest", tmp_path / "first.log")
    second = None
    try:
        user = create_user(container)
        document = container.kb.upload(user, "handbook.txt", _document(900))

        def mid_embedding():
            doc = container.kb.get_document(user, document.id)[0]
            return doc.status == "embedding" and 0 < doc.chunks_done < doc.chunks_total // 2 and doc
        seen = wait_for(mid_embedding, timeout=120, interval=0.02, message="embedding to be under way")
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait()
        killed_at = container.kb.get_document(user, document.id)[0]
        assert killed_at.status == "embedding" and killed_at.chunks_done < killed_at.chunks_total

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
        print(f"killed at {seen.chunks_done}/{seen.chunks_total} chunks; finished with {done.chunks_total}")
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        container.close()
        redis_server.stop()
