"""Models and URLs a business sets: no server environment variables, no internal addresses, its own key sealed."""

from __future__ import annotations

import uuid

import pytest

from pipelines.egress import REFUSED_MESSAGE
from schemas.messages import API_KEY_ENV_GONE
from services.core.crypto import DecryptionError, Sealed
from services.repositories.bot_config import BotConfigRepository
from services.usecases.provider_keys import PURPOSE
from tests.conftest import OPERATOR_MODEL
from tests.fakes.listener import RecordingListener, closed_port

FORM = {"enabled": "on", "temperature": "0.2", "max_reply_chars": "800", "language": "en", "tone": "friendly",
        "dont_know_reply": "Ask us.", "owner_pause_minutes": "30", "debounce_seconds": "4", "min_relevance": "0.3",
        "history_turns": "6"}


@pytest.fixture
def internal():
    """An internal service on a loopback address the test settings do not allow (only 127.0.0.1 is)."""
    server = RecordingListener("127.0.0.2")
    yield server
    server.stop()


def _user(container, email: str) -> uuid.UUID:
    with container.system_uow() as uow:
        return uow.users.find_by_email(email).id


def _api_key(browser) -> dict:
    created = browser.post("/dashboard/settings/api-keys", {"name": "api"}, page="/dashboard/settings/bot")
    return {"X-API-KEY": created.get_data(as_text=True).split('id="new-api-key">')[1].split("<")[0]}


def _stored_models(container, email):
    with container.tenant_uow(_user(container, email)) as uow:
        return BotConfigRepository(uow.conn).stored()["models"]


def test_a_model_cannot_name_a_server_environment_variable(browser, container):
    email = browser.sign_up()
    headers = _api_key(browser)
    sent = browser.client.patch("/api/bot", headers=headers, json={"models": [
        {"model": "openai/x", "api_base": "http://127.0.0.1:9/v1", "api_key_env": "DATABASE_URL"}]})
    assert sent.status_code == 422
    assert sent.get_json()["fields"] == [{"field": "models.0", "problem": f"Value error, {API_KEY_ENV_GONE}"}]
    legacy = "openai/x | http://127.0.0.1:9/v1 | DATABASE_URL"  # model | api base | key variable, as before
    form = browser.post("/dashboard/settings/bot", {**FORM, "models": legacy}, page="/dashboard/settings/bot")
    assert form.status_code == 400 and "api_key_env is no longer accepted" in form.get_data(as_text=True).lower()
    assert _stored_models(container, email) == []


@pytest.mark.parametrize("url", ["http://127.0.0.2:{port}/hook", "http://169.254.169.254/latest/meta-data/",
                                 "http://10.0.0.5/hook", "http://localhost:{port}/hook", "http://[::1]:{port}/hook",
                                 "http://100.64.1.1/hook"])
def test_internal_n8n_urls_are_refused_on_save(browser, container, internal, url):
    email = browser.sign_up()
    url = url.format(port=internal.port)
    sent = browser.client.patch("/api/bot", headers=_api_key(browser), json={"n8n_urls": {"send_email": url}})
    if "localhost" in url or "[::1]" in url:
        # the test settings allow 127.0.0.1 only: localhost (127.0.0.1) is allowed, ::1 is not
        assert sent.status_code == (200 if "localhost" in url else 422)
    else:
        assert sent.status_code == 422, sent.get_json()
        assert sent.get_json()["error"] == "invalid_settings"
        assert sent.get_json()["fields"] == [{"field": "n8n_urls.send_email", "problem": REFUSED_MESSAGE}]
        form = browser.post("/dashboard/settings/bot", {**FORM, "n8n_urls": f"send_email = {url}"},
                            page="/dashboard/settings/bot")
        html = form.get_data(as_text=True)
        assert form.status_code == 400 and 'id="e-n8n_urls"' in html and "this address is not allowed" in html.lower()
        with container.tenant_uow(_user(container, email)) as uow:
            assert BotConfigRepository(uow.conn).stored()["n8n_urls"] == {}
    assert internal.connections == 0


def test_an_open_and_a_closed_internal_port_get_the_same_answer(browser, internal):
    browser.sign_up()
    headers = _api_key(browser)
    answers = []
    for port in (internal.port, closed_port()):
        sent = browser.client.patch("/api/bot", headers=headers, json={
            "models": [{"model": "openai/x", "api_base": f"http://127.0.0.2:{port}/v1"}],
            "n8n_urls": {"send_email": f"http://127.0.0.2:{port}/hook"}})
        answers.append((sent.status_code, sent.get_json()["fields"]))
    assert answers[0] == answers[1] == (422, [{"field": "models.0.api_base", "problem": REFUSED_MESSAGE},
                                               {"field": "n8n_urls.send_email", "problem": REFUSED_MESSAGE}])
    assert internal.connections == 0


