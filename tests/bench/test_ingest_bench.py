"""Ingest throughput: the whole pipeline in a real worker vs raw model.encode.

Runs are interleaved (pipeline, raw, embedder, pipeline, raw, embedder, ...) and medians compared,
so drift in the machine's speed during the run affects every side alike. The third side, the
worker's own document embedder in this process (jobs of `embed_job_chunks`, nothing else), says how
much of the gap between the pipeline and raw encode is the embedding itself and how much the worker.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from pathlib import Path

from services.adapters.embeddings import SentenceTransformerEmbedder
from tests.conftest import create_user, wait_for

PARAGRAPHS = 1500
ROUNDS = 2


def _handbook() -> bytes:
    topics = ["delivery", "refunds", "warranty", "payment", "opening hours", "discounts", "sizes", "colours"]
    return "\n\n".join(
        f"Section {i} on {topics[i % len(topics)]}: when a customer asks about product {i}, explain that "
        f"it is stocked in warehouse {i % 7}, costs {1000 + 13 * i} naira, ships in {1 + i % 5} days and "
        f"is covered by our {1 + i % 3} year guarantee against manufacturing faults."
        for i in range(PARAGRAPHS)
    ).encode()


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system, every thread) a process and its children (pool processes, the extraction's
    child once ended) have used so far: how much work a side did, whatever share of the cores the rest of
    the machine left it."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    ticks = sum(int(f) for f in fields[11:15])
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                for c in (task / "children").read_text().split()]
    return ticks / os.sysconf("SC_CLK_TCK") + sum(_cpu_seconds(c) for c in children)


def _worker_stages(log_text: str) -> str:
    """What the worker's log says a stage took (its "job done" lines, summed over the runs) and every
    load of an embedding graph (which process, how long): where a pipeline run's time went."""
    stages: dict[str, list[float]] = {}
    loads: list[str] = []
    for line in log_text.splitlines():
        if not line.startswith("{"):
            continue
        entry = json.loads(line)
        if entry.get("msg") == "job done" and str(entry.get("task", "")).startswith("ingest."):
            stages.setdefault(entry["task"], []).append(entry["ms"])
        elif entry.get("msg") == "embedding graph loaded":
            loads.append(f"{entry['graph']} in pid {entry['pid']} {entry['ms'] / 1000:.2f} s")
    # The first embed job is the warm-up document's, which waits for the document graph unless it loaded ahead.
    embeds = stages.get("ingest.embed")
    first = f"first embed job (warm-up document) {embeds[0] / 1000:.2f} s; " if embeds else ""
    jobs = first + "; ".join(f"{task} {len(ms)} jobs, {sum(ms) / 1000:.2f} s, "
                             f"median {statistics.median(ms) / 1000:.2f} s" for task, ms in stages.items())
    return f"worker log: {jobs}\ngraph loads: {', '.join(loads) or 'none logged'}"


def _ingest(container, data: bytes) -> tuple[float, list[str]]:
    user = create_user(container)
    started = time.perf_counter()
    document = container.kb.upload(user, "handbook.txt", data)
    done = wait_for(lambda: (d := container.kb.get_document(user, document.id)[0]).status in ("ready", "failed")
                    and d, timeout=900, interval=0.1, message="the document to be ingested")
    seconds = time.perf_counter() - started
    assert done.status == "ready", done.error
    with container.tenant_uow(user) as uow:
        texts = [r[0] for r in uow.conn.execute(
            "select content from public.kb_chunks where document_id = %s order by ordinal", [document.id])]
    return seconds, texts


def test_ingest_throughput_against_raw_encode(worker, container):
    warm_user = create_user(container)
    warm = container.kb.upload(warm_user, "warm-up.txt", f"Warm-up {uuid.uuid4().hex}".encode())
    wait_for(lambda: container.kb.get_document(warm_user, warm.id)[0].status == "ready", timeout=120,
             message="the worker to load its model")
    data = _handbook()
    raw = SentenceTransformerEmbedder(batch_size=container.settings.embed_batch_size)
    cpu: dict[str, list[float]] = {"pipeline": [], "raw": [], "embedder": []}
    cpu_started = _cpu_seconds(worker.process.pid)
    pipeline_seconds, texts = _ingest(container, data)  # also gives the chunk texts for the raw side
    cpu["pipeline"].append(_cpu_seconds(worker.process.pid) - cpu_started)
    raw.embed(texts[:8])
    embedder = container.ingest.embedder  # the worker's document embedder, built the same way
    embedder.embed(texts[:8])
    per_job = container.settings.embed_job_chunks

    def raw_run() -> float:
        started, cpu_started = time.perf_counter(), time.process_time()
        raw.embed(texts)
        cpu["raw"].append(time.process_time() - cpu_started)
        return time.perf_counter() - started

    def embedder_run() -> float:
        started, cpu_started = time.perf_counter(), time.process_time()
        for start in range(0, len(texts), per_job):
            embedder.embed(texts[start:start + per_job])
        cpu["embedder"].append(time.process_time() - cpu_started)
        return time.perf_counter() - started

    def pipeline_run() -> float:
        cpu_started = _cpu_seconds(worker.process.pid)
        seconds = _ingest(container, data)[0]
        cpu["pipeline"].append(_cpu_seconds(worker.process.pid) - cpu_started)
        return seconds

    raw_times = [raw_run()]
    embedder_times = [embedder_run()]
    pipeline_times = [pipeline_seconds]
    for _ in range(ROUNDS):
        pipeline_times.append(pipeline_run())
        raw_times.append(raw_run())
        embedder_times.append(embedder_run())

    pipeline_rate = len(texts) / statistics.median(pipeline_times)
    raw_rate = len(texts) / statistics.median(raw_times)
    embedder_rate = len(texts) / statistics.median(embedder_times)
    print(f"\ningest: {len(texts)} chunks of <= {container.settings.chunk_max_tokens} tokens, medians of "
          f"{len(pipeline_times)}; pipeline (upload to ready) {pipeline_rate:.1f} chunks/s; "
          f"raw model.encode {raw_rate:.1f} chunks/s; ratio {pipeline_rate / raw_rate:.2f} (target >= 2); "
          f"the worker's embedder in this process (jobs of {per_job}) {embedder_rate:.1f} chunks/s, "
          f"ratio to raw {embedder_rate / raw_rate:.2f}, pipeline / embedder {pipeline_rate / embedder_rate:.2f}")
    print("runs (s): pipeline " + " ".join(f"{t:.2f}" for t in pipeline_times)
          + "; raw " + " ".join(f"{t:.2f}" for t in raw_times)
          + "; embedder " + " ".join(f"{t:.2f}" for t in embedder_times))
    # CPU a chunk: the worker's processes (every stage; not Postgres) against the same embedder here.
    print("CPU ms a chunk (median): " + "; ".join(
        f"{side} {1000 * statistics.median(times) / len(texts):.1f}" for side, times in cpu.items()))
    print(_worker_stages(worker.log_text()))
