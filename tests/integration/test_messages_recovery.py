"""Crashes and lost queues: every message still gets exactly one reply."""

from __future__ import annotations

import json
import os
import signal
import time
import uuid
from datetime import UTC, datetime

import pytest
from psycopg.types.json import Jsonb

from api import create_app
from schemas.jobs import ProvisionTenant, SweepStuck
from schemas.settings import DEV_WEBHOOK_SECRETS
from services.adapters.signing import secret_key, signed_headers
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.runtime.embedded import EmbeddedRedis, free_port
from services.usecases import provider_keys
from tests.conftest import (
    LLM_KEY,
    WorkerProcess,
    create_user,
    make_settings,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.gateway_server import chat_completion

pytestmark = pytest.mark.slow
KEY = secret_key(DEV_WEBHOOK_SECRETS)


@pytest.fixture
def own_stack(tmp_path, database_url, shared_data_dir, gateway, worker):
    """A Redis and workers of this test's own, so it can flush and kill freely."""
    redis_server = EmbeddedRedis(tmp_path / "redis", port=free_port()).start()
    values = {**worker_settings_env(gateway.url), "TASK_TIME_LIMIT_SECONDS": "8",
              "BROKER_VISIBILITY_TIMEOUT_SECONDS": "10", "MESSAGE_STUCK_AFTER_SECONDS": "1"}
    settings = make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=redis_server.url,
                             **{k: v for k, v in values.items() if k != "TEST_LLM_KEY"})
    container = bootstrap(settings, database_url=database_url, redis_url=redis_server.url)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_server.url, **values)
    workers: list[WorkerProcess] = []

    def start_worker(name: str) -> WorkerProcess:
        proc = WorkerProcess(env, tmp_path, "inbound,intent,rag,outbound,ingest", tmp_path / f"{name}.log")
        workers.append(proc)
        return proc

    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    yield container, create_app(settings, container).test_client(), start_worker, user, redis_server
    for proc in workers:
        proc.stop()
    container.close()
    redis_server.stop()


def _send(client, user, text, phone):
    payload = {"tenant": str(user), "provider_message_id": f"wamid.{uuid.uuid4().hex}",
               "chat_id": f"{phone.lstrip('+')}@c.us", "sender_phone": phone, "text": text,
               "timestamp": datetime.now(UTC).isoformat()}
    raw = json.dumps(payload).encode()
    headers = {**signed_headers(KEY, f"msg_{uuid.uuid4().hex}", raw), "content-type": "application/json"}
    response = client.post("/api/webhook/whatsapp", data=raw, headers=headers)
    assert response.status_code == 200, response.get_json()
    return payload["chat_id"], response.get_json()["inbox_id"]


def _status(container, user, inbox_id):
    with container.tenant_uow(user) as uow:
        return uow.inbox.inbound(uuid.UUID(inbox_id)).status


def test_a_flushed_redis_loses_nothing(own_stack, gateway):
    container, client, start_worker, user, _ = own_stack
    chats = [_send(client, user, f"Hello, are you open today? ({i})", f"+23480100{i:05d}") for i in range(5)]
    redis_server_client = container.redis
    redis_server_client.flushall()  # every queued job is gone; the rows are not
    start_worker("after-flush")
    time.sleep(1.5)
    assert all(_status(container, user, inbox) == "received" for _, inbox in chats)
    container.handle(SweepStuck())  # what beat runs every SWEEP_INTERVAL_SECONDS
    for chat_id, inbox in chats:
        wait_for(lambda c=chat_id: gateway.messages_to(c), timeout=90, message=f"a reply in {chat_id}")
        assert _status(container, user, inbox) == "answered"
    assert all(len(gateway.messages_to(chat_id)) == 1 for chat_id, _ in chats)


def test_a_worker_killed_mid_stage_still_gives_exactly_one_reply(own_stack, gateway, llm):
    container, client, start_worker, user, _ = own_stack
    document = container.kb.upload(user, "hours.md", f"# Hours\nWe open at 8am every day. {uuid.uuid4()}".encode())
    first = start_worker("first")
    wait_for(lambda: container.kb.get_document(user, document.id)[0].status == "ready", timeout=120,
             message="the knowledge base to be ready")
    calls = []

    def slow_answer(body):
        calls.append(body["model"])
        if "Classify the customer's last message" in body["messages"][0]["content"]:
            return 200, chat_completion(body["model"], json.dumps({"intent": "Response", "confidence": 0.9}))
        time.sleep(2.0)  # long enough to be killed in the middle of rag.respond
        return 200, chat_completion(body["model"], "We open at 8am every day.")

    llm.routes[("POST", "/v1/chat/completions")] = slow_answer
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="test")
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.bot_config set models = %s, model_calls = 2 where user_id = %s", [Jsonb(
            [{"model": "openai/slow", "api_base": llm.base_url}]), user])
    chat_id, inbox = _send(client, user, "When do you open?", "+2348023232323")
    wait_for(lambda: _status(container, user, inbox) == "classified" and len(calls) >= 2, timeout=60,
             interval=0.01, message="rag.respond to be under way")
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait()
    assert gateway.messages_to(chat_id) == []
    start_worker("second")
    (reply,) = wait_for(lambda: gateway.messages_to(chat_id), timeout=90, message="the reply after the restart")
    assert reply["text"] == "We open at 8am every day."
    time.sleep(1)
    assert len(gateway.messages_to(chat_id)) == 1
    assert _status(container, user, inbox) == "answered"
