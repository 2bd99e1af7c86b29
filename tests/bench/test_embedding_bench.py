"""The embedding model on ONNX Runtime (Salesboy's default) against raw sentence-transformers on PyTorch.

Every figure is a ratio to a raw baseline measured in the same run, interleaved so drift in
the machine's speed affects both sides alike:

- query encode: p50 of one one-line question at a time, ONNX (fp32 and int8) against raw
  `SentenceTransformer.encode` on one torch thread;
- cosine agreement with the torch vectors, fp32 and int8: on realistic texts, and on every question
  and document paragraph of the evaluation suites;
- ingest: chunks/s of `embed()` on the chunks of a handbook against raw `model.encode` of
  the same chunks (torch's default threads, the default batch size);
- memory: RSS of each worker process, started as `salesboy up` starts them (prefork, every
  queue but sessions, model calls through the model gateway, whose own RSS is shown too), at
  rest after it has answered messages and ingested a document, with EMBEDDING_RUNTIME=onnx
  (fp32 and int8) and with torch.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import psutil
import pytest
from celery import Celery

from schemas.queues import QUEUES
from services.adapters.embeddings import default_model_path
from services.adapters.embeddings_onnx import DOCUMENT_IDLE_SECONDS, OnnxEmbedder
from services.bootstrap import bootstrap
from services.usecases.inbound import accept
from tests.bench.test_eval_suites import SUITES
from tests.bench.test_ingest_bench import _handbook
from tests.bench.test_message_bench import _message, _shop
from tests.conftest import REPO_ROOT, LLMGatewayProcess, subprocess_env, wait_for, worker_settings_env
from tests.samples import realistic_texts

QUERIES = 200
ROUNDS = 3
BATCH = 32


def _chunks(counter: OnnxEmbedder, limit: int = 200) -> list[str]:
    """The handbook cut as the pipeline cuts it: whole paragraphs up to `limit` tokens a chunk."""
    chunks, current, size = [], [], 0
    for paragraph in _handbook().decode().split("\n\n")[:600]:
        tokens = counter.count_tokens(paragraph)
        if current and size + tokens > limit:
            chunks.append("\n\n".join(current))
            current, size = [], 0
        current.append(paragraph)
        size += tokens
    return [*chunks, "\n\n".join(current)] if current else chunks


def _suite_texts() -> list[str]:
    """Every question of the answer suites and every paragraph of their documents."""
    texts = []
    for suite in SUITES:
        root = REPO_ROOT / "evals" / suite
        texts += [json.loads(line)["text"] for line in (root / "cases.jsonl").read_text().splitlines() if line]
        for document in sorted((root / "documents").iterdir()):
            texts += [p for p in document.read_text(errors="replace").split("\n\n") if p.strip()]
    return texts


def _p50_ms(encode, questions: list[str]) -> float:
    times = []
    for question in questions:
        started = time.perf_counter()
        encode(question)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def test_query_latency_agreement_and_ingest_against_raw_torch(tmp_path):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(default_model_path()), device="cpu")
    default_threads = torch.get_num_threads()
    cache_dir = Path(os.environ["EMBEDDING_CACHE_DIR"])  # the tests' exports, made once
    # w8-questions: questions on the fp32 graph with 8-bit weights (its documents are int8-documents').
    onnx = {variant: OnnxEmbedder(cache_dir=cache_dir, variant=variant) for variant in ("fp32", "int8", "w8-questions")}

    texts = realistic_texts(300)
    print(f"\nmachine: {os.cpu_count()} cores; torch {torch.__version__} ({default_threads} threads by default)")
    for name, sample in (("realistic texts", texts), ("eval suites' texts", _suite_texts())):
        reference = model.encode(sample, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False)
        for variant, embedder in onnx.items():
            cosines = (np.array(embedder.embed(sample)) * reference).sum(axis=1)
            print(f"agreement {variant}: cosine with torch over {len(sample)} {name}: min {cosines.min():.5f}, "
                  f"mean {cosines.mean():.5f}, below 0.99: {int((cosines < 0.99).sum())}, "
                  f"below 0.98: {int((cosines < 0.98).sum())}")

    questions = [texts[i] for i in range(0, len(texts), 5)]  # the one-line customer questions
    questions = (questions * (QUERIES // len(questions) + 1))[:QUERIES]
    torch.set_num_threads(1)
    encoders = {"torch": lambda q: model.encode([q], normalize_embeddings=True, show_progress_bar=False),
                **{variant: (lambda q, e=embedder: e.embed([q])) for variant, embedder in onnx.items()}}
    for encode in encoders.values():
        _p50_ms(encode, questions[:20])  # warm-up
    figures: dict[str, list[float]] = {name: [] for name in encoders}
    for _ in range(ROUNDS):
        for name, encode in encoders.items():
            figures[name].append(_p50_ms(encode, questions))
    torch_p50 = statistics.median(figures["torch"])
    for variant in onnx:
        p50 = statistics.median(figures[variant])
        print(f"query encode p50 ({QUERIES} one-line questions, median of {ROUNDS} rounds): onnx {variant} "
              f"{p50:.2f} ms, raw torch on 1 thread {torch_p50:.2f} ms; ratio {p50 / torch_p50:.2f} "
              f"(target: <= 5 ms)")
    torch.set_num_threads(default_threads)

    chunks = _chunks(onnx["fp32"])
    # What ingest embeds chunks with: for int8-documents, its document side (questions stay on fp32);
    # int8-documents-fused, the document graph before its layer norms were left unfused, beside it.
    ingesting = {**{variant: onnx[variant].for_documents() for variant in ("fp32", "int8")},
                 **{variant: OnnxEmbedder(cache_dir=cache_dir, variant=variant).for_documents()
                    for variant in ("int8-documents", "int8-documents-fused")}}
    rates: dict[str, list[float]] = {"torch": [], **{variant: [] for variant in ingesting}}
    model.encode(chunks[:BATCH], batch_size=BATCH, show_progress_bar=False)
    for embedder in ingesting.values():
        embedder.embed(chunks[:BATCH])
    for _ in range(ROUNDS):
        started = time.perf_counter()
        model.encode(chunks, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False)
        rates["torch"].append(len(chunks) / (time.perf_counter() - started))
        for variant, embedder in ingesting.items():
            started = time.perf_counter()
            embedder.embed(chunks)
            rates[variant].append(len(chunks) / (time.perf_counter() - started))
    torch_rate = statistics.median(rates["torch"])
    for variant in ingesting:
        rate = statistics.median(rates[variant])
        print(f"ingest embed ({len(chunks)} chunks of <= 200 tokens, median of {ROUNDS}): onnx {variant} "
              f"{rate:.1f} chunks/s, raw torch model.encode {torch_rate:.1f} chunks/s; "
              f"ratio {rate / torch_rate:.2f} (target >= 2)")


def _pool_rss(settings, runtime, variant, user, container, gateway, n8n, database_url, redis_url, tmp_path,
              rest: float = 3):
    broker = redis_url.rsplit("/", 1)[0] + "/12"
    producer = bootstrap(container.settings, database_url=database_url, redis_url=broker)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(settings.data_dir), DATABASE_URL=database_url,
                         REDIS_URL=broker, EMBEDDING_RUNTIME=runtime, EMBEDDING_ONNX_VARIANT=variant,
                         **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0]))
    # As `salesboy up` runs them: the model gateway first, the only process that imports litellm.
    # BENCH_LLM_GATEWAY=0: the shape before it, every pool process calling the models itself.
    model_gateway = None
    if os.environ.get("BENCH_LLM_GATEWAY", "1") != "0":
        model_gateway = LLMGatewayProcess(env, tmp_path / f"llm-gateway-{runtime}-{variant}.log")
        env.update(model_gateway.env)
    log = (tmp_path / f"prefork-{runtime}-{variant}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "workers", "worker", "--queues", ",".join(q for q in QUEUES if q != "sessions"),
         "--name", f"rss-{runtime}-{uuid.uuid4().hex[:8]}@localhost"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    probe = Celery(broker=broker, set_as_current=False)
    try:
        wait_for(lambda: process.poll() is not None or probe.control.ping(timeout=0.5), timeout=120,
                 message="the prefork worker")
        assert process.poll() is None, (tmp_path / f"prefork-{runtime}-{variant}.log").read_text()
        data = _handbook()[:60_000] + f"\n\nEdition {uuid.uuid4()}".encode()  # not a duplicate of the last run's
        document = producer.kb.upload(user, f"handbook-{runtime}.txt", data)
        messages = [_message(user, 30_000_000 + n) for n in range(8)]
        for message in messages:
            accept(producer, message)
        wait_for(lambda: all(gateway.messages_to(m.chat_id) for m in messages), timeout=300, interval=0.05,
                 message="the messages to be answered")
        wait_for(lambda: producer.kb.get_document(user, document.id)[0].status in ("ready", "failed"),
                 timeout=600, message="the document to be ingested")
        time.sleep(rest)  # at rest
        parent = psutil.Process(process.pid)
        figures = []
        for child in parent.children(recursive=True):
            info = child.memory_full_info()
            loaded = "torch" if any("libtorch" in m.path for m in child.memory_maps()) else "no torch"
            figures.append(f"{info.rss / 2**20:.0f} MiB RSS / {info.uss / 2**20:.0f} MiB USS ({loaded})")
            if os.environ.get("BENCH_MAPS"):  # where a process's memory sits: the biggest mappings
                maps = sorted(child.memory_maps(grouped=True), key=lambda m: -m.rss)[:12]
                print("\n    " + "; ".join(f"{os.path.basename(m.path) or 'anon'} {m.rss / 2**20:.1f}" for m in maps))
        main = parent.memory_full_info()
        if model_gateway is None:
            beside = "no model gateway (models called in each pool process)"
        else:
            own = psutil.Process(model_gateway.process.pid).memory_full_info()
            beside = f"model gateway {own.rss / 2**20:.0f} MiB RSS / {own.uss / 2**20:.0f} MiB USS"
        print(f"worker RSS {rest:.0f} s after, EMBEDDING_RUNTIME={runtime} ({variant}): "
              f"pool processes {'; '.join(figures)}; "
              f"main process {main.rss / 2**20:.0f} MiB RSS; {beside} (target: <= 300 MB, i.e. 286 MiB, a process)")
    finally:
        probe.close()
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        if model_gateway is not None:
            model_gateway.stop()
        producer.close()


# The default shop has no model (embedding intent decision, extractive answers): litellm never loads.
# int8-documents lets its document graph go DOCUMENT_IDLE_SECONDS after the last batch: measured before and after.
MEMORY_CASES = {"default": ("onnx", "int8-documents", None, 3),
                "default_idle": ("onnx", "int8-documents", None, DOCUMENT_IDLE_SECONDS + 5),
                "default_fp32": ("onnx", "fp32", None, 3), "model_fp32": ("onnx", "fp32", 1, 3),
                "model_int8": ("onnx", "int8", 1, 3), "model_torch": ("torch", "fp32", 1, 3)}


@pytest.mark.parametrize("case", list(MEMORY_CASES))
def test_worker_memory_at_rest(case, worker, container, gateway, llm, n8n, database_url, redis_url, tmp_path):
    runtime, variant, model_calls, rest = MEMORY_CASES[case]
    user = _shop(container, llm, model_calls)
    print(f"{'without a model' if model_calls is None else 'with a model'} (load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}):", end=" ")
    _pool_rss(container.settings, runtime, variant, user, container, gateway, n8n, database_url, redis_url, tmp_path,
              rest)
