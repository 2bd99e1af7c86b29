"""The message pipeline end to end: signed webhook -> worker stages -> reply at the gateway.

Real Postgres, Redis and Celery worker; language models are a local
OpenAI-compatible server driven through real litellm; the WhatsApp gateway is a
local server that checks our signatures with its own implementation.
"""

from __future__ import annotations

import base64
import json
import time
import uuid

import pytest

from services.adapters.signing import secret_key, signed_headers
from services.core.crypto import Sealed
from services.usecases import provider_keys
from services.usecases.apikeys import create_api_key
from tests.conftest import LLM_KEY, create_user, wait_for
from tests.fakes.gateway_server import chat_completion
from tests.integration.messaging import KEY, _configure, _final, _message, _post, _replies


def test_answered_from_the_knowledge_base_without_any_model(client, shop, gateway):
    user, headers = shop
    payload = _message(user, "Do you deliver to Accra?")
    response = _post(client, payload)
    assert response.status_code == 200, response.get_json()
    inbox_id = response.get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert "Accra" in reply["text"] and reply["tenant"] == str(user)
    # The gateway has the reply a moment before the worker records it as sent.
    trace = wait_for(lambda: (t := _final(client, headers, inbox_id))["replies"][0]["status"] == "sent" and t,
                     message="the reply to be recorded as sent")
    assert trace["status"] == "answered" and trace["text"] == "Do you deliver to Accra?"
    assert trace["stages"]["filter"]["answer"] is True
    assert trace["stages"]["intent"]["intent"] == "Response" and trace["stages"]["intent"]["method"] == "embeddings"
    assert trace["stages"]["respond"]["answer"] == "extractive"
    assert trace["stages"]["respond"]["chunks"][0]["source"].startswith("faq.md")
    assert trace["replies"][0]["status"] == "sent" and trace["replies"][0]["text"] == reply["text"]


def test_the_same_webhook_three_times_gives_one_reply(client, shop, gateway):
    user, _ = shop
    payload = _message(user, "How long do returns take?", sender_phone="+2348033334444")
    answers = [_post(client, payload).get_json() for _ in range(3)]
    assert [a["duplicate"] for a in answers] == [False, True, True]
    assert len({a["inbox_id"] for a in answers}) == 1
    _replies(gateway, payload["chat_id"])
    time.sleep(1.5)
    assert len(gateway.messages_to(payload["chat_id"])) == 1


def test_models_answer_with_repair_and_fallback(client, shop, gateway, llm):
    user, headers = shop
    calls = []

    def chat(body):
        calls.append(body["model"])
        system = body["messages"][0]["content"]
        if "Classify the customer's last message" in system:
            if len([c for c in calls if c == body["model"]]) == 1 and body["model"] == "backup":
                return 200, chat_completion(body["model"], "Sure, this is a question!")  # not JSON: repaired
            return 200, chat_completion(body["model"], json.dumps(
                {"intent": "Response", "confidence": 0.9, "task_type": None, "payload": {},
                 "raw_analysis": "asks about delivery"}))
        assert "Accra" in system  # the retrieved context reached the prompt
        return 200, chat_completion(body["model"], "Yes! We deliver to Accra within 3 working days.")

    llm.routes[("POST", "/v1/chat/completions")] = chat
    container = client.application.extensions["salesboy"]
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="test")  # the business's own key for its own server
    _configure(container, user, model_calls=2, models=[{"model": "openai/primary", "api_base": llm.base_url},
                                        {"model": "openai/backup", "api_base": llm.base_url}])
    llm.fail_next(500, times=1)  # the primary's first call fails: the backup answers (and needs one repair)
    payload = _message(user, "Can you deliver to Accra?", sender_phone="+2348055550001")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert reply["text"] == "Yes! We deliver to Accra within 3 working days."
    trace = _final(client, headers, inbox_id)
    assert trace["stages"]["intent"]["method"] == "llm:openai/backup"
    assert trace["stages"]["respond"]["answer"] == "model"


def test_all_models_down_falls_back_to_an_extractive_answer(client, shop, gateway, llm):
    user, headers = shop
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (503, {"error": {"message": "overloaded"}})
    provider_keys.save(client.application.extensions["salesboy"].tenant_data, user, LLM_KEY, via="test")
    _configure(client.application.extensions["salesboy"], user, model_calls=2, models=[
        {"model": "openai/only", "api_base": llm.base_url}])
    payload = _message(user, "Do you deliver to Abuja?", sender_phone="+2348077778888")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert "Abuja" in reply["text"]
    trace = _final(client, headers, inbox_id)
    assert trace["stages"]["intent"]["method"].startswith("embeddings (after the models failed)")
    assert trace["stages"]["respond"]["answer"] == "extractive"
    assert trace["stages"]["respond"]["fallbacks"][0]["model"] == "openai/only"


