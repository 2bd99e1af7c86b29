"""Message pipeline: accept -> handed to the transport, against a raw Celery chain of as many hops,
then a sustained load with no message lost and none sent twice.

Latency: one message at a time through the session's solo worker, each followed by the
same 4-hop raw chain three times (solo worker too, see raw_chain.py): doing the
pipeline's external work through the same client libraries (the target's baseline),
doing it with the LLM requests as raw HTTP posts, and with empty hops.

Sustained load: the deployment's shape, workers as `salesboy up` runs them (prefork,
WORKER_CONCURRENCY processes, every queue but `sessions`), started by the benchmark on
a Redis database of their own so the session's solo worker takes no part.
"""

from __future__ import annotations

import base64
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime

import redis as redis_lib
from celery import Celery
from psycopg.types.json import Jsonb

from schemas.jobs import ProvisionTenant
from schemas.messages import InboundMessage
from schemas.queues import QUEUES
from services.adapters.embeddings import default_model_path
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.usecases import provider_keys
from services.usecases.inbound import accept
from tests.bench import raw_chain
from tests.conftest import (
    GATEWAY_SECRET,
    LLM_KEY,
    REPO_ROOT,
    create_user,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.gateway_server import chat_completion

SAMPLES = 100
RATE = 50  # messages per second
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
QUESTION = "Do you deliver to Accra?"
REPLY = "Yes, we deliver to Accra in 3 days."
CLASSIFY_PROMPT = "Classify the customer's last message"


def _shop(container, llm):
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    doc = container.kb.upload(user, "faq.md", f"# Delivery\nWe deliver to Accra in 3 days. {uuid.uuid4()}".encode())
    wait_for(lambda: container.kb.get_document(user, doc.id)[0].status == "ready", timeout=120)

    def instant(body):
        if CLASSIFY_PROMPT in body["messages"][0]["content"]:
            return 200, chat_completion(body["model"], '{"intent": "Response", "confidence": 0.9}')
        return 200, chat_completion(body["model"], REPLY)

    llm.routes[("POST", "/v1/chat/completions")] = instant
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="bench")
    with container.tenant_uow(user) as uow:
        # Two calls, as this bench measures: classification and answer (the default is one, docs/answers.md).
        uow.conn.execute("update public.bot_config set debounce_seconds = 0, model_calls = 2, models = %s "
                         "where user_id = %s", [
            Jsonb([{"model": "openai/instant", "api_base": llm.base_url}]), user])
    return user


def _message(user, n):
    return InboundMessage(tenant=user, provider_message_id=f"wamid.bench.{uuid.uuid4().hex}",
                          chat_id=f"23480{n:08d}@c.us", sender_phone=f"+23480{n:08d}",
                          text=QUESTION, timestamp=datetime.now(UTC))


def _pct(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def _raw_work(container, user, llm, gateway, database_url, tmp_path):
    """What the pipeline sent for one message, for the raw chain to send the same."""
    llm.reset()
    message = _message(user, 99_999_999)
    accept(container, message)
    wait_for(lambda: gateway.messages_to(message.chat_id), timeout=60, interval=0.01)
    chats = [r.json for r in llm.requests if r.path == "/v1/chat/completions"]
    assert len(chats) == 2, "the pipeline should have asked the model twice (classify, answer)"
    classify = next(b for b in chats if CLASSIFY_PROMPT in b["messages"][0]["content"])
    answer = next(b for b in chats if CLASSIFY_PROMPT not in b["messages"][0]["content"])
    work = {"database_url": database_url, "model_path": default_model_path(), "ef_search": 100, "k": 8,
            "user_id": str(user), "question": QUESTION, "llm_base_url": llm.base_url, "llm_key": LLM_KEY,
            "classify": classify, "answer": answer, "gateway_url": gateway.url,
            "gateway_secret": base64.b64encode(GATEWAY_SECRET).decode(), "chat_id": "raw-baseline@c.us"}
    path = tmp_path / "raw-work.json"
    path.write_text(json.dumps(work))
    return path


def _latency(container, user, llm, gateway, database_url, redis_url, tmp_path):
    raw_broker = redis_url.rsplit("/", 1)[0] + "/14"
    work_path = _raw_work(container, user, llm, gateway, database_url, tmp_path)
    raw_worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.bench.raw_chain", "worker", "--pool", "solo", "-Q", "raw_chain",
         "--loglevel", "WARNING"],
        env={**os.environ, "RAW_CHAIN_BROKER": raw_broker, "RAW_CHAIN_WORK": str(work_path)},
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        raw_chain.app.conf.broker_url = raw_broker
        raw_client = redis_lib.Redis.from_url(raw_broker)
        wait_for(lambda: raw_chain.app.control.ping(timeout=0.5), timeout=60, message="the raw chain worker")

        def raw(mode):
            key = f"raw:{uuid.uuid4().hex}"
            raw_chain.app.send_task("raw.hop", args=[0, time.time(), key, mode])
            return float(wait_for(lambda: raw_client.get(key), timeout=30, interval=0.001))

        pipeline, chains = [], {mode: [] for mode in raw_chain.MODES}
        for n in range(SAMPLES + 5):
            message = _message(user, n)
            started = time.time()
            accept(container, message)
            sent = wait_for(lambda m=message: gateway.messages_to(m.chat_id), timeout=30, interval=0.001)
            took = time.time() - started
            assert sent
            timed = {mode: raw(mode) for mode in raw_chain.MODES}
            if n >= 5:  # the first few warm caches up
                pipeline.append(took)
                for mode, seconds in timed.items():
                    chains[mode].append(seconds)
    finally:
        raw_worker.terminate()
        raw_worker.wait(20)
    p50, p99 = _pct(pipeline, 50), _pct(pipeline, 99)
    chain = f"raw {raw_chain.HOPS}-hop chain"
    rows = [("pipeline", p50, p99)] + [(label, _pct(chains[mode], 50), _pct(chains[mode], 99)) for mode, label in (
        ("library", f"{chain}, same work, same client libraries"),
        ("http", f"{chain}, same work, LLM requests as raw HTTP"),
        ("empty", f"{chain}, empty hops"))]
    print(f"\nlatency, accept -> handed to the transport ({SAMPLES} messages, one at a time, LLM answering "
          "at once, solo workers):")
    for label, q50, q99 in rows:
        print(f"  {label:52s} p50 {q50:6.1f} ms  p99 {q99:6.1f} ms")
    for (label, q50, q99), note in zip(rows[1:], ("target <= 1.5", "for reference", "for reference"), strict=True):
        print(f"  ratio to the {label[len(chain) + 2:]:41s} p50 {p50 / q50:.2f}  p99 {p99 / q99:.2f} ({note})")


