"""dispatch.n8n: hand a task to the tenant's n8n workflow over signed HTTP.

The body is signed with the Standard Webhooks scheme and `webhook-id` is the task id, so n8n
drops a repeat (409). The business's task settings (order endpoint, owner email, calendar mode,
sender, the email to send) travel in the body: n8n holds only the signing secrets and credentials.

A task counts as handed over only when the workflow itself acknowledged it: 202 with
`{"accepted": true, "task_id": <this task>}` (or 409 naming it: n8n already has it). Anything else
is retried with backoff by the task runner: 5xx, 429, timeouts, an empty 200 (a workflow that
crashed before accepting, e.g. without its signing secret) and 404 (n8n registers production
webhooks a few seconds after it starts). Other 4xx are final. A task that cannot be handed over is
failed with the reason: the customer hears once that a person will follow up, the owner is alerted.

A URL the business set goes through the guarded client (the egress policy, checked on the
address actually connected to); the operator's N8N_BASE_URL is trusted and may be internal.
"""

from __future__ import annotations

import base64
import json
import smtplib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from pipelines.egress import EgressRefused
from pipelines.tasks import callback_deadline
from schemas.bot import BotSettings, TaskSettings
from schemas.jobs import DispatchTask, EmailOwnerAlert, QueuedJob
from services.adapters.egress import EgressPolicy
from services.adapters.mailer import Mailer
from services.adapters.ports import Storage, StorageObjectMissingError, UnitOfWork
from services.adapters.signing import signed_headers
from services.core.crypto import Keyring
from services.core.errors import PermanentError, TransientError
from services.handlers.ingest import KB_BUCKET
from services.repositories.chat_logs import LoggedTurn
from services.repositories.rows import existing
from services.repositories.tasks import TaskRow
from services.usecases import tasks

RETRIED_STATUSES = {404, 408, 425, 429}


@dataclass
class DispatchDeps:
    tenant_uow: Callable[[uuid.UUID], UnitOfWork]
    system_uow: Callable[[], UnitOfWork]
    keyring: Keyring
    signing_key: bytes
    n8n_base_url: str | None
    public_url: str
    http: httpx.Client  # for the operator's N8N_BASE_URL
    tenant_http: httpx.Client  # for the business's own n8n_urls: refuses internal addresses
    egress: EgressPolicy
    storage: Storage
    mailer: Mailer
    rules: tasks.TaskRules
    attachment_max_bytes: int


