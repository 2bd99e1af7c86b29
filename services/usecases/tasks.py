"""A task's life on Salesboy's side: created once, handed to n8n when a workflow is configured, and
finished once, with the customer and the owner told the truth.

Every path that ends a task (n8n's callback, a refused or exhausted dispatch, a missed callback
deadline, no workflow configured) goes through `fail` or `succeed` here, inside the caller's
transaction: replies and alerts have unique keys, so each is written once however often it runs.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pipelines import tasks as words
from schemas.bot import BotSettings
from schemas.jobs import DeliverReply, DispatchTask, EmailOwnerAlert
from schemas.messages import TaskCallback, TaskRequest
from services.adapters.ports import UnitOfWork
from services.core.crypto import Keyring, Sealed, seal_task_payload
from services.repositories import rows
from services.repositories.db import PublishAfterCommitError, TenantUow
from services.repositories.tasks import TaskRow, TaskSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskRules:
    keyring: Keyring
    n8n_base_url: str | None
    email_alerts: bool  # SMTP is configured: alerts are emailed to the owner too


def n8n_configured(rules: TaskRules, settings: BotSettings, task_type: str) -> bool:
    return bool(settings.n8n_urls.get(task_type) or rules.n8n_base_url)


def say(uow: UnitOfWork, rules: TaskRules, task: TaskRow, text: str, key: str) -> None:
    """One message to the task's chat, written once per key."""
    sealed = rules.keyring.seal(text, tenant=task.user_id, chat=task.chat_id)
    outbox_id = uow.outbox.add_reply(user_id=task.user_id, reply_key=key, inbox_id=task.inbox_id,
                                     chat_id=task.chat_id, body=sealed, trace_id=task.trace_id)
    uow.publish_after_commit(DeliverReply(user_id=task.user_id, outbox_id=outbox_id, trace_id=task.trace_id))


def alert_owner(uow: UnitOfWork, rules: TaskRules, *, user_id: uuid.UUID, settings: BotSettings, key: str, kind: str,
                title: str, detail: str, task_id: uuid.UUID | None, chat_id: str | None, trace_id: str,
                note: str | None = None) -> uuid.UUID | None:
    """Raise an alert once per key: a dashboard banner, a WhatsApp note to the owner's phone when one is
    set, and an email when SMTP is configured. `note` replaces the WhatsApp text (it may quote the
    customer: it is sealed in the outbox, unlike the alert row)."""
    alert_id = uow.alerts.add(user_id=user_id, key=key, kind=kind, title=title, detail=detail, task_id=task_id,
                              chat_id=chat_id)
    if alert_id is None:
        return None
    owner = settings.owner_notify_phone
    if owner:
        chat = owner.lstrip("+") + "@c.us"
        sealed = rules.keyring.seal(note or words.owner_note(title, detail), tenant=user_id, chat=chat)
        outbox_id = uow.outbox.add_reply(user_id=user_id, reply_key=f"alert:{key}", inbox_id=None, chat_id=chat,
                                         body=sealed, trace_id=trace_id)
        uow.publish_after_commit(DeliverReply(user_id=user_id, outbox_id=outbox_id, trace_id=trace_id))
    if rules.email_alerts:
        uow.publish_after_commit(EmailOwnerAlert(user_id=user_id, alert_id=alert_id, trace_id=trace_id))
    uow.audit.log(user_id, "owner.alerted", {"kind": kind, "task_id": str(task_id) if task_id else None,
                                             "whatsapp": bool(owner), "email": rules.email_alerts})
    return alert_id


