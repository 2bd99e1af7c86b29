"""Tasks and handoffs: the customer's request reaches n8n, signed, and the customer hears back."""

from __future__ import annotations

import time
import uuid

import psycopg

from api import create_app
from schemas.jobs import DispatchTask, SweepStuck
from services.bootstrap import bootstrap
from services.core.crypto import open_task_payload, seal_task_payload
from services.core.errors import TransientError
from tests.conftest import create_user, wait_for
from tests.integration.messaging import _configure, _final, _message, _post, _replies


def _task(container, user, inbox_id):
    """(id, type, status, attempts, payload opened with the keyring, last error) of the message's task."""
    with container.tenant_uow(user) as uow:
        row = uow.conn.execute("select * from public.tasks where inbox_id = %s", [inbox_id]).fetchone()
        if row is None:
            return None
        task = dict(zip([c.name for c in uow.conn.execute("select * from public.tasks limit 0").description], row,
                        strict=True))
    return (task["id"], task["task_type"], task["status"], task["attempts"],
            open_task_payload(container.keyring, task), task["last_error"])


def test_a_task_is_dispatched_signed_and_acknowledged(client, shop, gateway, n8n):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    payload = _message(user, "Please email me your price list at ada@example.com", sender_phone="+2348030303030")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, payload["chat_id"])
    assert "handling your request" in reply["text"]
    task = wait_for(lambda: (t := _task(container, user, inbox_id)) and t[2] == "dispatched" and t, timeout=30,
                    message="the task to be dispatched")
    assert task[1] == "send_email" and task[4]["emails"] == ["ada@example.com"]
    (sent,) = n8n.tasks_for(str(task[0]))
    assert sent["path"] == "/webhook/send_email" and sent["webhook_id"] == str(task[0])
    assert sent["contact"]["phone"] == "+2348030303030" and sent["callback_url"].endswith("/api/callbacks/n8n")
    assert _final(client, headers, inbox_id)["status"] == "answered"


def test_transient_n8n_errors_are_retried_and_a_refusal_is_final(client, shop, gateway, n8n):
    user, _ = shop
    container = client.application.extensions["salesboy"]
    n8n.answers["book_calendar"] = [500, 503]
    first = _message(user, "Can I book an appointment for tomorrow at 3pm?", sender_phone="+2348040404040")
    inbox_id = _post(client, first).get_json()["inbox_id"]
    task = wait_for(lambda: (t := _task(container, user, inbox_id)) and t[2] == "dispatched" and t, timeout=30,
                    message="the retried task to be dispatched")
    assert task[3] == 3 and len(n8n.tasks_for(str(task[0]))) == 3

    n8n.answers["create_order"] = [422]
    second = _message(user, "I want to order 3 bags of rice please", sender_phone="+2348050505050")
    inbox_id = _post(client, second).get_json()["inbox_id"]
    task = wait_for(lambda: (t := _task(container, user, inbox_id)) and t[2] == "failed" and t, timeout=30,
                    message="the refused task to fail")
    assert "422" in task[5] and len(n8n.tasks_for(str(task[0]))) == 1
    texts = [m["text"] for m in _replies(gateway, second["chat_id"], count=2)]
    assert any("will follow up with you here" in t for t in texts)
    with container.tenant_uow(user) as uow:
        assert "task.failed" in {r.action for r in uow.audit.recent(50)}


def test_a_customer_asking_for_a_person_is_handed_over(client, shop, gateway, n8n):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, owner_notify_phone="+2348099999999")
    chat = "2348060606060@c.us"
    payload = _message(user, "I want to talk to a human, this is not helpful", chat=chat,
                       sender_phone="+2348060606060")
    inbox_id = _post(client, payload).get_json()["inbox_id"]
    (reply,) = _replies(gateway, chat)
    assert "member of our team" in reply["text"]
    (owner_note,) = _replies(gateway, "2348099999999@c.us")
    assert "+2348060606060" in owner_note["text"] and "talk to a human" in owner_note["text"]
    trace = _final(client, headers, inbox_id)
    assert trace["status"] == "handed_off" and trace["intent"] == "HumanHandoff"
    wait_for(lambda: (t := _task(container, user, inbox_id)) and t[1] == "human_handoff" and t[2] == "dispatched",
             timeout=30, message="the handoff task to reach n8n")
    later = _message(user, "hello? anyone?", chat=chat, sender_phone="+2348060606060")
    assert "a person is handling" in _final(client, headers, _post(client, later).get_json()["inbox_id"])["reason"]
    time.sleep(0.5)
    assert len(gateway.messages_to(chat)) == 1

    assert client.post(f"/api/chats/{chat}/release", headers=headers).status_code == 200
    assert client.post(f"/api/chats/{chat}/release", headers=headers).status_code == 404
    with container.tenant_uow(user) as uow:
        audited = uow.conn.execute("select detail from public.audit_logs where user_id = %s "
                                   "and action = 'chat.handoff_released'", [user]).fetchall()
    assert audited == [({"chat_id": chat, "via": "api"},)]
    back = _message(user, "Do you deliver to Lagos?", chat=chat, sender_phone="+2348060606060")
    assert _final(client, headers, _post(client, back).get_json()["inbox_id"])["status"] == "answered"
    assert uuid.UUID(trace["id"])


