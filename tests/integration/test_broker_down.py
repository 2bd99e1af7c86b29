"""A request whose rows committed but whose next job could not be enqueued has succeeded: the sweeper sends
the job once the broker answers again (and n8n is not made to retry a callback already recorded). The
broker here is Salesboy's real Celery publisher pointed at a Redis port nothing listens on, so every
publish fails as it does when Redis is down."""

from __future__ import annotations

import io
import json
import logging
import socket
import uuid
from datetime import timedelta

import pytest

from api import create_app
from schemas.jobs import ExtractDocument, ProvisionTenant, SendAccountEmail, new_trace_id
from schemas.settings import DEV_N8N_CALLBACK_SECRETS
from services.adapters.celery_app import CeleryPublisher, make_celery
from services.adapters.signing import secret_key, signed_headers
from services.bootstrap import bootstrap
from services.core.crypto import seal_task_payload
from services.handlers import ingest, mail
from services.handlers.tenant import provision_tenant
from services.usecases import accounts, sign_up
from services.usecases.apikeys import create_api_key
from tests.conftest import create_user


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    celery = make_celery(settings.model_copy(update={"celery_broker_url": None}),
                         f"redis://127.0.0.1:{_closed_port()}/0")
    built = bootstrap(settings, database_url=settings.database_url, redis_url=settings.redis_url,
                      publisher=CeleryPublisher(celery))
    try:
        yield built
    finally:
        built.close()


def test_an_upload_stored_while_the_broker_is_down_is_accepted_and_left_for_the_sweeper(settings, broker_down,
                                                                                        caplog):
    user = create_user(broker_down)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=broker_down.tenant_uow)
    key, _ = create_api_key(broker_down.tenant_uow, user, "tests")
    client = create_app(settings, broker_down).test_client()

    with caplog.at_level(logging.WARNING, logger="services.usecases.kb"):
        answer = client.post("/api/kb/upload", headers={"X-API-KEY": key},
                             data={"file": (io.BytesIO(b"Suya is 1500 NGN a stick."), "menu.txt")},
                             content_type="multipart/form-data")

    assert answer.status_code == 202, answer.get_data(as_text=True)
    document = answer.get_json()["document"]
    assert document["status"] == "queued"
    assert any("left for the sweeper" in r.getMessage() for r in caplog.records)
    stored, _ = broker_down.kb.get_document(user, document["id"])
    assert stored.status == "queued"
    # The file stays in storage, so the job the sweeper re-sends finds something to extract.
    with broker_down.tenant_uow(user) as uow:
        path = uow.kb.get(stored.id).storage_path
    assert broker_down.storage.get(ingest.KB_BUCKET, path) == b"Suya is 1500 NGN a stick."
    with broker_down.system_uow() as uow:
        resent = ingest.stuck_documents(broker_down.ingest, 0)(uow)
    assert (user, stored.id) in [(j.user_id, j.document_id) for j in resent if isinstance(j, ExtractDocument)]


def test_a_sign_up_stored_while_the_broker_is_down_is_emailed_by_the_sweeper(broker_down):
    email = f"late-{uuid.uuid4().hex[:12]}@example.test"
    sign_up.request_sign_up(broker_down.sign_up_deps, email, "a long enough password", "Ada")  # no error: it is stored

    with broker_down.system_uow() as uow:
        (request_id,) = [r[0] for r in uow.conn.execute(
            "select id from public.account_email_requests where email = %s and sent_at is null", [email])]
        assert request_id not in [j.request_id for j in mail.stuck_account_emails(uow)], "too soon to call it lost"
        uow.conn.execute("update public.account_email_requests set created_at = created_at - %s where id = %s",
                         [mail.STUCK_AFTER + timedelta(seconds=1), request_id])
    with broker_down.system_uow() as uow:
        resent = mail.stuck_account_emails(uow)
    assert request_id in [j.request_id for j in resent if isinstance(j, SendAccountEmail)]


