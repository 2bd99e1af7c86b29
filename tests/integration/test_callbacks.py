"""n8n's signed callback, and the task API."""

from __future__ import annotations

import json
import time
import uuid

from schemas.settings import DEV_N8N_CALLBACK_SECRETS
from services.adapters.signing import secret_key, signed_headers
from services.usecases.apikeys import create_api_key
from tests.conftest import create_user, wait_for
from tests.integration.messaging import _configure, _message, _post, _replies

CALLBACK_KEY = secret_key(DEV_N8N_CALLBACK_SECRETS)


def _callback(client, body: dict, *, key=CALLBACK_KEY, webhook_id=None, timestamp=None):
    raw = json.dumps(body).encode()
    headers = signed_headers(key, webhook_id or f"cb_{uuid.uuid4().hex}", raw, timestamp)
    return client.post("/api/callbacks/n8n", data=raw, headers={**headers, "content-type": "application/json"})


def _dispatched_task(client, user, headers, phone):
    payload = _message(user, "Please email me your price list at tolu@example.com", sender_phone=phone)
    _post(client, payload)
    task = wait_for(lambda: [t for t in client.get("/api/tasks?status=dispatched&type=send_email",
                                                       headers=headers).get_json()["tasks"]
                             if t["chat_id"] == payload["chat_id"]], timeout=60, message="a dispatched task")[0]
    _replies(gateway_of(client), payload["chat_id"])  # the "request passed on" acknowledgement
    return task, payload["chat_id"]


def gateway_of(client):
    return client.application.config["TEST_GATEWAY"]


def test_callback_finishes_the_task_and_replies_once(client, shop, gateway, n8n):
    client.application.config["TEST_GATEWAY"] = gateway
    user, headers = shop
    task, chat = _dispatched_task(client, user, headers, "+2348071717171")
    body = {"task_id": task["id"], "tenant": str(user), "status": "succeeded",
            "result": {"message_id": "smtp-123"}, "reply_text": "Done! The price list is in your inbox."}
    response = _callback(client, body)
    assert response.status_code == 200 and response.get_json()["status"] == "succeeded"
    replies = _replies(gateway, chat, count=2)
    assert replies[-1]["text"] == "Done! The price list is in your inbox."

    detail = client.get(f"/api/tasks/{task['id']}", headers=headers).get_json()
    assert detail["status"] == "succeeded" and detail["result"] == {"message_id": "smtp-123"}
    assert len(detail["callbacks"]) == 1 and detail["payload"]["emails"] == ["tolu@example.com"]

    again = _callback(client, body)
    assert again.status_code == 409 and again.get_json()["task_status"] == "succeeded"
    time.sleep(1)
    assert len(gateway.messages_to(chat)) == 2
    assert client.get(f"/api/tasks/{task['id']}", headers=headers).get_json()["callbacks"] == detail["callbacks"]


def test_bad_callbacks_change_nothing(client, shop, gateway, n8n, container):
    client.application.config["TEST_GATEWAY"] = gateway
    user, headers = shop
    task, _ = _dispatched_task(client, user, headers, "+2348072727272")
    body = {"task_id": task["id"], "tenant": str(user), "status": "failed", "result": {}}
    assert _callback(client, body, key=b"not the secret").status_code == 401
    assert _callback(client, body, timestamp=int(time.time()) - 600).status_code == 401
    assert _callback(client, {**body, "task_id": str(uuid.uuid4())}).status_code == 404
    assert _callback(client, {**body, "tenant": str(uuid.uuid4())}).status_code == 404
    assert _callback(client, {**body, "status": "done"}).status_code == 400
    raw = b"{oops"
    signed = {**signed_headers(CALLBACK_KEY, "cb_badjson", raw), "content-type": "application/json"}
    bad_json = client.post("/api/callbacks/n8n", data=raw, headers=signed)
    assert bad_json.status_code == 400
    assert client.get(f"/api/tasks/{task['id']}", headers=headers).get_json()["status"] == "dispatched"

    replayed = _callback(client, body, webhook_id="cb_once")
    assert replayed.status_code == 200
    assert _callback(client, body, webhook_id="cb_once").status_code == 401


def test_task_api_filters_and_scopes(client, shop, container):
    user, headers = shop
    assert client.get("/api/tasks?status=bogus", headers=headers).status_code == 400
    assert client.get("/api/tasks?since=yesterday", headers=headers).status_code == 400
    assert client.get("/api/tasks?limit=0", headers=headers).status_code == 400
    assert client.get("/api/tasks?since=2020-01-01&until=2020-01-02", headers=headers).get_json()["tasks"] == []
    stranger = create_user(container)
    key, _ = create_api_key(container.tenant_uow, stranger, "x")
    assert client.get("/api/tasks", headers={"X-API-KEY": key}).get_json()["tasks"] == []
    assert client.get(f"/api/tasks/{uuid.uuid4()}", headers=headers).status_code == 404
    assert client.get("/api/tasks/nope", headers=headers).status_code == 404
    assert user


def test_a_failed_callback_tells_the_customer_once_and_alerts_the_owner(client, shop, gateway, n8n, container):
    client.application.config["TEST_GATEWAY"] = gateway
    user, headers = shop
    _configure(container, user, owner_notify_phone="+2348099992222")
    task, chat = _dispatched_task(client, user, headers, "+2348073737373")
    body = {"task_id": task["id"], "tenant": str(user), "status": "failed",
            "result": {"error": "Send email: Node does not have any credentials set"}}
    assert _callback(client, body).status_code == 200
    replies = _replies(gateway, chat, count=2)
    assert "handling your request" in replies[0]["text"] and "will follow up with you here" in replies[1]["text"]
    (note,) = _replies(gateway, "2348099992222@c.us")
    assert "could not be completed" in note["text"] and "credentials" in note["text"]
    detail = client.get(f"/api/tasks/{task['id']}", headers=headers).get_json()
    assert detail["status"] == "failed" and "credentials" in detail["last_error"] and len(detail["callbacks"]) == 1
    assert _callback(client, body).status_code == 409
    time.sleep(1)
    assert len(gateway.messages_to(chat)) == 2


def test_a_success_without_words_gets_the_default_reply(client, shop, gateway, n8n):
    client.application.config["TEST_GATEWAY"] = gateway
    user, headers = shop
    task, chat = _dispatched_task(client, user, headers, "+2348074747474")
    assert _callback(client, {"task_id": task["id"], "tenant": str(user), "status": "succeeded"}).status_code == 200
    assert _replies(gateway, chat, count=2)[-1]["text"] == "Done! I've emailed you the details."