def test_which_models_a_business_may_pick(browser, container):
    email = browser.sign_up()
    headers = _api_key(browser)
    offered = browser.client.get("/api/bot/models", headers=headers).get_json()
    assert offered["operator_models"] == [{"model": f"operator/{OPERATOR_MODEL}", "label": "House model",
                                           "runs": "openai/house"}]
    assert "api_base" not in str(offered) and offered["provider_key"] is None
    assert "operator/house" in browser.get("/dashboard/settings/bot").get_data(as_text=True)
    refused = {
        "operator/nope": "there is no operator model named 'nope' (available: operator/house)",
        "ollama/llama3": "ollama/… models need the api_base of your own OpenAI-compatible server",
        "gpt-4o-mini": "write the provider first",
    }
    for model, problem in refused.items():
        sent = browser.client.patch("/api/bot", headers=headers, json={"models": [model]})
        assert sent.status_code == 422 and problem in sent.get_json()["fields"][0]["problem"], sent.get_json()
    own_server = browser.client.patch("/api/bot", headers=headers, json={
        "models": [{"model": "anthropic/claude", "api_base": "http://127.0.0.1:9/v1"}]})
    assert "must be OpenAI-compatible" in own_server.get_json()["fields"][0]["problem"]
    ok = browser.client.patch("/api/bot", headers=headers, json={"models": [
        f"operator/{OPERATOR_MODEL}", "gemini/gemini-2.0-flash", {"model": "openai/mine", "api_base": "http://127.0.0.1:9/v1"}]})
    assert ok.status_code == 200, ok.get_json()
    assert _stored_models(container, email) == [{"model": "operator/house"}, {"model": "gemini/gemini-2.0-flash"},
                                                {"model": "openai/mine", "api_base": "http://127.0.0.1:9/v1"}]


def test_the_own_provider_key_is_sealed_masked_replaceable_and_deletable(browser, container):
    email = browser.sign_up()
    user = _user(container, email)
    headers = _api_key(browser)
    key = "sk-proj-OwnKey0123456789abcd"
    assert browser.client.put("/api/bot/provider-key", headers=headers, json={"key": "two words"}).status_code == 422
    saved = browser.client.put("/api/bot/provider-key", headers=headers, json={"key": key})
    assert saved.status_code == 200 and saved.get_json()["masked"] == "…abcd"
    with container.tenant_uow(user) as uow:
        row = uow.conn.execute("select ciphertext, nonce, key_id, hint from public.provider_keys").fetchone()
    assert key.encode() not in bytes(row[0]) and row[3] == "abcd" and row[2] == container.keyring.current
    assert browser.client.get("/api/bot/models", headers=headers).get_json()["provider_key"]["masked"] == "…abcd"
    assert key not in browser.client.get("/api/bot", headers=headers).get_data(as_text=True)
    page = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    assert key not in page and "…abcd" in page

    replaced = browser.post("/dashboard/settings/provider-key", {"provider_key": "sk-replacement-key-9876"},
                            page="/dashboard/settings/bot")
    assert replaced.status_code == 302
    assert "…9876" in browser.get("/dashboard/settings/bot").get_data(as_text=True)
    empty = browser.post("/dashboard/settings/provider-key", {"provider_key": ""}, page="/dashboard/settings/bot")
    assert empty.status_code == 400 and 'id="e-provider_key"' in empty.get_data(as_text=True)

    with container.tenant_uow(user) as uow:
        row = uow.conn.execute("select ciphertext, nonce, key_id from public.provider_keys").fetchone()
    assert container.keyring.open(Sealed(*row), tenant=user, chat=PURPOSE) == "sk-replacement-key-9876"
    with pytest.raises(DecryptionError):  # bound to its tenant: copied to another, it does not open
        container.keyring.open(Sealed(*row), tenant=uuid.uuid4(), chat=PURPOSE)

    assert browser.post("/dashboard/settings/provider-key/delete", page="/dashboard/settings/bot").status_code == 302
    assert browser.client.delete("/api/bot/provider-key", headers=headers).status_code == 404
    with container.tenant_uow(user) as uow:
        assert uow.conn.execute("select count(*) from public.provider_keys").fetchone()[0] == 0
        actions = [r.action for r in uow.audit.recent(20)]
    assert actions.count("provider_key.saved") == 2 and "provider_key.deleted" in actions


def test_model_calls_is_chosen_on_the_settings_page_and_through_the_api(browser, container):
    email = browser.sign_up()
    headers = _api_key(browser)

    def stored():
        with container.tenant_uow(_user(container, email)) as uow:
            return BotConfigRepository(uow.conn).stored()["model_calls"]

    page = browser.client.get("/dashboard/settings/bot").get_data(as_text=True)
    assert 'name="model_calls"' in page and stored() == 1  # one call by default
    saved = browser.post("/dashboard/settings/bot", {**FORM, "model_calls": "2"}, page="/dashboard/settings/bot")
    assert saved.status_code in (200, 302, 303) and stored() == 2
    assert browser.client.get("/api/bot", headers=headers).get_json()["model_calls"] == 2
    # A form from before the choice existed keeps the saved value.
    browser.post("/dashboard/settings/bot", FORM, page="/dashboard/settings/bot")
    assert stored() == 2
    refused = browser.post("/dashboard/settings/bot", {**FORM, "model_calls": "3"}, page="/dashboard/settings/bot")
    assert refused.status_code == 400 and stored() == 2

    assert browser.client.patch("/api/bot", headers=headers, json={"model_calls": 1}).get_json()["model_calls"] == 1
    assert stored() == 1
    for wrong in (3, 0, "two", None):
        answer = browser.client.patch("/api/bot", headers=headers, json={"model_calls": wrong})
        assert answer.status_code == 422, wrong
        assert answer.get_json()["fields"][0]["field"] == "model_calls"
    assert stored() == 1
