"""Model credentials and tenant URLs through the real worker: a business's endpoint never gets a server secret,
an internal one gets no connection at all, and the operator's key goes only to the operator's endpoint.

The worker's environment carries secrets a tenant must never see (DATABASE_URL with its password, the
operator's TEST_LLM_KEY, OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_CUSTOM_HEADERS...: see tests/conftest.py);
EGRESS_ALLOW there opens 127.0.0.1 only, so a listener on 127.0.0.2 stands for an internal service.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from pipelines.egress import REFUSED_MESSAGE, parse_allowlist
from schemas.jobs import DispatchTask
from schemas.messages import ModelSpec
from schemas.settings import DEV_ENCRYPTION_KEYS, DEV_N8N_SIGNING_SECRET, DEV_SECRET_KEY, OperatorModel
from services.adapters.egress import EgressPolicy, guarded_client
from services.adapters.llm import NO_OWN_KEY, UNREADABLE_OWN_KEY, AllModelsFailedError, LiteLLMChat
from services.core.crypto import DecryptionError, Keyring, seal_task_payload
from services.core.errors import PermanentError
from services.handlers import dispatch
from services.usecases import provider_keys
from services.usecases.tenant_data import TenantData
from tests.conftest import LLM_KEY, OPERATOR_MODEL, REPO_ROOT, SERVER_ONLY_ENV, create_user, wait_for
from tests.fakes.gateway_server import chat_completion
from tests.fakes.listener import RecordingListener, closed_port
from tests.integration.messaging import _configure, _final, _message, _post, _replies

ANSWER = "hello from the listener"


@pytest.fixture(autouse=True)
def fresh_llm(llm):
    """Failures queued here must not reach the next test's models."""
    yield
    llm.reset()


@pytest.fixture
def internal():
    server = RecordingListener("127.0.0.2")  # not allowed by the test settings
    yield server
    server.stop()


@pytest.fixture
def allowed():
    server = RecordingListener("127.0.0.1")  # inside EGRESS_ALLOW
    yield server
    server.stop()


def _server_secrets(database_url: str) -> list[str]:
    password = database_url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    return [
        LLM_KEY,
        database_url,
        password,
        DEV_SECRET_KEY,
        DEV_ENCRYPTION_KEYS.split(":", 1)[1],
        DEV_N8N_SIGNING_SECRET,
        *(value.split(": ")[-1] for value in SERVER_ONLY_ENV.values()),
    ]


def _answer_with_models(llm, fail_operator: bool = False):
    def chat(body):
        if "Classify the customer's last message" in body["messages"][0]["content"]:
            return 200, chat_completion(body["model"], json.dumps({"intent": "Response", "confidence": 0.9}))
        return 200, chat_completion(body["model"], "The operator's model answers.")

    llm.routes[("POST", "/v1/chat/completions")] = chat
    llm.reset()
    if fail_operator:
        llm.fail_next(500, times=10)


def test_an_internal_model_endpoint_gets_no_connection_and_the_business_sees_one_message(
    client, shop, gateway, internal, database_url
):
    user, headers = shop
    # Written straight to the table, as a name that resolved to a public address when saved and to
    # an internal one now would be: the check at connect time is the one that holds.
    _configure(
        client.application.extensions["salesboy"],
        user,
        model_calls=2,
        models=[{"model": "openai/x", "api_base": f"{internal.url}/v1"}],
    )
    payload = _message(user, "Do you deliver to Accra?", sender_phone="+2348061616161")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert "Accra" in reply["text"]  # answered from the documents instead
    trace = _final(client, headers, inbox_id)
    assert trace["stages"]["respond"]["fallbacks"] == [{"model": "openai/x", "error": REFUSED_MESSAGE}]
    assert internal.connections == 0


def test_a_business_endpoint_gets_no_server_secret_and_the_operator_key_stays_with_the_operator(
    client, shop, gateway, llm, allowed, database_url
):
    user, headers = shop
    _answer_with_models(llm, fail_operator=True)  # the operator's model fails: the business's is tried next
    _configure(
        client.application.extensions["salesboy"],
        user,
        model_calls=2,
        models=[{"model": f"operator/{OPERATOR_MODEL}"}, {"model": "openai/mine", "api_base": f"{allowed.url}/v1"}],
    )
    payload = _message(user, "Do you deliver to Accra?", sender_phone="+2348062626262")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert reply["text"] == ANSWER
    trace = _final(client, headers, inbox_id)
    assert trace["stages"]["respond"]["model"] == "openai/mine"
    assert trace["stages"]["respond"]["fallbacks"][0]["model"] == f"operator/{OPERATOR_MODEL}"
    operator_calls = [r for r in llm.requests if r.path == "/v1/chat/completions"]
    assert operator_calls and {r.headers["Authorization"] for r in operator_calls} == {f"Bearer {LLM_KEY}"}
    received = allowed.raw().decode(errors="replace")
    assert "authorization: bearer no-key" in received.lower()
    leaked = [secret for secret in _server_secrets(database_url) if secret in received]
    assert leaked == [], f"the business's endpoint received server secrets: {leaked}"
    assert "openai-organization" not in received.lower() and "x-server-header" not in received.lower()


