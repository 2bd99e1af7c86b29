"""REST for what the dashboard does, under /api/v1, with cursor pagination and one error envelope."""

from __future__ import annotations

import base64
import io
import json
import uuid

import psycopg
import pytest

from services.repositories.audience import AudienceRepository
from services.usecases.apikeys import create_api_key
from tests.conftest import create_user, wait_for
from tests.integration.messaging import _final, _message, _post


def _key(client, container, user):
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    return {"X-API-KEY": key}


def test_me_names_the_account_the_webhook_needs(client, container):
    email = f"me-{uuid.uuid4().hex[:8]}@example.test"
    user = create_user(container, email)
    answer = client.get("/api/v1/me", headers=_key(client, container, user)).get_json()
    assert answer["account_id"] == str(user) and answer["email"] == email and answer["plan"] == "self-hosted"
    refused = client.get("/api/v1/me", headers={"X-API-KEY": "sbk_nope"})
    assert refused.status_code == 401 and set(refused.get_json()) >= {"error", "message", "request_id"}


def test_whitelist_pages_with_a_cursor(client, container):
    user = create_user(container)
    headers = _key(client, container, user)
    assert client.post("/api/v1/whitelist", json={"phone": "+2348010000001", "name": "Ada"},
                       headers=headers).status_code == 201
    bulk = client.post("/api/v1/whitelist/bulk", headers=headers, json={"contacts": [
        {"phone": f"+23480100000{n:02d}", "name": f"C{n:02d}"} for n in range(1, 8)]})
    assert bulk.get_json() == {"added": 6, "already_listed": 1}
    bad = client.post("/api/v1/whitelist/bulk", headers=headers, json={"contacts": [{"phone": "not a phone"}]})
    assert bad.status_code == 422 and bad.get_json()["fields"][0]["field"] == "contacts.0.phone"
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/whitelist", headers=headers,
                          query_string={"limit": 3, **({"cursor": cursor} if cursor else {})}).get_json()
        seen += [c["phone"] for c in page["contacts"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 7 == len(set(seen))
    assert client.get("/api/v1/whitelist?cursor=%%%", headers=headers).status_code == 400
    assert client.get("/api/v1/whitelist?limit=0", headers=headers).status_code == 400
    first = client.get("/api/whitelist?limit=1", headers=headers).get_json()["contacts"][0]  # the unversioned alias
    assert client.delete(f"/api/v1/whitelist/{first['id']}", headers=headers).status_code == 204
    assert client.delete(f"/api/v1/whitelist/{first['id']}", headers=headers).status_code == 404


def test_group_settings_toggle(client, container):
    user = create_user(container)
    headers = _key(client, container, user)
    with container.tenant_uow(user) as uow:
        AudienceRepository(uow.conn).remember_groups(user, [("120363000000000001@g.us", "Buyers")])
    groups = client.get("/api/v1/group-settings", headers=headers).get_json()["groups"]
    assert groups[0]["group_id"] == "120363000000000001@g.us"
    changed = client.patch("/api/v1/group-settings/120363000000000001@g.us", json={"auto_reply": True},
                           headers=headers).get_json()
    assert changed["auto_reply"] is True and changed["mention_only"] == groups[0]["mention_only"]
    assert client.patch("/api/v1/group-settings/none@g.us", json={"auto_reply": True},
                        headers=headers).status_code == 404


def test_api_keys_are_created_listed_and_revoked(client, container):
    user = create_user(container)
    headers = _key(client, container, user)
    made = client.post("/api/v1/keys", json={"name": "crm"}, headers=headers)
    assert made.status_code == 201
    new = made.get_json()
    assert client.get("/api/v1/me", headers={"X-API-KEY": new["key"]}).status_code == 200
    # The same key as most HTTP clients send one; a POST with it needs no CSRF token.
    bearer = {"Authorization": f"Bearer {new['key']}"}
    assert client.get("/api/v1/me", headers=bearer).get_json()["account_id"] == str(user)
    assert client.post("/api/v1/keys", json={"name": "zapier"}, headers=bearer).status_code == 201
    listed = client.get("/api/v1/keys", headers=headers).get_json()["keys"]
    assert {k["name"] for k in listed} == {"tests", "crm", "zapier"} and all("key" not in k for k in listed)
    assert client.delete(f"/api/v1/keys/{new['id']}", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers={"X-API-KEY": new["key"]}).status_code == 401
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


@pytest.mark.parametrize(("path", "name", "allowed"), [
    ("/api/v1/messages", "outcome", "answered, ignored, handed_off, task, failed"),
    ("/api/v1/messages", "intent", "Response, Task, HumanHandoff"),
    ("/api/v1/conversations", "handoff", "true, false"),
    ("/api/v1/tasks", "status", "pending, dispatched, succeeded, failed")])
def test_an_unknown_filter_value_is_refused_with_the_allowed_ones(client, container, path, name, allowed):
    headers = _key(client, container, create_user(container))
    refused = client.get(path, query_string={name: "bogus"}, headers=headers)
    assert refused.status_code == 400
    assert refused.get_json()["message"] == f"{name} must be one of: {allowed}"
    good = allowed.split(", ")[0]
    assert client.get(path, query_string={name: good}, headers=headers).status_code == 200


@pytest.mark.parametrize("blank", ["   ", "\n\t\n"])
def test_a_question_of_only_spaces_is_refused_with_a_reason(client, container, blank):
    user = create_user(container)
    headers = _key(client, container, user)
    for path, body in (("/api/v1/playground", {"text": blank}), ("/api/v1/kb/search", {"query": blank})):
        answer = client.post(path, json=body, headers=headers)
        assert answer.status_code == 422, (path, answer.get_json())
        assert answer.get_json()["fields"][0]["problem"] == "Value error, must contain more than spaces and line breaks"
    webhook = _post(client, _message(user, blank))
    assert webhook.status_code == 400 and webhook.get_json()["error"] == "invalid_message"
    assert "needs text or a media_ref" in str(webhook.get_json())


def test_a_refused_key_name_is_said_to_be_the_name(client, container):
    headers = _key(client, container, create_user(container))
    for name in ("", "   ", "x" * 101):
        refused = client.post("/api/v1/keys", json={"name": name}, headers=headers)
        assert refused.status_code == 422
        body = refused.get_json()
        assert body["message"].startswith("the new key's name is not valid: give it a name of 1 to 100 characters")
        assert body["fields"][0]["field"] == "name"
    made = client.post("/api/v1/keys", json={"name": "  crm  "}, headers=headers)
    assert made.status_code == 201 and made.get_json()["name"] == "crm"


def test_conversations_messages_handoffs_and_playground(client, shop):
    user, headers = shop
    phone = f"+23480{uuid.uuid4().int % 10**8:08d}"
    chat = f"{phone.lstrip('+')}@c.us"
    response = _post(client, _message(user, "Do you deliver to Accra?", sender_phone=phone))
    _final(client, headers, response.get_json()["inbox_id"], timeout=90)
    logged = wait_for(lambda: (m := client.get("/api/v1/messages", query_string={"chat_id": chat}, headers=headers)
                               .get_json()["messages"]) and {e["direction"] for e in m} == {"inbound", "outbound"}
                      and m, timeout=60, message="the answer in the log")
    assert any("Accra" in m["text"] for m in logged if m["direction"] == "inbound")
    chats = client.get("/api/v1/conversations", headers=headers).get_json()["conversations"]
    assert chat in {c["chat_id"] for c in chats}
    handed = _post(client, _message(user, "I want to talk to a human", sender_phone=phone))
    _final(client, headers, handed.get_json()["inbox_id"], timeout=90)
    handoffs = client.get("/api/v1/handoffs", headers=headers).get_json()["handoffs"]
    assert chat in {h["chat_id"] for h in handoffs}
    assert client.post(f"/api/v1/chats/{chat}/release", headers=headers).get_json()["handoff_active"] is False

    asked = client.post("/api/v1/playground", json={"text": "Do you deliver to Accra?"}, headers=headers)
    assert asked.status_code == 202
    chat_id = asked.get_json()["chat_id"]
    turns = wait_for(lambda: [t for t in client.get(f"/api/v1/playground/{chat_id}", headers=headers)
                              .get_json()["turns"] if t["direction"] == "outbound"], timeout=90,
                     message="the playground's answer")
    assert "Accra" in turns[0]["text"]


def _walk(client, headers, path, name, limit=3, **query):
    seen, cursor = [], None
    while True:
        page = client.get(path, headers=headers,
                          query_string={"limit": limit, **query, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.get_json()
        body = page.get_json()
        assert len(body[name]) <= limit
        seen += body[name]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen


def test_growing_lists_page_in_sql_through_ties_without_repeats(client, container, owner_database_url):
    """Messages, tasks and conversations are paged by keyset in SQL: rows written in one transaction share
    created_at, and every row is still listed once, newest first, whatever the list's length."""
    user = create_user(container)
    headers = _key(client, container, user)
    with psycopg.connect(owner_database_url, autocommit=True) as conn, conn.transaction():
        for n in range(8):  # one transaction: one now() for every row
            sealed = container.keyring.seal(f"message {n}", tenant=user, chat=f"23480100{n:02d}@c.us")
            conn.execute("insert into public.chat_logs (user_id, chat_id, direction, ciphertext, nonce, key_id) "
                         "values (%s, %s, 'inbound', %s, %s, %s)",
                         [user, f"23480100{n:02d}@c.us", sealed.ciphertext, sealed.nonce, sealed.key_id])
            conn.execute("insert into public.tasks (user_id, chat_id, task_type, trace_id) values (%s, %s, %s, %s)",
                         [user, f"23480100{n:02d}@c.us", "create_order", uuid.uuid4().hex])
            conn.execute("insert into public.chats (user_id, chat_id) values (%s, %s)",
                         [user, f"23480100{n:02d}@c.us"])
    messages = _walk(client, headers, "/api/v1/messages", "messages")
    assert sorted(m["text"] for m in messages) == [f"message {n}" for n in range(8)]
    assert len({m["id"] for m in messages}) == 8
    tasks = _walk(client, headers, "/api/v1/tasks", "tasks", limit=5)
    assert len({t["id"] for t in tasks}) == 8
    chats = _walk(client, headers, "/api/v1/conversations", "conversations", limit=2)
    assert len({c["chat_id"] for c in chats}) == 8
    assert [t["id"] for t in _walk(client, headers, "/api/v1/tasks", "tasks", limit=200)] == [t["id"] for t in tasks]
    with psycopg.connect(owner_database_url, autocommit=True) as conn:  # longer than any list read into memory
        conn.execute("insert into public.tasks (user_id, chat_id, task_type, trace_id, created_at) "
                     "select %s, 'bulk@c.us', 'send_email', md5(n::text), now() - n * interval '1 second' "
                     "from generate_series(1, 5100) n", [user])
    everything = _walk(client, headers, "/api/v1/tasks", "tasks", limit=200)
    assert len(everything) == len({t["id"] for t in everything}) == 5108
    forged = base64.urlsafe_b64encode(json.dumps(["2026-01-01T00:00:00+00:00", "not-an-id"]).encode()).decode()
    for path in ("/api/v1/messages", "/api/v1/tasks"):
        refused = client.get(path, headers=headers, query_string={"cursor": forged})
        assert refused.status_code == 400 and "cursor is not valid" in refused.get_json()["message"]


def test_the_playground_answers_a_cheapest_question_from_an_uploaded_price_list(client, shop):
    _user, headers = shop
    price_list = (b"item,variant,price_eur\nRay-Ban frame,adult,145.00\nLindberg frame,rimless,395.00\n"
                  b"house range frame,child,35.00\nhouse range frame,adult,59.00\nlens cloth,microfibre,4.00\n")
    uploaded = client.post("/api/v1/kb/upload", headers=headers,
                           data={"file": (io.BytesIO(price_list), "frames.csv")}, content_type="multipart/form-data")
    assert uploaded.status_code == 202
    document = uploaded.get_json()["document"]["id"]
    wait_for(lambda: client.get(f"/api/v1/kb/{document}", headers=headers).get_json()["document"]["status"] == "ready",
             timeout=120, message="the price list to be ready")
    asked = client.post("/api/v1/playground", json={"text": "whats the cheapest frame u have?"}, headers=headers)
    assert asked.status_code == 202
    chat_id = asked.get_json()["chat_id"]
    turns = wait_for(lambda: [t for t in client.get(f"/api/v1/playground/{chat_id}", headers=headers)
                              .get_json()["turns"] if t["direction"] == "outbound"], timeout=90,
                     message="the playground's answer")
    assert turns[0]["text"].startswith("house range frame, child: 35.00 EUR"), turns[0]["text"]