def test_dispatch_retries_timeouts_and_is_idempotent_on_redelivery(settings, database_url, redis_url, n8n):
    quick = settings.model_copy(update={"n8n_timeout_seconds": 0.5})
    container = bootstrap(quick, database_url=database_url, redis_url=redis_url)
    try:
        user = create_user(container)
        with container.tenant_uow(user) as uow:
            task_id = uow.tasks.add_task(user_id=user, inbox_id=None, chat_id="2348090909090@c.us",
                                         task_type="slow_type", trace_id=uuid.uuid4().hex,
                                         payload=seal_task_payload(container.keyring, {}, tenant=user,
                                                                      chat="2348090909090@c.us"))
        job = DispatchTask(user_id=user, task_id=task_id)
        n8n.delays["slow_type"] = [2.0]
        try:
            container.handle(job)
            raise AssertionError("a timeout must raise for a retry")
        except TransientError as exc:
            assert "unreachable" in str(exc)
        with container.tenant_uow(user) as uow:
            task = uow.tasks.task(task_id)
        assert task.status == "pending" and "ReadTimeout" in task.last_error and task.attempts == 1
        container.handle(job)  # the retry
        container.handle(job)  # a redelivered copy: already dispatched, nothing sent
        with container.tenant_uow(user) as uow:
            task = uow.tasks.task(task_id)
        assert task.status == "dispatched" and task.attempts == 2
        assert len(n8n.tasks_for(str(task_id))) == 2  # the timed-out attempt and the retry; no third
    finally:
        container.close()