def fail(uow: UnitOfWork, rules: TaskRules, task: TaskRow, reason: str, *, settings: BotSettings | None = None) -> bool:
    """Mark an open task failed with the reason, tell the customer once that a person will follow up,
    and alert the owner. False when the task had already finished."""
    if task.finished:
        return False
    if settings is None:
        settings = uow.bot_config.get(task.user_id)
    reason = reason[:1000]
    uow.tasks.set_task(task.id, status="failed", error=reason)
    uow.audit.log(task.user_id, "task.failed", {"task_id": str(task.id), "task_type": task.task_type,
                                                "reason": reason})
    text = words.failure_reply(task.task_type)
    if text:
        say(uow, rules, task, text, f"task:{task.id}:failed")
    title, detail = words.failed_alert(task.task_type, words.contact_label(None, task.chat_id), reason)
    alert_owner(uow, rules, user_id=task.user_id, settings=settings, key=f"task:{task.id}:failed",
                kind="task_failed", title=title, detail=detail, task_id=task.id, chat_id=task.chat_id,
                trace_id=task.trace_id)
    return True


def succeeded(uow: UnitOfWork, rules: TaskRules, task: TaskRow, reply_text: str | None) -> None:
    """Tell the customer a task is done: n8n's words, or a default for the type."""
    text = words.success_reply(task.task_type, reply_text)
    if text:
        say(uow, rules, task, text, f"task:{task.id}:done")


def create(uow: UnitOfWork, rules: TaskRules, *, user_id: uuid.UUID, inbox_id: uuid.UUID | None, chat_id: str,
           task_type: str, payload: Sealed, trace_id: str, settings: BotSettings, contact: str | None = None,
           handoff_note: str | None = None) -> tuple[uuid.UUID, bool]:
    """The task for a request (created once per inbound message and type) and whether it goes to n8n.

    Without a workflow for the type, a task fails at once (the customer hears one message, the owner
    is alerted); a hand-off then succeeds, because alerting the owner is what it asks for.
    """
    existing = uow.tasks.task_for_inbound(inbox_id, task_type) if inbox_id else None
    if existing is not None:
        return existing, rows.existing(uow.tasks.task(existing), "task").status in ("pending", "dispatched")
    task_id = uow.tasks.add_task(user_id=user_id, inbox_id=inbox_id, chat_id=chat_id, task_type=task_type,
                                 payload=payload, trace_id=trace_id)
    via_n8n = n8n_configured(rules, settings, task_type)
    if task_type == words.HANDOFF:
        title, detail = words.handoff_alert(contact or words.contact_label(None, chat_id), via_n8n)
        alert_owner(uow, rules, user_id=user_id, settings=settings, key=f"handoff:{task_id}", kind="handoff",
                    title=title, detail=detail, task_id=task_id, chat_id=chat_id, trace_id=trace_id,
                    note=handoff_note)
        if not via_n8n:
            uow.tasks.set_task(task_id, status="succeeded", result={"owner_alerted_by": "salesboy"})
            uow.audit.log(user_id, "task.succeeded", {"task_id": str(task_id), "task_type": task_type})
            return task_id, False
    elif not via_n8n:
        fail(uow, rules, rows.existing(uow.tasks.task(task_id), "task"),
             f"no n8n workflow is configured for {task_type}", settings=settings)
        return task_id, False
    uow.publish_after_commit(DispatchTask(user_id=user_id, task_id=task_id, trace_id=trace_id))
    return task_id, True


# --- use cases for the API: n8n's callback and the tenant's task endpoints ---------------------------


class UnknownTaskError(LookupError):
    """No such task for this tenant (RLS hides other tenants' tasks: theirs are unknown, never forbidden)."""


class TaskAlreadyFinalError(RuntimeError):
    def __init__(self, status: str) -> None:
        super().__init__(f"the task is already {status}")
        self.status = status


class TaskTypeNotAllowedError(ValueError):
    def __init__(self, task_type: str, allowed: list[str]) -> None:
        super().__init__(f"{task_type} is not one of the business's allowed_task_types (nor human_handoff)")
        self.allowed = allowed


@dataclass(frozen=True)
class CallbackRecorded:
    task_id: uuid.UUID
    status: str
    enqueued: bool  # False: committed, but its replies and alerts wait for the sweeper