def test_a_business_endpoint_gets_the_business_key_and_nothing_else(client, shop, gateway, llm, allowed, database_url):
    user, _ = shop
    container = client.application.extensions["salesboy"]
    own_key = "sk-own-" + uuid.uuid4().hex
    provider_keys.save(container.tenant_data, user, own_key, via="test")
    _configure(container, user, model_calls=2, models=[{"model": "openai/mine", "api_base": f"{allowed.url}/v1"}])
    payload = _message(user, "Do you deliver to Accra?", sender_phone="+2348063636363")
    _post(client, payload)
    (reply,) = _replies(gateway, payload["chat_id"])
    assert reply["text"] == ANSWER
    received = allowed.raw().decode(errors="replace")
    assert f"Bearer {own_key}" in received
    assert [s for s in _server_secrets(database_url) if s in received] == []


def test_an_operator_model_answers_with_the_operators_key(client, shop, gateway, llm):
    user, headers = shop
    _answer_with_models(llm)
    _configure(client.application.extensions["salesboy"], user, model_calls=2, models=[f"operator/{OPERATOR_MODEL}"])
    payload = _message(user, "Do you deliver to Accra?", sender_phone="+2348064646464")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert reply["text"] == "The operator's model answers."
    assert _final(client, headers, inbox_id)["stages"]["intent"]["method"] == f"llm:operator/{OPERATOR_MODEL}"
    assert {r.json["model"] for r in llm.requests if r.path == "/v1/chat/completions"} == {"house"}


def test_an_internal_n8n_url_gets_no_connection_and_the_task_fails_with_one_message(client, shop, gateway, internal):
    user, _ = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, n8n_urls={"send_email": f"{internal.url}/webhook/send_email"})
    payload = _message(user, "Please email me your price list at ada@example.com", sender_phone="+2348065656565")
    inbox_id = _post(client, payload).get_json()["inbox_id"]

    def failed_task():
        with container.tenant_uow(user) as uow:
            return uow.conn.execute(
                "select status, last_error from public.tasks where inbox_id = %s and status = 'failed'", [inbox_id]
            ).fetchone()

    _, error = wait_for(failed_task, timeout=60, message="the task to fail")
    assert error == f"the n8n URL for send_email was refused: {REFUSED_MESSAGE}"
    assert internal.connections == 0
    texts = [m["text"] for m in _replies(gateway, payload["chat_id"], count=2)]
    assert any("will follow up with you here" in t for t in texts)


def test_an_n8n_host_that_resolves_to_loopback_when_called_is_refused_the_same_for_open_and_closed_ports(
    container, internal
):
    user = create_user(container)
    # No allowlist here: `localhost` is refused on the address it resolves to when the task is sent.
    strict = dataclasses.replace(
        container.dispatch, tenant_http=guarded_client(EgressPolicy(parse_allowlist(""), https_only=False), timeout=2)
    )
    errors = []
    for port in (internal.port, closed_port("127.0.0.1")):
        with container.tenant_uow(user) as uow:
            uow.conn.execute(
                "insert into public.bot_config (user_id, n8n_urls) values (%s, %s) on conflict (user_id) "
                "do update set n8n_urls = excluded.n8n_urls",
                [user, Jsonb({"send_email": f"http://localhost:{port}/hook"})],
            )
            chat_id = "2348066666666@c.us"
            task_id = uow.tasks.add_task(
                user_id=user,
                inbox_id=None,
                chat_id=chat_id,
                task_type="send_email",
                payload=seal_task_payload(container.keyring, {}, tenant=user, chat=chat_id),
                trace_id=uuid.uuid4().hex,
            )
        with pytest.raises(PermanentError) as caught:
            dispatch.dispatch_task(DispatchTask(user_id=user, task_id=task_id, trace_id=uuid.uuid4().hex), deps=strict)
        errors.append(str(caught.value))
    strict.tenant_http.close()
    assert errors[0] == errors[1] == f"the n8n URL for send_email was refused: {REFUSED_MESSAGE}"
    assert internal.connections == 0


