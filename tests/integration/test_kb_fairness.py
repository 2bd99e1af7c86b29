"""Documents share the ingest worker: one tenant's big upload does not hold up another tenant's small one."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.bootstrap import bootstrap
from services.runtime.embedded import EmbeddedRedis, free_port
from tests.conftest import WorkerProcess, create_user, make_settings, subprocess_env, wait_for

pytestmark = pytest.mark.slow


def _big_document(paragraphs: int) -> bytes:
    return "\n\n".join(
        f"Note {i}: item {i} ships from warehouse {i % 7}, costs {100 + i} naira and has support on line {i % 11}."
        for i in range(paragraphs)
    ).encode()


def test_a_small_document_is_ready_while_another_tenants_big_one_still_embeds(tmp_path: Path, database_url,
                                                                              shared_data_dir):
    redis_server = EmbeddedRedis(tmp_path / "redis", port=free_port()).start()
    # Small chunks and small embed jobs: the big document makes hundreds of jobs, as a 19 MB file does.
    values = {"EMBED_JOB_CHUNKS": "2", "CHUNK_MAX_TOKENS": "32", "CHUNK_OVERLAP_TOKENS": "0"}
    settings = make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=redis_server.url, **values)
    container = bootstrap(settings, database_url=database_url, redis_url=redis_server.url)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_server.url, **values)
    worker = WorkerProcess(env, tmp_path, "ingest", tmp_path / "worker.log")
    try:
        owner1, owner2 = create_user(container), create_user(container)
        big = container.kb.upload(owner1, "catalogue.txt", _big_document(600))
        wait_for(lambda: container.kb.get_document(owner1, big.id)[0].chunks_done > 0, timeout=120, interval=0.05,
                 message="the big document to be embedding")
        small = container.kb.upload(owner2, "shop2.md", b"# Shop 2\nWe open at nine.")
        own_small = container.kb.upload(owner1, "hours.md", b"# Hours\nClosed on Sundays.")
        for user, doc in ((owner2, small), (owner1, own_small)):
            done = wait_for(lambda u=user, d=doc: (v := container.kb.get_document(u, d.id)[0]).status
                            in ("ready", "failed") and v, timeout=120, interval=0.05,
                            message="the small document to finish")
            assert done.status == "ready", done.error
        meanwhile = container.kb.get_document(owner1, big.id)[0]
        assert meanwhile.status == "embedding", "the small documents waited for the big one"
        assert 0 < meanwhile.chunks_done < meanwhile.chunks_total
        print(f"small documents ready with the big one at {meanwhile.chunks_done}/{meanwhile.chunks_total}")
        container.kb.delete_document(owner1, big.id)
        # A job in flight when the document goes ends on one of these lines: deleted under it, stale, or (when
        # its batch count ran after the chunks were gone) counted as already done.
        ends = ("document deleted", "stale ingest job", "embed job already done by another copy")
        wait_for(lambda: any(end in worker.log_text() for end in ends),
                 timeout=60, interval=0.1, message="the big document's last job to end")
        assert "job failed" not in worker.log_text()
    finally:
        worker.stop()
        container.close()
        redis_server.stop()