@dataclass(frozen=True)
class CreatedTask:
    id: uuid.UUID
    status: str
    dispatched: bool


def record_callback(tenant_uow: TenantUow, rules: TaskRules, callback: TaskCallback,
                    webhook_id: str) -> CallbackRecorded:
    """Finish a task as n8n reports it, once: the customer and the owner are told in the same transaction."""
    try:
        with tenant_uow(callback.tenant) as uow:
            task = uow.tasks.task(callback.task_id, lock=True)
            if task is None:
                raise UnknownTaskError(str(callback.task_id))
            if task.finished:
                raise TaskAlreadyFinalError(task.status)
            received = {"webhook_id": webhook_id, "status": callback.status, "at": datetime.now(UTC).isoformat(),
                        "reply": callback.reply_text is not None}
            if callback.status == "failed":
                # The customer hears once that a person will follow up; the owner is alerted with the reason.
                reason = str(callback.result.get("error") or "the workflow reported a failure")
                fail(uow, rules, task, f"n8n: {reason}")
            else:
                uow.audit.log(callback.tenant, "task.succeeded", {"task_id": str(callback.task_id),
                                                                  "task_type": task.task_type})
                succeeded(uow, rules, task, callback.reply_text)
            uow.tasks.finish_task(callback.task_id, status=callback.status, result=callback.result,
                                  callback=received)
    except PublishAfterCommitError as exc:
        # The task is finished and its replies are stored: the stuck-message sweeper sends them. Answering
        # an error here would only make n8n retry a callback that is already recorded.
        log.warning("n8n callback recorded; its messages are left for the sweeper",
                    extra={"task_id": str(callback.task_id), "error": str(exc)})
        return CallbackRecorded(callback.task_id, callback.status, enqueued=False)
    return CallbackRecorded(callback.task_id, callback.status, enqueued=True)


def create_requested(tenant_uow: TenantUow, rules: TaskRules, user_id: uuid.UUID, wanted: TaskRequest, *,
                     trace_id: str) -> CreatedTask:
    """A task the tenant asks for through the API, handled as one a customer asked for in a message."""
    try:
        with tenant_uow(user_id) as uow:
            settings = uow.bot_config.get()
            allowed = {*settings.allowed_task_types, words.HANDOFF}
            if wanted.task_type not in allowed:
                raise TaskTypeNotAllowedError(wanted.task_type, sorted(allowed))
            if wanted.task_type == words.HANDOFF:
                uow.chats.start_handoff(user_id, wanted.chat_id)
            sealed = seal_task_payload(rules.keyring, wanted.payload(), tenant=user_id, chat=wanted.chat_id)
            task_id, handed_over = create(uow, rules, user_id=user_id, inbox_id=None, chat_id=wanted.chat_id,
                                          task_type=wanted.task_type, payload=sealed, trace_id=trace_id,
                                          settings=settings)
            uow.audit.log(user_id, "task.created", {"task_id": str(task_id), "task_type": wanted.task_type,
                                                    "via": "api"})
            status = rows.existing(uow.tasks.task(task_id), "task").status
    except PublishAfterCommitError as exc:
        # Committed as pending: the sweeper dispatches it once the broker answers again.
        log.warning("task created; its dispatch is left for the sweeper",
                    extra={"task_id": str(task_id), "error": str(exc)})
    return CreatedTask(task_id, status, handed_over)


def listed(tenant_uow: TenantUow, user_id: uuid.UUID, *, status: str | None, task_type: str | None,
           since: datetime | None, until: datetime | None, limit: int, after) -> list[TaskSummary]:
    with tenant_uow(user_id) as uow:
        return uow.tasks.page(status=status, task_type=task_type, since=since, until=until, limit=limit,
                              after=after)


def find(tenant_uow: TenantUow, user_id: uuid.UUID, task_id: uuid.UUID) -> TaskRow | None:
    with tenant_uow(user_id) as uow:
        return uow.tasks.task(task_id)
