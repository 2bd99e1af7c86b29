"""Ingest throughput: the whole pipeline in a real worker vs raw model.encode.

Runs are interleaved (raw, pipeline, raw, pipeline, raw) and medians compared,
so drift in the machine's speed during the run affects both sides alike.
"""

from __future__ import annotations

import statistics
import time
import uuid

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


def _ingest(container, data: bytes) -> tuple[float, list[str]]:
    user = create_user(container)
    started = time.perf_counter()
    document = container.kb.upload(user, "handbook.txt", data)
    done = wait_for(lambda: (d := container.kb.get_document(user, document.id)[0]).status in ("ready", "failed")
                    and d, timeout=900, interval=0.02, message="the document to be ingested")
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
    pipeline_seconds, texts = _ingest(container, data)  # also gives the chunk texts for the raw side
    raw.embed(texts[:8])

    def raw_run() -> float:
        started = time.perf_counter()
        raw.embed(texts)
        return time.perf_counter() - started

    raw_times = [raw_run()]
    pipeline_times = [pipeline_seconds]
    for _ in range(ROUNDS):
        pipeline_times.append(_ingest(container, data)[0])
        raw_times.append(raw_run())

    pipeline_rate = len(texts) / statistics.median(pipeline_times)
    raw_rate = len(texts) / statistics.median(raw_times)
    print(f"\ningest: {len(texts)} chunks of <= {container.settings.chunk_max_tokens} tokens; "
          f"pipeline (upload to ready, median of {len(pipeline_times)}) {pipeline_rate:.1f} chunks/s; "
          f"raw model.encode (median of {len(raw_times)}) {raw_rate:.1f} chunks/s; "
          f"ratio {pipeline_rate / raw_rate:.2f} (target >= 2)")
