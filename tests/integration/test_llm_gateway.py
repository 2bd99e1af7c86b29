"""Model calls through the model gateway, as `salesboy up` runs them: a real `workers llm-gateway` process and a
real worker pointed at it (LLM_GATEWAY_SOCKET), against the local OpenAI-compatible fake server.

The worker's broker is a Redis database of its own, so the session's other worker never takes these jobs."""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from celery import Celery

from pipelines.egress import parse_allowlist
from schemas.jobs import ProvisionTenant
from schemas.messages import InboundMessage, ModelSpec
from services.adapters.egress import EgressPolicy
from services.adapters.llm import AllModelsFailedError, LiteLLMChat
from services.adapters.llm_gateway import GATEWAY_DOWN
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.usecases import provider_keys
from services.usecases.inbound import accept
from services.usecases.message_views import message_trace
from tests.conftest import (
    LLM_KEY,
    SERVER_ONLY_ENV,
    LLMGatewayProcess,
    WorkerProcess,
    create_user,
    make_settings,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.gateway_server import chat_completion
from tests.integration.messaging import _configure

REPLY = "Yes, we deliver to Accra in 3 days."
FINAL = ("answered", "ignored", "handed_off", "failed")


@pytest.fixture(scope="module")
def stack(database_url, redis_url, gateway, n8n, llm, shared_data_dir):
    broker = redis_url.rsplit("/", 1)[0] + "/9"
    work_dir = Path(tempfile.mkdtemp(prefix="salesboy-test-gateway-"))
    shared = worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0], llm.base_url)
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=broker, **shared)
    # The test's side: the conftest `settings`, on this broker (that fixture is per test).
    values = {k: v for k, v in shared.items() if k != "TEST_LLM_KEY" and k not in SERVER_ONLY_ENV}
    values["OPERATOR_MODELS"] = json.loads(values["OPERATOR_MODELS"])
    settings = make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=broker, **values)
    model_gateway = LLMGatewayProcess(env, work_dir / "llm-gateway.log")
    worker = WorkerProcess({**env, **model_gateway.env}, work_dir, "maintenance,inbound,intent,rag,outbound,ingest",
                           work_dir / "worker.log")
    producer = bootstrap(settings, database_url=database_url, redis_url=broker)
    probe = Celery(broker=broker, set_as_current=False)
    try:
        wait_for(lambda: worker.process.poll() is not None or probe.control.ping(timeout=0.5), timeout=120,
                 message="the worker")
        assert worker.process.poll() is None, worker.log_text()
        yield producer, model_gateway, worker
    finally:
        probe.close()
        worker.stop()
        model_gateway.stop()
        producer.close()


@pytest.fixture
def shop(stack, llm):
    producer, _, _ = stack
    user = create_user(producer)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=producer.tenant_uow)
    doc = producer.kb.upload(user, "faq.md", f"# Delivery\nWe deliver to Accra in 3 days. {uuid.uuid4()}".encode())
    wait_for(lambda: producer.kb.get_document(user, doc.id)[0].status == "ready", timeout=120,
             message="the document to be ingested")
    provider_keys.save(producer.tenant_data, user, LLM_KEY, via="test")
    _configure(producer, user, debounce_seconds=0, model_calls=1,
               models=[{"model": "openai/own", "api_base": llm.base_url}])
    llm.reset()
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], json.dumps(
        {"intent": "Response", "confidence": 0.9, "task_type": None, "payload": {}, "raw_analysis": "a question",
         "reply": REPLY})))
    yield user
    llm.reset()


def _handled(producer, user) -> dict:
    message = InboundMessage(tenant=user, provider_message_id=f"wamid.{uuid.uuid4().hex}",
                             chat_id=f"23480{uuid.uuid4().int % 10**8:08d}@c.us", sender_phone="+2348012345678",
                             text="Do you deliver to Accra?", timestamp=datetime.now(UTC))
    inbox_id, _ = accept(producer, message)
    return wait_for(lambda: (t := message_trace(producer.tenant_data, user, inbox_id))["status"] in FINAL and t,
                    timeout=60, message="the message to be handled")


def test_a_model_answers_through_the_gateway_with_the_businesss_own_key(stack, shop, llm, gateway):
    producer, _, _ = stack
    trace = _handled(producer, shop)
    assert trace["stages"]["respond"]["model"] == "openai/own", trace["stages"]
    assert trace["stages"]["respond"]["fallbacks"] == []
    assert [r["text"] for r in trace["replies"]] == [REPLY]
    (call,) = [r for r in llm.requests if r.path == "/v1/chat/completions"]
    assert call.headers["Authorization"] == f"Bearer {LLM_KEY}"  # read by the worker, used by the gateway


def test_a_failing_providers_own_error_reaches_the_trace_unchanged(stack, shop, llm):
    producer, _, _ = stack
    llm.fail_next(500, times=10)
    trace = _handled(producer, shop)
    (attempt,) = trace["stages"]["respond"]["fallbacks"]
    assert "injected failure 500" in attempt["error"], attempt
    # Exactly what the same failure records when the model is called in-process.
    llm.fail_next(500, times=10)
    in_process = LiteLLMChat(operator_models=[], egress=EgressPolicy(parse_allowlist("127.0.0.1/32"), https_only=False),
                             own_key=lambda _user: LLM_KEY, timeout=5, retries=0)
    with pytest.raises(AllModelsFailedError) as failed:
        in_process.complete([ModelSpec(model="openai/own", api_base=llm.base_url)], [{"role": "user", "content": "hi"}],
                            tenant=shop, temperature=0, max_tokens=20, json_mode=True)
    assert failed.value.attempts == [attempt]


def test_a_gateway_that_is_down_is_recorded_in_the_trace(stack, shop, llm):
    # Last in this module: the gateway stays stopped.
    producer, model_gateway, _ = stack
    model_gateway.stop()
    trace = _handled(producer, shop)
    assert trace["stages"]["respond"]["fallbacks"] == [
        {"model": "openai/own", "error": GATEWAY_DOWN.format(reason="FileNotFoundError")}]
    assert not [r for r in llm.requests if r.path == "/v1/chat/completions"]