def _api_task(client, headers, **body):
    response = client.post("/api/tasks", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _task_row(container, user, task_id):
    with container.tenant_uow(user) as uow:
        return uow.tasks.task(uuid.UUID(task_id))


def test_only_the_workflows_acknowledgement_counts_as_dispatched(client, shop, gateway, n8n):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    # A crashed workflow (n8n answers 200, empty) and a webhook still registering (404) are retried.
    n8n.answers["create_order"] = [(200, ""), 404]
    task = _api_task(client, headers, chat_id="2348011212121@c.us", task_type="create_order", message="rice x3",
                     details={"item": "rice"})
    assert task["status"] == "pending" and task["dispatched"] is True
    row = wait_for(lambda: (t := _task_row(container, user, task["id"])).status == "dispatched" and t,
                   timeout=30, message="the task to be acknowledged")
    assert row.attempts == 3 and row.dispatched_at is not None and row.last_error is None
    sent = n8n.tasks_for(task["id"])
    assert len(sent) == 3 and sent[0]["settings"]["owner_email"].endswith("@example.test")
    assert sent[0]["payload"] == {"item": "rice", "message": "rice x3"}
    assert sent[0]["contact"]["phone"] == "+2348011212121"


def test_n8n_down_for_good_fails_the_task_and_tells_customer_and_owner_once(client, shop, gateway, n8n, container):
    user, headers = shop
    _configure(container, user, owner_notify_phone="+2348099990101")
    n8n.answers["create_order"] = [503, 503, 503]
    chat = "2348011313131@c.us"
    task = _api_task(client, headers, chat_id=chat, task_type="create_order", message="rice")
    row = wait_for(lambda: (t := _task_row(container, user, task["id"])).status == "failed" and t, timeout=30,
                   message="the task to fail")
    assert row.attempts == 3 and "503" in row.last_error
    (told,) = _replies(gateway, chat)
    assert "will follow up with you here" in told["text"]
    owner_notes = _replies(gateway, "2348099990101@c.us")
    assert len(owner_notes) == 1 and "could not be completed" in owner_notes[0]["text"]
    with container.tenant_uow(user) as uow:
        (alert,) = uow.alerts.open()
    assert alert.kind == "task_failed" and alert.task_id == uuid.UUID(task["id"])
    with container.system_uow() as uow:
        failures = uow.conn.execute("select reason from public.job_failures where payload->>'task_id' = %s",
                                    [task["id"]]).fetchall()
    assert len(failures) == 1 and "gave up after 3 attempts" in failures[0][0]
    time.sleep(0.5)
    assert len(gateway.messages_to(chat)) == 1


def test_without_n8n_customers_hear_once_and_owners_are_alerted(settings, database_url, redis_url, shop, gateway):
    user, headers = shop
    bare = settings.model_copy(update={"n8n_base_url": None})
    container = bootstrap(bare, database_url=database_url, redis_url=redis_url)
    try:
        client = create_app(bare, container).test_client()
        _configure(container, user, owner_notify_phone="+2348099991111")
        chat = "2348011414141@c.us"
        order = _api_task(client, headers, chat_id=chat, task_type="create_order", message="rice")
        assert order["status"] == "failed" and order["dispatched"] is False
        (told,) = _replies(gateway, chat)
        assert "will follow up with you here" in told["text"]
        handoff_chat = "2348011515151@c.us"
        handoff = _api_task(client, headers, chat_id=handoff_chat, task_type="human_handoff", message="a person")
        assert handoff["status"] == "succeeded"  # the owner was alerted, which is what it asks for
        notes = _replies(gateway, "2348099991111@c.us", count=2)
        assert any("asked to talk to a person" in n["text"] for n in notes)
        with container.tenant_uow(user) as uow:
            kinds = sorted(a.kind for a in uow.alerts.open())
        assert kinds == ["handoff", "task_failed"]
        time.sleep(0.5)
        assert len(gateway.messages_to(chat)) == 1 and gateway.messages_to(handoff_chat) == []
    finally:
        container.close()


def test_the_sweeper_resends_lost_dispatches_and_fails_overdue_ones(client, shop, gateway, n8n, owner_database_url):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    lost = _api_task(client, headers, chat_id="2348011616161@c.us", task_type="send_email", message="x",
                     emails=["a@b.test"])
    overdue_chat = "2348011717171@c.us"
    overdue = _api_task(client, headers, chat_id=overdue_chat, task_type="create_order", message="rice")
    for task in (lost, overdue):
        wait_for(lambda t=task: _task_row(container, user, t["id"]).status == "dispatched", timeout=30,
                 message="dispatch")
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        conn.execute("set session_replication_role = replica")  # keep updated_at as set here
        conn.execute("update public.tasks set status = 'pending', updated_at = now() - interval '2 hours' "
                     "where id = %s", [lost["id"]])
        conn.execute("update public.tasks set dispatched_at = now() - interval '2 hours' where id = %s",
                     [overdue["id"]])
    n8n.accepted.discard(lost["id"])
    assert container.handle(SweepStuck()) >= 1
    assert container.handle(SweepStuck()) >= 0
    wait_for(lambda: _task_row(container, user, lost["id"]).status == "dispatched", timeout=30,
             message="the lost task to be sent again")
    row = _task_row(container, user, overdue["id"])
    assert row.status == "failed" and "did not report back within 30 minutes" in row.last_error
    (told,) = _replies(gateway, overdue_chat)
    assert "will follow up with you here" in told["text"]
    time.sleep(0.5)
    assert len(gateway.messages_to(overdue_chat)) == 1


def test_the_task_api_validates(client, shop):
    _, headers = shop
    assert client.post("/api/tasks", json={"chat_id": "x", "task_type": "send_email", "message": "hi"},
                       headers=headers).status_code == 422
    refused = client.post("/api/tasks", json={"chat_id": "2348011818181@c.us", "task_type": "launch_rocket",
                                              "message": "hi"}, headers=headers)
    assert refused.status_code == 422 and refused.get_json()["error"] == "task_type_not_allowed"
    assert client.post("/api/tasks", json={"chat_id": "2348011818181@c.us", "task_type": "send_email",
                                           "message": "hi", "emails": ["not-an-email"]},
                       headers=headers).status_code == 422
    assert client.post("/api/tasks", data="nope", headers=headers).status_code == 400
    assert client.post("/api/tasks", json={}).status_code in (400, 401)  # no key: refused before anything