def dispatch_task(job: DispatchTask, *, deps: DispatchDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        task = uow.tasks.task(job.task_id, lock=True)
        if task is None or task.status != "pending":
            return
        settings = uow.bot_config.get()
        own = settings.n8n_urls.get(task.task_type)
        own_url = str(own) if own else None
        url = own_url or (
            f"{deps.n8n_base_url.rstrip('/')}/webhook/{task.task_type}" if deps.n8n_base_url else None)
        inbound = uow.inbox.inbound(task.inbox_id) if task.inbox_id else None
        history = uow.chat_logs.history(task.chat_id, task.created_at, 6)
        uow.tasks.set_task(job.task_id, status="pending", count_attempt=True)
    if url is None:
        raise PermanentError(f"no n8n workflow is configured for {task.task_type}")
    summary = "\n".join(f"{'customer' if h.direction == 'inbound' else 'business'}: {_text(deps, job, task, h)}"
                        for h in history)
    document: dict[str, object] = {
        "task_id": str(job.task_id), "tenant": str(job.user_id), "task_type": task.task_type,
        "payload": task.open_payload(deps.keyring),
        "contact": {"chat_id": task.chat_id,
                    "phone": inbound.sender_phone if inbound else _phone_of(task.chat_id),
                    "lid": inbound.sender_lid if inbound else None},
        "conversation_summary": summary,
        "settings": _settings(deps, job.user_id, settings),
        "callback_url": f"{deps.public_url.rstrip('/')}/api/callbacks/n8n",
    }
    if task.task_type == "send_email":
        document["attachment"] = _attachment(deps, job.user_id, settings.task_settings)
    body = json.dumps(document).encode()
    headers = {"content-type": "application/json", **signed_headers(deps.signing_key, str(job.task_id), body)}
    client = deps.tenant_http if own_url else deps.http
    try:
        response = client.post(url, content=body, headers=headers)
    except EgressRefused as exc:  # no connection was made; what was refused is in the operator log
        raise PermanentError(f"the n8n URL for {task.task_type} was refused: {exc}") from None
    except httpx.HTTPError as exc:
        _note(deps, job, f"n8n unreachable: {type(exc).__name__}")
        raise TransientError(f"n8n unreachable at {url}: {type(exc).__name__}: {exc}") from exc
    status = response.status_code
    if status in (202, 409) and _names_task(response, job.task_id, duplicate=status == 409):
        with deps.tenant_uow(job.user_id) as uow:
            uow.tasks.mark_dispatched(job.task_id)
        return
    if status >= 500 or status in RETRIED_STATUSES:
        hint = " (n8n registers a workflow's webhook a few seconds after it starts or is activated)" \
            if status == 404 else ""
        _note(deps, job, f"n8n answered {status}{hint}")
        raise TransientError(f"n8n answered {status}{hint}: {response.text[:300]}")
    if status >= 400:
        raise PermanentError(f"n8n refused the task ({status}): {response.text[:300]}")
    problem = (f"n8n answered {status} without the workflow's acknowledgement "
               f"({response.text[:200] or 'empty body'}): the workflow may have stopped before accepting the "
               "task; check its executions and that SALESBOY_SIGNING_SECRET is set in n8n")
    _note(deps, job, problem)
    raise TransientError(problem)


def _phone_of(chat_id: str) -> str | None:
    number, _, kind = chat_id.partition("@")
    return f"+{number}" if kind == "c.us" and number.isdigit() else None


def _names_task(response: httpx.Response, task_id: uuid.UUID, *, duplicate: bool) -> bool:
    try:
        answer = response.json()
    except ValueError:
        return False
    if not isinstance(answer, dict) or answer.get("task_id") != str(task_id):
        return False
    return answer.get("duplicate") is True if duplicate else answer.get("accepted") is True


def _settings(deps: DispatchDeps, user_id: uuid.UUID, settings: BotSettings) -> dict:
    """The business's task settings as the workflows read them."""
    chosen = settings.task_settings
    order_url = str(chosen.order_url) if chosen.order_url else None
    if order_url:
        try:  # checked on save; checked again here, as the address may resolve elsewhere now
            deps.egress.check_url(order_url)
        except EgressRefused as exc:
            raise PermanentError(f"the order endpoint was refused: {exc}") from None
    owner_email = chosen.owner_email
    if owner_email is None:
        with deps.system_uow() as uow:
            owner_email = uow.users.email_of(user_id)
    sender_email = chosen.sender_email or owner_email
    business = settings.business.name
    sender_name = chosen.sender_name or business
    text = chosen.email_text + (f"\n{chosen.email_link}\n" if chosen.email_link else "")
    return {
        "business_name": business,
        "owner_email": owner_email,
        "sender": f'"{sender_name}" <{sender_email}>' if sender_name and sender_email else sender_email,
        "order_url": order_url,
        "calendar_mode": chosen.calendar_mode,
        "calendar_id": chosen.calendar_id,
        "booking_minutes": chosen.booking_minutes,
        "email_subject": chosen.email_subject,
        "email_text": text,
    }


def _attachment(deps: DispatchDeps, user_id: uuid.UUID, chosen: TaskSettings) -> dict | None:
    """The knowledge base document the business attaches to its emails, inline (base64)."""
    if chosen.email_document_id is None:
        return None
    with deps.tenant_uow(user_id) as uow:
        row = uow.kb.get(chosen.email_document_id)
    if row is None:
        raise PermanentError("the document to attach to the email is no longer in the knowledge base")
    if row.size_bytes > deps.attachment_max_bytes:
        raise PermanentError(f"the document to attach is {row.size_bytes} bytes; the limit is "
                             f"{deps.attachment_max_bytes} (TASK_ATTACHMENT_MAX_BYTES)")
    try:
        data = deps.storage.get(KB_BUCKET, row.storage_path)
    except StorageObjectMissingError:
        raise PermanentError("the document to attach to the email is missing from storage") from None
    return {"filename": row.filename, "mime_type": row.mime_type,
            "data_base64": base64.b64encode(data).decode()}


def _text(deps: DispatchDeps, job: DispatchTask, task: TaskRow, logged: LoggedTurn) -> str:
    return deps.keyring.open(logged.body, tenant=job.user_id, chat=task.chat_id)


def _note(deps: DispatchDeps, job: DispatchTask, error: str) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        uow.tasks.set_task(job.task_id, status="pending", error=error[:1000])


def fail_task(job: DispatchTask, error: BaseException, *, deps: DispatchDeps) -> None:
    """Give-up handler: the task could not be handed to n8n."""
    with deps.tenant_uow(job.user_id) as uow:
        task = uow.tasks.task(job.task_id, lock=True)
        if task is not None:
            tasks.fail(uow, deps.rules, task, str(error))


def stuck_tasks(deps: DispatchDeps, *, pending_after: float, max_dispatches: int, deadlines: dict[str, float],
                default_deadline: float):
    """Sweeper finder: re-send tasks whose dispatch job was lost; fail tasks n8n accepted but never
    reported on within their type's deadline."""
    def find(uow: UnitOfWork) -> list[QueuedJob]:
        jobs: list[QueuedJob] = []
        for row in uow.tasks.stuck_pending_tasks(pending_after):
            if row.attempts >= max_dispatches:
                task = existing(uow.tasks.task(row.id, lock=True), "task")
                tasks.fail(uow, deps.rules, task, f"gave up after {row.attempts} attempts to hand the task "
                                                  f"to n8n: {task.last_error or 'no answer'}")
                continue
            uow.tasks.set_task(row.id, status="pending")  # resets the clock
            jobs.append(DispatchTask(user_id=row.user_id, task_id=row.id, trace_id=row.trace_id))
        for task in uow.tasks.overdue_tasks(deadlines, default_deadline):
            waited = callback_deadline(task.task_type, deadlines, default_deadline)
            tasks.fail(uow, deps.rules, task, f"n8n accepted the task but did not report back within "
                                              f"{round(waited / 60, 1):g} minutes")
        return jobs

    find.__name__ = "stuck_tasks"
    return find


def email_alert(job: EmailOwnerAlert, *, deps: DispatchDeps) -> None:
    """Email an owner alert to the business's owner email (or the account's)."""
    with deps.tenant_uow(job.user_id) as uow:
        alert = uow.alerts.get(job.alert_id)
        if alert is None or alert.emailed_at is not None:
            return
        to = uow.bot_config.get().task_settings.owner_email
    if not to:
        with deps.system_uow() as uow:
            to = uow.users.email_of(job.user_id)
    if not to:
        raise PermanentError("the account has no email address")
    body = f"{alert.title}.\n\n{alert.detail}\n\nSee the Salesboy dashboard for the conversation.\n"
    try:
        deps.mailer.send(to, f"Salesboy: {alert.title}", body)
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:
            raise PermanentError(f"SMTP refused the alert: {exc.smtp_code} {exc.smtp_error!r}") from exc
        raise TransientError(f"SMTP: {exc.smtp_code} {exc.smtp_error!r}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentError(f"SMTP refused the owner's address: {exc.recipients}") from exc
    except OSError as exc:  # connection problems (smtplib's own errors are OSErrors too)
        raise TransientError(f"SMTP: {type(exc).__name__}: {exc}") from exc
    with deps.tenant_uow(job.user_id) as uow:
        uow.alerts.set_emailed(job.alert_id)


def email_alert_failed(job: EmailOwnerAlert, error: BaseException, *, deps: DispatchDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        uow.alerts.set_emailed(job.alert_id, error=f"{type(error).__name__}: {error}"[:1000])
