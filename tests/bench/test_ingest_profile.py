"""Where a document's CPU goes beside the embedding: every ingest stage run in this process.

Jobs are not queued: a publisher that keeps them hands each to the container's own handler, so the figures
hold the stages' work and nothing of Celery's. Each document (the ingest benchmark's handbook, a new edition
each time) is timed per stage with `time.process_time` (every thread of this process) plus the CPU of the
ended child processes (the extraction's), and the embedder's calls are timed apart: what is left is the
pipeline's own share (extraction, chunking and its token counts, the transactions, the vector writes).
Postgres' CPU (every server process) is given beside it: it runs on the same cores as the embedding.
Inside the embed calls, the ONNX Runtime session's own runs are timed per thread, so the embed call's
overhead (tokenising, sorting, copying the vectors out) shows apart from the model.

`BENCH_DOCUMENTS` sets how many documents are timed (default 3, after one warm-up); `BENCH_PROFILE=1` also
profiles the main thread with cProfile (CPU clock) and prints the functions with the most cumulative time.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import resource
import statistics
import threading
import time
import uuid

import pytest

from services.adapters import embeddings_onnx
from services.bootstrap import bootstrap
from services.repositories.kb_repository import KnowledgeBaseRepository
from tests.bench.test_ingest_bench import _cpu_seconds, _handbook
from tests.conftest import create_user

DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "3"))


class _Kept:
    """The Publisher port, keeping the jobs for the caller to run."""

    def __init__(self) -> None:
        self.jobs: list = []

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.jobs.append(job)


class _SessionClock:
    """CPU seconds spent inside ONNX Runtime session runs, summed over the threads that ran them."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._lock = threading.Lock()

    def wrap(self, run):
        clock = self

        def timed(state, texts, options=None):
            started = time.thread_time()
            try:
                return run(state, texts, options)
            finally:
                spent = time.thread_time() - started
                with clock._lock:
                    clock.seconds += spent

        return timed


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def test_ingest_stage_profile(settings, pg_server, database_url, redis_url, monkeypatch):
    postmaster = int((pg_server.pgdata / "postmaster.pid").read_text().split()[0])
    kept = _Kept()
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url.rsplit("/", 1)[0] + "/12",
                          publisher=kept)
    if not isinstance(container.ingest.embedder, embeddings_onnx.OnnxEmbedder | embeddings_onnx.DocumentEmbedder):
        pytest.skip("the stage profile times ONNX Runtime sessions")
    session = _SessionClock()
    monkeypatch.setattr(embeddings_onnx._Loaded, "run", session.wrap(embeddings_onnx._Loaded.run))
    embed_cpu = [0.0]
    inner_embed = container.ingest.embedder.embed

    def timed_embed(texts):
        started = time.process_time()
        try:
            return inner_embed(texts)
        finally:
            embed_cpu[0] += time.process_time() - started

    monkeypatch.setattr(container.ingest.embedder, "embed", timed_embed)
    # The two writes of a chunk (its row, then its vector), timed on both sides: this process and Postgres.
    writes = {"chunk rows": [0.0, 0.0], "vector writes": [0.0, 0.0]}

    def timed_write(name, write):
        def timed(*args, **kwargs):
            started, postgres_started = time.process_time(), _cpu_seconds(postmaster)
            try:
                return write(*args, **kwargs)
            finally:
                writes[name][0] += time.process_time() - started
                writes[name][1] += _cpu_seconds(postmaster) - postgres_started
        return timed

    monkeypatch.setattr(KnowledgeBaseRepository, "replace_chunks",
                        timed_write("chunk rows", KnowledgeBaseRepository.replace_chunks))
    monkeypatch.setattr(container.ingest.vectors, "upsert",
                        timed_write("vector writes", container.ingest.vectors.upsert))
    profile = cProfile.Profile(time.process_time) if os.environ.get("BENCH_PROFILE") == "1" else None
    rows: list[dict[str, float]] = []
    chunks = 0
    try:
        for n in range(DOCUMENTS + 1):
            user = create_user(container)
            data = _handbook() + f"\n\nEdition {uuid.uuid4()}".encode()
            stages: dict[str, float] = {}
            embed_cpu[0] = session.seconds = 0.0
            for times in writes.values():
                times[:] = [0.0, 0.0]
            document = container.kb.upload(user, "handbook.txt", data)
            postgres_started = _cpu_seconds(postmaster)
            if profile is not None and n:
                profile.enable()
            while kept.jobs:
                job = kept.jobs.pop(0)
                started = _cpu()
                container.handle(job)
                name = type(job).__name__
                stages[name] = stages.get(name, 0.0) + _cpu() - started
            if profile is not None and n:
                profile.disable()
            postgres = _cpu_seconds(postmaster) - postgres_started
            view = container.kb.get_document(user, document.id)[0]
            assert view.status == "ready", view.error
            chunks = view.chunks_total
            if n == 0:
                continue  # warm-up: graphs loaded, connections open
            stages["embed calls"] = embed_cpu[0]
            stages["session runs"] = session.seconds
            stages["total"] = sum(stages[k] for k in ("ExtractDocument", "ChunkDocument", "EmbedChunks",
                                                      "IndexDocument"))
            stages["not embedding"] = stages["total"] - embed_cpu[0]
            stages["embed call overhead"] = embed_cpu[0] - session.seconds
            stages["Postgres"] = postgres
            for name, (here, server) in writes.items():
                stages[f"{name} (here)"], stages[f"{name} (Postgres)"] = here, server
            rows.append(stages)
    finally:
        container.close()

    print(f"\n{container.settings.embedding_onnx_variant}, {DOCUMENTS} documents of {chunks} chunks, in-process "
          f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}); CPU s a document, median (min-max):")
    for key in rows[0]:
        values = [r[key] for r in rows]
        print(f"  {key:<25} {statistics.median(values):7.3f}  ({min(values):.3f}-{max(values):.3f})"
              f"  {1000 * statistics.median(values) / chunks:6.2f} ms a chunk")
    if profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative")).print_stats(
            int(os.environ.get("BENCH_PROFILE_LINES", "45")))
        print(out.getvalue())