def test_a_callback_recorded_while_the_broker_is_down_is_answered_and_its_reply_left_for_the_sweeper(
        settings, broker_down, caplog):
    user = create_user(broker_down)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=broker_down.tenant_uow)
    chat = "2348073737373@c.us"
    sealed = seal_task_payload(broker_down.keyring, {"emails": ["ada@example.com"]}, tenant=user, chat=chat)
    with broker_down.tenant_uow(user) as uow:
        task_id = uow.tasks.add_task(user_id=user, inbox_id=None, chat_id=chat, task_type="send_email",
                                     payload=sealed, trace_id=new_trace_id())
    body = json.dumps({"task_id": str(task_id), "tenant": str(user), "status": "succeeded",
                       "result": {"message_id": "smtp-1"}, "reply_text": "Sent to your inbox."}).encode()
    headers = signed_headers(secret_key(DEV_N8N_CALLBACK_SECRETS), f"cb_{uuid.uuid4().hex}", body)
    client = create_app(settings, broker_down).test_client()

    with caplog.at_level(logging.WARNING, logger="services.usecases.tasks"):
        answer = client.post("/api/callbacks/n8n", data=body, headers={**headers, "content-type": "application/json"})

    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.get_json() == {"task_id": str(task_id), "status": "succeeded"}
    assert any("left for the sweeper" in r.getMessage() for r in caplog.records)
    with broker_down.tenant_uow(user) as uow:
        assert uow.tasks.task(task_id).status == "succeeded"
        (reply,) = uow.conn.execute("select id, status from public.outbox where reply_key = %s",
                                    [f"task:{task_id}:done"]).fetchall()
    assert reply[1] == "pending"  # stored, not sent: the stuck-message sweeper delivers it
    # Left for the sweeper in this test only: other tests' sweeps must not deliver it.
    with broker_down.system_uow() as uow:
        uow.conn.execute("update public.outbox set status = 'failed' where id = %s", [reply[0]])


def test_a_reset_request_stored_while_the_broker_is_down_is_accepted(broker_down, caplog):
    email = f"forgot-{uuid.uuid4().hex[:12]}@example.test"
    with caplog.at_level(logging.WARNING, logger="services.usecases.accounts"):
        accounts.request_reset(broker_down.account_deps, email)  # no error: it is stored
    assert any("left for the sweeper" in r.getMessage() for r in caplog.records)
    with broker_down.system_uow() as uow:
        stored = uow.conn.execute("select purpose from public.account_email_requests where email = %s",
                                  [email]).fetchall()
    assert stored == [("password_reset",)]


def test_an_api_task_and_a_re_embed_stored_while_the_broker_is_down_answer_success(settings, broker_down):
    user = create_user(broker_down)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=broker_down.tenant_uow)
    key, _ = create_api_key(broker_down.tenant_uow, user, "tests")
    client = create_app(settings, broker_down).test_client()

    created = client.post("/api/v1/tasks", headers={"X-API-KEY": key},
                          json={"task_type": "human_handoff", "chat_id": "2348073737373@c.us",
                                "message": "Please call me back."})
    assert created.status_code == 201, created.get_data(as_text=True)
    with broker_down.tenant_uow(user) as uow:
        assert uow.tasks.task(uuid.UUID(created.get_json()["id"])).status == "pending"  # the sweeper sends it
        uow.conn.execute("update public.tasks set status = 'failed' where id = %s", [created.get_json()["id"]])

    # A document that finished once, restarted while the broker is down.
    document = client.post("/api/v1/kb/upload", headers={"X-API-KEY": key},
                           data={"file": (io.BytesIO(b"Suya is 1500 NGN a stick."), "menu.txt")},
                           content_type="multipart/form-data").get_json()["document"]
    with broker_down.tenant_uow(user) as uow:
        uow.kb.update(uuid.UUID(document["id"]), status="ready", progress=100, error=None)
    again = client.post(f"/api/v1/kb/{document['id']}/reembed", headers={"X-API-KEY": key})
    assert again.status_code in (200, 202), again.get_data(as_text=True)
    assert broker_down.kb.get_document(user, document["id"])[0].status == "queued"
