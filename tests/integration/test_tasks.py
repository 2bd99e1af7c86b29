"""Tasks and handoffs: the customer's request reaches n8n, signed, and the customer hears back."""

from __future__ import annotations

import time
import uuid

from services.crypto import open_task_payload, seal_task_payload
from tests.conftest import wait_for
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
        assert "task.failed" in {r["action"] for r in uow.audit.recent(50)}


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
    from schemas.jobs import DispatchTask
    from services.bootstrap import bootstrap
    from services.errors import TransientError
    from tests.conftest import create_user

    quick = settings.model_copy(update={"n8n_timeout_seconds": 0.5})
    container = bootstrap(quick, database_url=database_url, redis_url=redis_url)
    try:
        user = create_user(container)
        with container.tenant_uow(user) as uow:
            task_id = uow.messages.add_task(user_id=user, inbox_id=None, chat_id="2348090909090@c.us",
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
            task = uow.messages.task(task_id)
        assert task["status"] == "pending" and "ReadTimeout" in task["last_error"] and task["attempts"] == 1
        container.handle(job)  # the retry
        container.handle(job)  # a redelivered copy: already dispatched, nothing sent
        with container.tenant_uow(user) as uow:
            task = uow.messages.task(task_id)
        assert task["status"] == "dispatched" and task["attempts"] == 2
        assert len(n8n.tasks_for(str(task_id))) == 2  # the timed-out attempt and the retry; no third
    finally:
        container.close()
