"""dispatch.n8n: a task counts as handed over only when its workflow acknowledges it; outages are retried, refusals
fail the task (the customer told once, the owner alerted). Plus the owner alert emails. n8n is an httpx mock
transport: the request the handler builds is what is checked."""

from __future__ import annotations

import base64
import dataclasses
import json
import smtplib
import uuid

import httpx
import pytest

from pipelines import tasks as task_words
from pipelines.egress import EgressRefused
from schemas.jobs import DeliverReply, DispatchTask, EmailOwnerAlert
from services.adapters.egress import EgressPolicy, parse_allowlist
from services.core.crypto import seal_task_payload
from services.core.errors import PermanentError, TransientError
from services.handlers import dispatch
from services.handlers.ingest import KB_BUCKET
from services.usecases.tasks import TaskRules
from tests.unit.handlers.fakes import FakeMailer
from tests.unit.handlers.support import open_body


class N8n:
    """Answers each request with the next response given, recording what was posted."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.answers: list = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def body(self, index: int = -1) -> dict:
        return json.loads(self.requests[index].content)


@pytest.fixture
def n8n() -> N8n:
    return N8n()


@pytest.fixture
def own_n8n() -> N8n:
    return N8n()


@pytest.fixture
def mailer() -> FakeMailer:
    return FakeMailer()


@pytest.fixture
def deps(backend, keyring, storage, mailer, n8n, own_n8n) -> dispatch.DispatchDeps:
    rules = TaskRules(keyring=keyring, n8n_base_url="http://n8n:5678", email_alerts=True)
    return dispatch.DispatchDeps(
        tenant_uow=backend.tenant_uow, system_uow=backend.system_uow, keyring=keyring, signing_key=b"k" * 32,
        n8n_base_url="http://n8n:5678", public_url="https://salesboy.example.com",
        http=httpx.Client(transport=httpx.MockTransport(n8n)),
        tenant_http=httpx.Client(transport=httpx.MockTransport(own_n8n)),
        egress=EgressPolicy(parse_allowlist(""), https_only=False, resolver=lambda host, port: ["93.184.216.34"]),
        storage=storage, mailer=mailer, rules=rules, attachment_max_bytes=1000)


@pytest.fixture
def task(backend, keyring, tenant):
    backend.db.bot_config[tenant] = {"user_id": tenant, "business": {"name": "Ada's Bakery"}}
    backend.db.users[tenant] = {"id": tenant, "email": "ada@example.com"}

    def make(task_type: str = "book_calendar", **values) -> dict:
        chat_id = "15550001111@c.us"
        with backend.tenant_uow(tenant) as uow:
            uow.chat_logs.log(user_id=tenant, chat_id=chat_id, direction="inbound", inbox_id=None, outcome="task",
                              reason=None, intent="Task", trace={},
                              body=keyring.seal("book me friday 10am", tenant=tenant, chat=chat_id))
        backend.db.clock.advance(1)  # the task comes after the message that asked for it
        with backend.tenant_uow(tenant) as uow:
            task_id = uow.tasks.add_task(
                user_id=tenant, inbox_id=None, chat_id=chat_id, task_type=task_type, trace_id="0" * 32,
                payload=seal_task_payload(keyring, {"when": "Friday 10am"}, tenant=tenant, chat=chat_id))
        backend.db.tasks[task_id].update(values)
        return backend.db.tasks[task_id]
    return make


def _accepted(task_id, status: int = 202, **extra) -> httpx.Response:
    return httpx.Response(status, json={"task_id": str(task_id), **extra})


def _dispatch(deps, row) -> None:
    dispatch.dispatch_task(DispatchTask(user_id=row["user_id"], task_id=row["id"]), deps=deps)


def test_an_acknowledged_task_is_dispatched_with_what_the_workflow_needs(deps, n8n, task, tenant) -> None:
    row = task()
    n8n.answers = [_accepted(row["id"], accepted=True)]
    _dispatch(deps, row)
    assert row["status"] == "dispatched" and row["dispatched_at"] is not None and row["attempts"] == 1
    [request] = n8n.requests
    assert str(request.url) == "http://n8n:5678/webhook/book_calendar"
    assert request.headers["webhook-id"] == str(row["id"]) and request.headers["webhook-signature"]
    body = n8n.body()
    assert body["payload"] == {"when": "Friday 10am"}
    assert body["contact"] == {"chat_id": "15550001111@c.us", "phone": "+15550001111", "lid": None}
    assert body["conversation_summary"] == "customer: book me friday 10am"
    assert body["settings"]["owner_email"] == "ada@example.com"
    assert body["settings"]["sender"] == '"Ada\'s Bakery" <ada@example.com>'
    assert body["callback_url"] == "https://salesboy.example.com/api/callbacks/n8n"


def test_a_repeat_n8n_already_has_counts_as_handed_over(deps, n8n, task) -> None:
    row = task()
    n8n.answers = [_accepted(row["id"], 409, duplicate=True)]
    _dispatch(deps, row)
    assert row["status"] == "dispatched"


@pytest.mark.parametrize(("answer", "noted"), [
    (httpx.Response(503, text="busy"), "n8n answered 503"),
    (httpx.Response(429), "n8n answered 429"),
    (httpx.Response(404), "n8n answered 404 (n8n registers a workflow's webhook"),
    (httpx.Response(200), "n8n answered 200 without the workflow's acknowledgement"),
    (httpx.ConnectError("refused"), "n8n unreachable: ConnectError"),
])
def test_what_may_pass_is_retried_and_noted_on_the_task(deps, n8n, task, answer, noted) -> None:
    row = task()
    n8n.answers = [answer]
    with pytest.raises(TransientError):
        _dispatch(deps, row)
    assert row["status"] == "pending" and row["last_error"].startswith(noted)


def test_an_acknowledgement_for_another_task_is_not_one(deps, n8n, task) -> None:
    row = task()
    n8n.answers = [_accepted(uuid.uuid4(), accepted=True)]
    with pytest.raises(TransientError):
        _dispatch(deps, row)
    assert row["status"] == "pending"


def test_a_refused_task_fails_once_it_is_given_up(backend, keyring, deps, n8n, task, tenant) -> None:
    row = task()
    n8n.answers = [httpx.Response(400, text="bad payload")]
    with pytest.raises(PermanentError) as refused:
        _dispatch(deps, row)
    dispatch.fail_task(DispatchTask(user_id=tenant, task_id=row["id"]), refused.value, deps=deps)
    dispatch.fail_task(DispatchTask(user_id=tenant, task_id=row["id"]), refused.value, deps=deps)  # redelivered
    assert row["status"] == "failed" and "n8n refused the task (400)" in row["last_error"]
    assert [open_body(keyring, r) for r in backend.db.outbox.values()] == [task_words.FAILED]
    [alert] = backend.db.alerts.values()
    assert alert["kind"] == "task_failed"
    assert len(backend.publisher.jobs(EmailOwnerAlert)) == 1 and len(backend.publisher.jobs(DeliverReply)) == 1


def test_the_business_own_workflow_url_goes_through_the_guarded_client(backend, deps, n8n, own_n8n, task,
                                                                       tenant) -> None:
    backend.db.bot_config[tenant]["n8n_urls"] = {"book_calendar": "https://flows.example.com/hook"}
    row = task()
    own_n8n.answers = [_accepted(row["id"], accepted=True)]
    _dispatch(deps, row)
    assert n8n.requests == [] and str(own_n8n.requests[0].url) == "https://flows.example.com/hook"
    own_n8n.answers = [EgressRefused("flows.example.com resolves to 10.0.0.5")]
    other = task()
    with pytest.raises(PermanentError, match="was refused"):
        _dispatch(deps, other)


def test_without_any_workflow_the_task_cannot_be_dispatched(deps, n8n, task) -> None:
    row = task()
    with pytest.raises(PermanentError, match="no n8n workflow is configured for book_calendar"):
        _dispatch(dataclasses.replace(deps, n8n_base_url=None), row)
    assert n8n.requests == []


def test_a_task_no_longer_pending_is_not_sent_again(deps, n8n, task) -> None:
    row = task(status="dispatched")
    _dispatch(deps, row)
    assert n8n.requests == [] and row["attempts"] == 0


def test_an_email_task_carries_its_attachment_and_refuses_one_too_large(backend, deps, n8n, storage, task,
                                                                        tenant) -> None:
    doc = backend.db.add_document(user_id=tenant, filename="prices.pdf", mime_type="application/pdf",
                                  storage_path=f"{tenant}/prices.pdf", size_bytes=9, status="ready")
    storage.put(KB_BUCKET, doc["storage_path"], b"%PDF-1.7\n", "application/pdf")
    backend.db.bot_config[tenant]["task_settings"] = {"email_document_id": str(doc["id"])}
    row = task("send_email")
    n8n.answers = [_accepted(row["id"], accepted=True)]
    _dispatch(deps, row)
    assert n8n.body()["attachment"] == {"filename": "prices.pdf", "mime_type": "application/pdf",
                                        "data_base64": base64.b64encode(b"%PDF-1.7\n").decode()}
    doc["size_bytes"] = 5000
    with pytest.raises(PermanentError, match="limit is 1000"):
        _dispatch(deps, task("send_email"))
    del storage.objects[(KB_BUCKET, doc["storage_path"])]
    doc["size_bytes"] = 9
    with pytest.raises(PermanentError, match="missing from storage"):
        _dispatch(deps, task("send_email"))


# --- owner alert emails ---------------------------------------------------------------------------

def _alert(backend, tenant) -> dict:
    with backend.tenant_uow(tenant) as uow:
        alert_id = uow.alerts.add(user_id=tenant, key="k1", kind="handoff", title="A customer asked for a person",
                                  detail="+15550001111", task_id=None, chat_id=None)
    return backend.db.alerts[alert_id]


def test_an_alert_is_emailed_to_the_owner_once(backend, deps, mailer, task, tenant) -> None:
    task()  # the tenant's settings and account
    alert = _alert(backend, tenant)
    job = EmailOwnerAlert(user_id=tenant, alert_id=alert["id"])
    dispatch.email_alert(job, deps=deps)
    dispatch.email_alert(job, deps=deps)
    assert [(m["to"], m["subject"]) for m in mailer.sent] == [("ada@example.com",
                                                               "Salesboy: A customer asked for a person")]
    assert alert["emailed_at"] is not None
    backend.db.bot_config[tenant]["task_settings"] = {"owner_email": "desk@example.com"}
    dispatch.email_alert(EmailOwnerAlert(user_id=tenant, alert_id=_alert_with_key(backend, tenant)), deps=deps)
    assert mailer.sent[-1]["to"] == "desk@example.com"


def _alert_with_key(backend, tenant) -> uuid.UUID:
    with backend.tenant_uow(tenant) as uow:
        return uow.alerts.add(user_id=tenant, key="k2", kind="task_failed", title="A task failed", detail="",
                              task_id=None, chat_id=None)


@pytest.mark.parametrize(("error", "kind"), [
    (smtplib.SMTPResponseException(550, b"mailbox unavailable"), PermanentError),
    (smtplib.SMTPResponseException(451, b"try later"), TransientError),
    (smtplib.SMTPRecipientsRefused({"ada@example.com": (550, b"no")}), PermanentError),
    (ConnectionRefusedError("smtp down"), TransientError),
])
def test_smtp_errors_are_sorted_into_retry_or_give_up(backend, deps, mailer, task, tenant, error, kind) -> None:
    task()
    alert = _alert(backend, tenant)
    mailer.fail_with = error
    with pytest.raises(kind) as raised:
        dispatch.email_alert(EmailOwnerAlert(user_id=tenant, alert_id=alert["id"]), deps=deps)
    dispatch.email_alert_failed(EmailOwnerAlert(user_id=tenant, alert_id=alert["id"]), raised.value, deps=deps)
    assert alert["email_error"].startswith(kind.__name__)


def test_an_account_without_an_email_cannot_be_alerted(backend, deps, task, tenant) -> None:
    task()
    del backend.db.users[tenant]
    with pytest.raises(PermanentError, match="no email address"):
        dispatch.email_alert(EmailOwnerAlert(user_id=tenant, alert_id=_alert(backend, tenant)["id"]), deps=deps)