def test_litellm_retries_through_tenacity_and_records_the_providers_error(llm):
    """LLM_RETRIES >= 1 runs litellm's completion_with_retries, which needs tenacity."""
    chat = LiteLLMChat(
        operator_models=[
            OperatorModel(name="house", model="openai/house", api_base=llm.base_url, api_key_env="TEST_LLM_KEY")
        ],
        egress=EgressPolicy(parse_allowlist("127.0.0.1/32"), https_only=False),
        own_key=lambda user: LLM_KEY,
        timeout=5,
        retries=1,
    )
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], "after a retry"))
    for spec in (ModelSpec(model="openai/own", api_base=llm.base_url), ModelSpec(model="operator/house")):
        llm.reset()
        llm.fail_next(500, times=1)  # the call fails; litellm's one retry answers
        with pytest.MonkeyPatch.context() as env:
            env.setenv("TEST_LLM_KEY", LLM_KEY)
            done = chat.complete(
                [spec], [{"role": "user", "content": "hi"}], tenant=uuid.uuid4(), temperature=0, max_tokens=20
            )
        assert done.text == "after a retry" and len(llm.requests) == 2, spec  # no retry hidden in a client

        llm.reset()
        llm.fail_next(500, times=10)
        with pytest.MonkeyPatch.context() as env, pytest.raises(AllModelsFailedError) as failed:
            env.setenv("TEST_LLM_KEY", LLM_KEY)
            chat.complete(
                [spec], [{"role": "user", "content": "hi"}], tenant=uuid.uuid4(), temperature=0, max_tokens=20
            )
        (attempt,) = failed.value.attempts
        assert "injected failure 500" in attempt["error"] and "tenacity" not in attempt["error"], attempt
        assert LLM_KEY not in attempt["error"] and llm.base_url not in attempt["error"]
        assert len(llm.requests) == 2  # the call and LLM_RETRIES=1 retry


def test_an_unreadable_or_missing_own_key_is_recorded_not_raised():
    def retired(user):
        raise DecryptionError("encryption key 'old' is not configured")

    policy = EgressPolicy(parse_allowlist(""), https_only=False)
    for loader, message in ((retired, UNREADABLE_OWN_KEY), (lambda user: None, NO_OWN_KEY)):
        chat = LiteLLMChat(operator_models=[], egress=policy, own_key=loader, timeout=2, retries=0)
        with pytest.raises(AllModelsFailedError) as failed:
            chat.complete(
                [ModelSpec(model="openai/gpt-4o-mini")],
                [{"role": "user", "content": "hi"}],
                tenant=uuid.uuid4(),
                temperature=0,
                max_tokens=5,
            )
        assert failed.value.attempts == [{"model": "openai/gpt-4o-mini", "error": message}]


def test_the_migration_removed_key_variables_from_stored_models(owner_database_url):
    sql = (REPO_ROOT / "migrations" / "20261130000100_provider_keys.sql").read_text()
    strip = sql[sql.index("update public.bot_config") :]
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        user = conn.execute(
            "insert into auth.users (email) values (%s) returning id", [f"{uuid.uuid4().hex[:8]}@migration.test"]
        ).fetchone()[0]
        conn.execute(
            "insert into public.bot_config (user_id, models) values (%s, %s)",
            [
                user,
                Jsonb(
                    [
                        "gemini/gemini-2.0-flash",
                        {"model": "openai/x", "api_base": "https://h.example/v1", "api_key_env": "DATABASE_URL"},
                    ]
                ),
            ],
        )
        conn.execute(strip)
        models = conn.execute("select models from public.bot_config where user_id = %s", [user]).fetchone()[0]
        conn.execute("delete from auth.users where id = %s", [user])
    assert models == ["gemini/gemini-2.0-flash", {"model": "openai/x", "api_base": "https://h.example/v1"}]


def test_provider_keys_are_resealed_under_the_current_encryption_key(container):
    user = create_user(container)
    retired = "retired:" + base64.b64encode(b"r" * 32).decode()
    provider_keys.save(TenantData(container.tenant_uow, Keyring.parse(retired)), user, "sk-rotate-me-1234", via="test")
    # The current key first, the retired one still readable: what CHAT_ENCRYPTION_KEYS holds during a rotation.
    rotating = Keyring.parse(f"{container.settings.chat_encryption_keys.get_secret_value()},{retired}")
    assert provider_keys.reseal(container.system_uow, rotating) >= 1
    assert provider_keys.loader(container.tenant_uow, container.keyring)(user) == "sk-rotate-me-1234"