def test_nothing_relevant_gets_the_dont_know_reply(client, shop, gateway):
    user, headers = shop
    _configure(client.application.extensions["salesboy"], user, dont_know_reply="Let me check with the team.")
    payload = _message(user, "What is the airspeed velocity of an unladen swallow?", sender_phone="+2348099990000")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert reply["text"] == "Let me check with the team."
    respond = _final(client, headers, inbox_id)["stages"]["respond"]
    assert respond["answer"] == "abstained" and respond["ranked"]  # what was found, and why it was not enough
    assert respond["support"]["score"] < respond["support"]["threshold"]


def test_without_a_debounce_window_the_message_itself_is_answered_and_logged(client, shop, gateway):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, debounce_seconds=0)
    payload = _message(user, "Do you deliver to Accra?", sender_phone="+2348056565656")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert "Accra" in reply["text"]
    respond = _final(client, headers, inbox_id)["stages"]["respond"]
    assert respond["answer"] == "extractive" and respond["chunks"]
    with container.tenant_uow(user) as uow:
        logged = uow.conn.execute("select ciphertext, nonce, key_id from public.chat_logs where inbox_id = %s "
                                  "and direction = 'inbound'", [inbox_id]).fetchone()
    assert container.keyring.open(Sealed(*logged), tenant=user, chat=payload["chat_id"]) == payload["text"]


@pytest.mark.parametrize(("setup", "overrides", "reason"), [
    ({"whitelist_enabled": True}, {}, "not on the whitelist"),
    ({}, {"chat": "120363000000000@g.us", "is_group": True}, "auto-reply is off for this group"),
    ({"enabled": False}, {}, "switched off"),
])
def test_ignored_messages_are_logged_with_the_reason(client, shop, gateway, setup, overrides, reason):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, **setup)
    payload = _message(user, "Hello, what are your prices?", sender_phone="+2348012121212", **overrides)
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    trace = _final(client, headers, inbox_id)
    assert trace["status"] == "ignored" and reason in trace["reason"]
    assert gateway.messages_to(payload["chat_id"]) == []
    with container.tenant_uow(user) as uow:
        logged = uow.conn.execute("select outcome, reason, ciphertext from public.chat_logs where inbox_id = %s",
                                  [inbox_id]).fetchone()
    assert logged[0] == "ignored" and reason in logged[1] and b"prices" not in bytes(logged[2])


def test_the_owner_replying_by_hand_pauses_the_bot(client, shop, gateway):
    user, headers = shop
    chat = "2348045454545@c.us"
    mine = _message(user, "I'll handle this one myself", chat=chat, from_me=True, sender_phone=None)
    _final(client, headers, _post(client, mine).get_json()["inbox_id"])
    theirs = _message(user, "Do you deliver to Lagos?", chat=chat, sender_phone="+2348045454545")
    trace = _final(client, headers, _post(client, theirs).get_json()["inbox_id"])
    assert trace["status"] == "ignored" and "owner replied" in trace["reason"]
    assert gateway.messages_to(chat) == []


def test_bad_requests_store_nothing(client, shop, container):
    user, _ = shop
    payload = _message(user, "hi")
    raw = json.dumps(payload).encode()

    def stored():
        with container.tenant_uow(user) as uow:
            return uow.conn.execute("select count(*) from public.inbox where provider_message_id = %s",
                                    [payload["provider_message_id"]]).fetchone()[0]

    wrong_key = secret_key("whsec_" + base64.b64encode(b"someone else").decode())
    assert _post(client, payload, key=wrong_key).status_code == 401
    assert _post(client, payload, timestamp=int(time.time()) - 3600).status_code == 401
    headers = {**signed_headers(KEY, "msg_replayed", raw), "content-type": "application/json"}
    assert client.post("/api/webhook/whatsapp", data=raw, headers=headers).status_code == 200
    replay = client.post("/api/webhook/whatsapp", data=raw, headers=headers)
    assert replay.status_code == 401 and "replay" in replay.get_json()["message"]
    assert stored() == 1  # only the one genuine delivery

    assert _post(client, None, body=b"{not json").status_code == 400
    invalid = _post(client, {**payload, "chat_id": "nonsense", "provider_message_id": "x1"})
    assert invalid.status_code == 400 and invalid.get_json()["fields"][0]["field"] == "chat_id"
    huge = _post(client, None, body=b"{" + b" " * (container.settings.max_webhook_bytes + 10) + b"}")
    assert huge.status_code == 413
    stranger = _post(client, {**payload, "tenant": str(uuid.uuid4()), "provider_message_id": "x2"})
    assert stranger.status_code == 404


def test_traces_are_tenant_scoped(client, shop, container):
    user, headers = shop
    inbox_id = _post(client, _message(user, "hello there", sender_phone="+2348067676767")).get_json()["inbox_id"]
    other = create_user(container)
    key, _ = create_api_key(container.tenant_uow, other, "other")
    assert client.get(f"/api/messages/{inbox_id}/trace", headers={"X-API-KEY": key}).status_code == 404
    assert client.get("/api/messages/not-a-uuid/trace", headers=headers).status_code == 404
