"""Message pipeline: accept -> handed to the transport, against its floor, then a sustained load with no
message lost and none sent twice. One test per shop mode, each runnable alone (`-k llm_free`):

- `llm_free`: the product default, no model configured (embedding intent classifier, extractive
  answers). Floor: one raw query encode with the same ONNX embedder the workers run plus one raw
  pgvector query on the same table, timed in this process between the messages.
- `one_call`: a model answering at once (local OpenAI-compatible server), one call a message (the
  default `model_calls`): the verdict comes with the answer.
- `two_calls`: the same with `model_calls = 2` (classify, then answer), for reference.

With a model, each message is followed by the same 4-hop raw Celery chain three times (solo worker,
see raw_chain.py): doing the pipeline's external work through the same client libraries, doing it
with the LLM requests as raw HTTP posts (the target's baseline), and with empty hops. Every message
has a text of its own, so no stage finds its query vector cached from an earlier message.

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

import numpy as np
import psutil
import psycopg
import pytest
import redis as redis_lib
from celery import Celery
from pgvector.psycopg import register_vector
from psycopg.types.json import Jsonb

from schemas.jobs import ProvisionTenant
from schemas.messages import InboundMessage
from schemas.queues import QUEUES
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.usecases import provider_keys
from services.usecases.inbound import accept
from tests.bench import raw_chain
from tests.conftest import (
    GATEWAY_SECRET,
    LLM_KEY,
    REPO_ROOT,
    LLMGatewayProcess,
    create_user,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.gateway_server import chat_completion

SAMPLES = int(os.environ.get("BENCH_SAMPLES", "100"))  # latency: messages sent one at a time
RATE = 50  # messages per second
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))  # sustained load; 0: latency only
QUESTION = "Do you deliver to Accra?"
REPLY = "Yes, we deliver to Accra in 3 days."
CLASSIFY_PROMPT = "Classify the customer's last message"
WITH_REPLY = "and write the reply"  # the one-call request: verdict and reply in one JSON object
MODES = {"llm_free": None, "one_call": 1, "two_calls": 2}  # mode -> bot_config.model_calls (None: no model)


def _shop(container, llm, model_calls):
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    doc = container.kb.upload(user, "faq.md", f"# Delivery\nWe deliver to Accra in 3 days. {uuid.uuid4()}".encode())
    wait_for(lambda: container.kb.get_document(user, doc.id)[0].status == "ready", timeout=120)
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.bot_config set debounce_seconds = 0 where user_id = %s", [user])
    if model_calls is None:
        return user

    def instant(body):
        system = body["messages"][0]["content"]
        if WITH_REPLY in system:
            return 200, chat_completion(body["model"], json.dumps(
                {"intent": "Response", "confidence": 0.9, "task_type": None, "payload": {},
                 "raw_analysis": "a question", "reply": REPLY}))
        if CLASSIFY_PROMPT in system:
            return 200, chat_completion(body["model"], '{"intent": "Response", "confidence": 0.9}')
        return 200, chat_completion(body["model"], REPLY)

    llm.routes[("POST", "/v1/chat/completions")] = instant
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="bench")
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.bot_config set model_calls = %s, models = %s where user_id = %s", [
            model_calls, Jsonb([{"model": "openai/instant", "api_base": llm.base_url}]), user])
    return user


def _message(user, n):
    # The chat names the shop too: the gateway records every shop's replies, and each mode has a shop of its own.
    return InboundMessage(tenant=user, provider_message_id=f"wamid.bench.{uuid.uuid4().hex}",
                          chat_id=f"23480{n:08d}-{user.hex[:8]}@c.us", sender_phone=f"+23480{n:08d}",
                          text=_question(n), timestamp=datetime.now(UTC))


def _question(n):
    # A text of its own per message: the stages share a message's query vector (services/adapters/query_vectors.py),
    # and a question asked before would find it cached.
    return f"{QUESTION} Order {n}."


def _pct(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def _raw_work(container, user, llm, gateway, database_url, tmp_path, model_calls):
    """What the pipeline sent for one message, for the raw chain to send the same."""
    llm.reset()
    message = _message(user, 99_999_999)
    accept(container, message)
    wait_for(lambda: gateway.messages_to(message.chat_id), timeout=60, interval=0.01)
    chats = [r.json for r in llm.requests if r.path == "/v1/chat/completions"]
    if len(chats) != (model_calls or 0):
        with psycopg.connect(database_url) as conn:
            trace = conn.execute("select trace from public.inbox where provider_message_id = %s",
                                 [message.provider_message_id]).fetchone()
        raise AssertionError(f"the pipeline should have asked the model {model_calls} time(s), not {len(chats)}: "
                             f"{trace}")
    if model_calls is None:
        classify = answer = None
    elif model_calls == 1:
        classify, answer = None, chats[0]
    else:
        classify = next(b for b in chats if CLASSIFY_PROMPT in b["messages"][0]["content"])
        answer = next(b for b in chats if CLASSIFY_PROMPT not in b["messages"][0]["content"])
    work = {"database_url": database_url, "embedding_cache_dir": os.environ["EMBEDDING_CACHE_DIR"],
            "ef_search": 100, "k": 8, "user_id": str(user), "question": message.text,
            "llm_base_url": llm.base_url, "llm_key": LLM_KEY,
            "classify": classify, "answer": answer, "gateway_url": gateway.url,
            "gateway_secret": base64.b64encode(GATEWAY_SECRET).decode(), "chat_id": "raw-baseline@c.us"}
    path = tmp_path / "raw-work.json"
    path.write_text(json.dumps(work))
    return path


class _Floor:
    """One raw query encode with the workers' own ONNX embedder and one raw pgvector query on the same table:
    what the LLM-free pipeline cannot do without. Timed in this process, between the messages."""

    def __init__(self, container, user, owner_database_url):
        self._embedder = container.embedder  # the adapter itself, not the stages' shared-vector cache
        self._user = user
        self._conn = psycopg.connect(owner_database_url, autocommit=True)
        register_vector(self._conn)
        self._conn.execute("set hnsw.iterative_scan = relaxed_order")
        self._conn.execute("set hnsw.ef_search = 100")

    def __call__(self, text):
        started = time.perf_counter()
        vector = np.asarray(self._embedder.embed([text])[0], dtype=np.float32)
        rows = self._conn.execute(
            "select id, content from (select id, content, embedding <=> %s as d from public.kb_chunks "
            "where user_id = %s order by embedding <=> %s limit 8) t order by d",
            [vector, self._user, vector]).fetchall()
        assert rows, "the raw vector search found nothing"
        return time.perf_counter() - started

    def close(self):
        self._conn.close()


def _raw_chain_worker(work_path, raw_broker):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.bench.raw_chain", "worker", "--pool", "solo", "-Q", "raw_chain",
         "--loglevel", "WARNING"],
        env={**os.environ, "RAW_CHAIN_BROKER": raw_broker, "RAW_CHAIN_WORK": str(work_path)},
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _latency(container, user, llm, gateway, owner_database_url, redis_url, tmp_path, model_calls):
    """p50/p99 of the pipeline and of its baselines, interleaved message by message; the ratios."""
    raw_broker = redis_url.rsplit("/", 1)[0] + "/14"
    floor = _Floor(container, user, owner_database_url) if model_calls is None else None
    modes = ("empty",) if model_calls is None else raw_chain.MODES
    work_path = _raw_work(container, user, llm, gateway, owner_database_url, tmp_path, model_calls)
    raw_worker = _raw_chain_worker(work_path, raw_broker)
    try:
        raw_chain.app.conf.broker_url = raw_broker
        raw_client = redis_lib.Redis.from_url(raw_broker)
        wait_for(lambda: raw_chain.app.control.ping(timeout=0.5), timeout=60, message="the raw chain worker")

        def raw(mode):
            key = f"raw:{uuid.uuid4().hex}"
            raw_chain.app.send_task("raw.hop", args=[0, time.time(), key, mode])
            return float(wait_for(lambda: raw_client.get(key), timeout=30, interval=0.001))

        pipeline, chains, floors, accepts = [], {mode: [] for mode in modes}, [], []
        for n in range(SAMPLES + 5):
            message = _message(user, n)
            started = time.time()
            accept(container, message)
            accepted = time.time() - started
            sent = wait_for(lambda m=message: gateway.messages_to(m.chat_id), timeout=30, interval=0.001)
            took = time.time() - started
            assert sent
            timed = {mode: raw(mode) for mode in modes}
            floor_took = floor(_question(1_000_000 + n)) if floor is not None else None
            if n >= 5:  # the first few warm caches up
                pipeline.append(took)
                accepts.append(accepted)
                for mode, seconds in timed.items():
                    chains[mode].append(seconds)
                if floor_took is not None:
                    floors.append(floor_took)
    finally:
        raw_worker.terminate()
        raw_worker.wait(20)
        if floor is not None:
            floor.close()
    p50, p99 = _pct(pipeline, 50), _pct(pipeline, 99)
    chain = f"raw {raw_chain.HOPS}-hop chain"
    labels = {"library": (f"{chain}, same work, same client libraries", "for reference: litellm's own cost"),
              "http": (f"{chain}, same work, LLM requests as raw HTTP", "target p50 <= 1.5, p99 <= 2"),
              "empty": (f"{chain}, empty hops", "for reference: Celery's own cost")}
    rows = [("pipeline", p50, p99, "")]
    if floors:
        rows.append(("floor: raw ONNX query encode + raw pgvector query", _pct(floors, 50), _pct(floors, 99),
                     "target p50 <= 3"))
    rows += [(*labels[mode][:1], _pct(chains[mode], 50), _pct(chains[mode], 99), labels[mode][1]) for mode in modes]
    what = "no model" if model_calls is None else f"{model_calls} model call(s) a message, LLM answering at once"
    print(f"\nlatency, accept -> handed to the transport ({SAMPLES} messages one at a time, {what}, solo workers; "
          f"load average {_load()}):")
    for label, q50, q99, _note in rows:
        print(f"  {label:52s} p50 {q50:6.1f} ms  p99 {q99:6.1f} ms")
    # The accept path's share: seal, insert and commit the inbox row, enqueue the first job (the HTTP layer not
    # counted; `accept` is what the signed ingress endpoint calls).
    print(f"  {'of it, accept (seal, insert, commit, enqueue)':52s} p50 {_pct(accepts, 50):6.1f} ms  "
          f"p99 {_pct(accepts, 99):6.1f} ms  ({_pct(accepts, 50) / p50:.0%} of the pipeline's p50)")
    for label, q50, q99, note in rows[1:]:
        print(f"  ratio to {label[:48]:48s} p50 {p50 / q50:5.2f}  p99 {p99 / q99:5.2f} ({note})")


def _load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _production_workers(settings, database_url, broker_url, gateway, n8n, tmp_path):
    """Workers as `salesboy up` starts them: default pool and concurrency, every queue but sessions."""
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(settings.data_dir), DATABASE_URL=database_url,
                         REDIS_URL=broker_url, **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0]))
    # Another worker shape to compare with the default: BENCH_WORKER_ENV='{"WORKER_CONCURRENCY": "3"}'.
    env.update(json.loads(os.environ.get("BENCH_WORKER_ENV", "{}")))
    # The model gateway first, as `salesboy up` starts it: the pool processes call the models through it.
    # BENCH_LLM_GATEWAY=0: the shape before it (it is still started, for the CPU meter, but not used).
    model_gateway = LLMGatewayProcess(env, tmp_path / "llm-gateway.log")
    if os.environ.get("BENCH_LLM_GATEWAY", "1") != "0":
        env.update(model_gateway.env)
    log = (tmp_path / "prefork-worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "workers", "worker", "--queues", ",".join(q for q in QUEUES if q != "sessions"),
         "--name", f"bench-{uuid.uuid4().hex[:8]}@localhost"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    return process, log, model_gateway


class _CpuMeter:
    """CPU seconds spent between two readings by the workers (every process of the tree), the model gateway,
    Postgres (the server and its backends), the Redis server, and this process alone (accepting the messages,
    the fake gateway and LLM server)."""

    def __init__(self, worker_pid, llm_gateway_pid, pgdata, redis_pid):
        self._groups = {
            "workers": (psutil.Process(worker_pid), True),
            "model gateway": (psutil.Process(llm_gateway_pid), False),
            "postgres": (next(p for p in psutil.process_iter(["cmdline"])
                              if str(pgdata) in " ".join(p.info["cmdline"] or [])), True),
            "redis": (psutil.Process(redis_pid), False),
            "bench process": (psutil.Process(), False),
        }

    def read(self):
        totals = {}
        for name, (process, tree) in self._groups.items():
            total = 0.0
            for p in [process, *(process.children(recursive=True) if tree else [])]:
                try:
                    times = p.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                total += times.user + times.system
            totals[name] = total
        return totals


def _sustained(container, user, gateway, n8n, database_url, redis_url, tmp_path, pgdata, redis_pid):
    broker = redis_url.rsplit("/", 1)[0] + "/13"
    producer = bootstrap(container.settings, database_url=database_url, redis_url=broker)
    process, log, model_gateway = _production_workers(container.settings, database_url, broker, gateway, n8n,
                                                      tmp_path)
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
        meter = _CpuMeter(process.pid, model_gateway.process.pid, pgdata, redis_pid)
        cpu_before = meter.read()
        chats, offers, lags = [], [], []  # per message: its chat, when it was offered, how late against schedule
        accept_cpu = 0.0  # this thread's CPU in accept (the fake servers run on threads of their own)
        started = time.monotonic()
        for n in range(RATE * SECONDS):
            due = started + n / RATE
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            message = _message(user, 10_000 + n)
            before = time.thread_time()
            offered_at = time.monotonic()
            accept(producer, message)
            accept_cpu += time.thread_time() - before
            chats.append(message.chat_id)
            offers.append(offered_at)
            lags.append(offered_at - due)
        wanted = set(chats)
        wait_for(lambda: len({m["chat_id"] for m in gateway.sent[sent_before:]} & wanted) == len(wanted),
                 timeout=1800, interval=0.5, message="every message to be answered")
        drained = time.monotonic() - started
        cpu = {name: seconds - cpu_before[name] for name, seconds in meter.read().items()}
    finally:
        probe.close()
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        model_gateway.stop()
        producer.close()
    replies = [(m, at) for m, at in gateway.sent_since(sent_before) if m["chat_id"] in wanted]
    per_chat = dict.fromkeys(wanted, 0)
    answered = {}  # chat -> when its first reply reached the gateway
    for m, at in replies:
        per_chat[m["chat_id"]] += 1
        answered.setdefault(m["chat_id"], at)
    lost = sum(1 for count in per_chat.values() if count == 0)
    duplicates = sum(count - 1 for count in per_chat.values() if count > 1) + (gateway.repeats - repeats_before)
    print(f"sustained, load average {_load()} ({pool.get('implementation', 'prefork').rsplit(':', 1)[-1]} pool, "
          f"{pool.get('max-concurrency', '?')} processes): {len(chats)} messages offered; lost {lost}, "
          f"duplicate sends {duplicates}")
    _print_offering(offers, lags)
    if not lost:
        _print_drain(chats, offers, answered, drained)
    spent = ", ".join(f"{name} {seconds / len(chats) * 1000:.1f} ms" for name, seconds in cpu.items())
    print(f"  CPU a message: {spent} (the machine: {len(os.sched_getaffinity(0))} cores); of the bench process's, "
          f"accept {accept_cpu / len(chats) * 1000:.2f} ms")


def _print_offering(offers, lags):
    """Whether the offering loop kept its schedule: the rate between the first and the last offer, and how far
    behind its due time the latest offer started."""
    span = offers[-1] - offers[0]
    print(f"  offering: {len(offers) / span if span else float('inf'):.2f}/s ({len(offers)} over {span:.2f} s from "
          f"the first offer to the last, wanted {RATE}/s); behind schedule: worst {max(lags) * 1000:.1f} ms, "
          f"p99 {_pct(lags, 99):.1f} ms")


def _print_drain(chats, offers, answered, drained):
    """The drain, from the gateway's own arrival times (see tests/bench/README.md for the definitions)."""
    answers = [answered[chat] for chat in chats]  # in offer order
    latencies = [answer - offer for answer, offer in zip(answers, offers, strict=True)]
    window = max(answers) - min(answers)
    last_offer = offers[-1]
    backlog = max(answers) - last_offer
    waiting = sum(1 for answer in answers if answer > last_offer)
    print(f"  (a) completion window: {len(chats)} answered over {window:.2f} s from the first answer to the last "
          f"= {len(chats) / window:.1f}/s")
    print(f"  (b) last answer {backlog * 1000:.0f} ms after the last offer; accept -> answer, each message's own: "
          f"p50 {_pct(latencies, 50):.1f} ms, p99 {_pct(latencies, 99):.1f} ms, max {max(latencies) * 1000:.0f} ms")
    print(f"  (c) unanswered when the last message was offered: {waiting} (itself included)")
    print(f"  end to end (old figure: from the first offer until a 0.5 s poll found all answered, whole seconds): "
          f"all answered after {drained:.0f} s ({len(chats) / drained:.1f}/s)")


@pytest.mark.parametrize("mode", list(MODES))
def test_message_pipeline(mode, worker, container, gateway, llm, n8n, database_url, owner_database_url, redis_url,
                          tmp_path, pg_server, redis_server):
    model_calls = MODES[mode]
    user = _shop(container, llm, model_calls)
    # The raw baselines read kb_chunks directly, with no tenant transaction around them: as the owner role (the
    # runtime role may only read it under RLS, as the product does).
    _latency(container, user, llm, gateway, owner_database_url, redis_url, tmp_path, model_calls)
    if not SECONDS:  # BENCH_SECONDS=0: the latency figures alone
        return
    _sustained(container, user, gateway, n8n, database_url, redis_url, tmp_path, pg_server.pgdata,
               redis_server._process.pid)
