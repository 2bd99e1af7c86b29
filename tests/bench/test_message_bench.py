"""Message pipeline: accept -> handed to the transport, against a raw Celery chain of as many hops,
then a sustained load with no message lost and none sent twice."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime

import redis as redis_lib
from psycopg.types.json import Jsonb

from schemas.jobs import ProvisionTenant
from schemas.messages import InboundMessage
from services import kb
from services.handlers.tenant import provision_tenant
from services.inbound import accept
from tests.conftest import create_user, wait_for
from tests.fakes.gateway_server import chat_completion

SAMPLES = 100
RATE = 50  # messages per second
SECONDS = int(__import__("os").environ.get("BENCH_SECONDS", "60"))


def _shop(container, llm):
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    doc = kb.upload(container, user, "faq.md", f"# Delivery\nWe deliver to Accra in 3 days. {uuid.uuid4()}".encode())
    wait_for(lambda: kb.get_document(container, user, doc.id)[0].status == "ready", timeout=120)

    def instant(body):
        if "Classify the customer's last message" in body["messages"][0]["content"]:
            return 200, chat_completion(body["model"], '{"intent": "Response", "confidence": 0.9}')
        return 200, chat_completion(body["model"], "Yes, we deliver to Accra in 3 days.")

    llm.routes[("POST", "/v1/chat/completions")] = instant
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.bot_config set debounce_seconds = 0, models = %s where user_id = %s", [
            Jsonb([{"model": "openai/instant", "api_base": llm.base_url, "api_key_env": "TEST_LLM_KEY"}]), user])
    return user


def _message(user, n):
    return InboundMessage(tenant=user, provider_message_id=f"wamid.bench.{uuid.uuid4().hex}",
                          chat_id=f"23480{n:08d}@c.us", sender_phone=f"+23480{n:08d}",
                          text="Do you deliver to Accra?", timestamp=datetime.now(UTC))


def _pct(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def test_latency_against_a_raw_chain_and_sustained_load(worker, container, gateway, llm, redis_url, tmp_path):
    user = _shop(container, llm)
    raw_broker = redis_url.rsplit("/", 1)[0] + "/14"
    raw_worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.bench.raw_chain", "worker", "--pool", "solo", "-Q", "raw_chain",
         "--loglevel", "WARNING"], env={**__import__("os").environ, "RAW_CHAIN_BROKER": raw_broker},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from tests.bench import raw_chain

        raw_chain.app.conf.broker_url = raw_broker
        raw_client = redis_lib.Redis.from_url(raw_broker)
        wait_for(lambda: raw_chain.app.control.ping(timeout=0.5), timeout=30, message="the raw chain worker")

        pipeline, raw = [], []
        for n in range(SAMPLES + 5):
            message = _message(user, n)
            started = time.time()
            accept(container, message)
            sent = wait_for(lambda m=message: gateway.messages_to(m.chat_id), timeout=30, interval=0.001)
            took = time.time() - started
            key = f"raw:{uuid.uuid4().hex}"
            raw_chain.app.send_task("raw.hop", args=[0, time.time(), key])
            value = wait_for(lambda k=key: raw_client.get(k), timeout=30, interval=0.001)
            if n >= 5:
                pipeline.append(took)
                raw.append(float(value))
            assert sent
        print(f"\nlatency, accept -> handed to the transport ({SAMPLES} messages, one at a time, LLM answering "
              f"at once):\n  pipeline p50 {_pct(pipeline, 50):.1f} ms  p99 {_pct(pipeline, 99):.1f} ms\n"
              f"  raw {raw_chain.HOPS}-hop Celery chain p50 {_pct(raw, 50):.1f} ms  p99 {_pct(raw, 99):.1f} ms\n"
              f"  ratio p50 {_pct(pipeline, 50) / _pct(raw, 50):.2f}  p99 {_pct(pipeline, 99) / _pct(raw, 99):.2f}"
              " (target <= 1.5)")
    finally:
        raw_worker.terminate()
        raw_worker.wait(20)

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
        accept(container, message)
        chats.append(message.chat_id)
    offered = time.monotonic() - started
    wanted = set(chats)
    wait_for(lambda: len({m["chat_id"] for m in gateway.sent[sent_before:]} & wanted) == len(wanted),
             timeout=1800, interval=0.5, message="every message to be answered")
    drained = time.monotonic() - started
    replies = [m for m in gateway.sent[sent_before:] if m["chat_id"] in wanted]
    per_chat = dict.fromkeys(wanted, 0)
    for m in replies:
        per_chat[m["chat_id"]] += 1
    lost = sum(1 for count in per_chat.values() if count == 0)
    duplicates = sum(count - 1 for count in per_chat.values() if count > 1) + (gateway.repeats - repeats_before)
    print(f"sustained: {len(chats)} messages offered at {len(chats) / offered:.1f}/s over {offered:.0f} s; "
          f"all answered after {drained:.0f} s ({len(chats) / drained:.1f}/s end to end); "
          f"lost {lost}, duplicate sends {duplicates}")