def _production_workers(settings, database_url, broker_url, gateway, n8n, tmp_path):
    """Workers as `salesboy up` starts them: default pool and concurrency, every queue but sessions."""
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(settings.data_dir), DATABASE_URL=database_url,
                         REDIS_URL=broker_url, **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0]))
    log = (tmp_path / "prefork-worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "workers", "worker", "--queues", ",".join(q for q in QUEUES if q != "sessions"),
         "--name", f"bench-{uuid.uuid4().hex[:8]}@localhost"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    return process, log


def _sustained(container, user, gateway, n8n, database_url, redis_url, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/13"
    producer = bootstrap(container.settings, database_url=database_url, redis_url=broker)
    process, log = _production_workers(container.settings, database_url, broker, gateway, n8n, tmp_path)
    probe = Celery(broker=broker, set_as_current=False)
    try:
        wait_for(lambda: process.poll() is not None or probe.control.ping(timeout=0.5), timeout=90,
                 message="the prefork worker")
        assert process.poll() is None, (tmp_path / "prefork-worker.log").read_text()
        stats = probe.control.inspect(timeout=2).stats() or {}
        pool = next(iter(stats.values()), {}).get("pool", {})
        # Warm every pool process up (model, connections) before the clock starts.
        warm = [_message(user, 20_000_000 + n) for n in range(8)]
        for message in warm:
            accept(producer, message)
        wait_for(lambda: all(gateway.messages_to(m.chat_id) for m in warm), timeout=120, interval=0.05,
                 message="the warm-up messages")

        sent_before = len(gateway.sent)
        repeats_before = gateway.repeats
        chats = []
        started = time.monotonic()
        for n in range(RATE * SECONDS):
            due = started + n / RATE
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            message = _message(user, 10_000 + n)
            accept(producer, message)
            chats.append(message.chat_id)
        offered = time.monotonic() - started
        wanted = set(chats)
        wait_for(lambda: len({m["chat_id"] for m in gateway.sent[sent_before:]} & wanted) == len(wanted),
                 timeout=1800, interval=0.5, message="every message to be answered")
        drained = time.monotonic() - started
    finally:
        probe.close()
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        producer.close()
    replies = [m for m in gateway.sent[sent_before:] if m["chat_id"] in wanted]
    per_chat = dict.fromkeys(wanted, 0)
    for m in replies:
        per_chat[m["chat_id"]] += 1
    lost = sum(1 for count in per_chat.values() if count == 0)
    duplicates = sum(count - 1 for count in per_chat.values() if count > 1) + (gateway.repeats - repeats_before)
    print(f"sustained ({pool.get('implementation', 'prefork').rsplit(':', 1)[-1]} pool, "
          f"{pool.get('max-concurrency', '?')} processes): {len(chats)} messages offered at "
          f"{len(chats) / offered:.1f}/s over {offered:.0f} s; all answered after {drained:.0f} s "
          f"({len(chats) / drained:.1f}/s end to end); lost {lost}, duplicate sends {duplicates}")


def test_latency_against_a_raw_chain_and_sustained_load(worker, container, gateway, llm, n8n, database_url,
                                                         owner_database_url, redis_url, tmp_path):
    user = _shop(container, llm)
    # The raw chain reads kb_chunks directly, with no tenant transaction around it: as the owner role (the
    # runtime role may only read it under RLS, as the product does).
    _latency(container, user, llm, gateway, owner_database_url, redis_url, tmp_path)
    _sustained(container, user, gateway, n8n, database_url, redis_url, tmp_path)
