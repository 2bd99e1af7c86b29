"""A task's life on Salesboy's side: created once, handed to n8n when a workflow is configured, and
finished once, with the customer and the owner told the truth.

Every path that ends a task (n8n's callback, a refused or exhausted dispatch, a missed callback
deadline, no workflow configured) goes through `fail` or `succeed` here, inside the caller's
transaction: replies and alerts have unique keys, so each is written once however often it runs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pipelines import tasks as words
from schemas.jobs import DeliverReply, DispatchTask, EmailOwnerAlert
from services import rows
from services.crypto import Keyring, Sealed
from services.db import UnitOfWork


@dataclass(frozen=True)
class TaskRules:
    keyring: Keyring
    n8n_base_url: str | None
    email_alerts: bool  # SMTP is configured: alerts are emailed to the owner too


def n8n_configured(rules: TaskRules, config: dict, task_type: str) -> bool:
    return bool((config.get("n8n_urls") or {}).get(task_type) or rules.n8n_base_url)


def say(uow: UnitOfWork, rules: TaskRules, task: dict, text: str, key: str) -> None:
    """One message to the task's chat, written once per key."""
    sealed = rules.keyring.seal(text, tenant=task["user_id"], chat=task["chat_id"])
    outbox_id = uow.messages.add_reply(user_id=task["user_id"], reply_key=key, inbox_id=task["inbox_id"],
                                       chat_id=task["chat_id"], body=sealed, trace_id=task["trace_id"])
    uow.publish_after_commit(DeliverReply(user_id=task["user_id"], outbox_id=outbox_id, trace_id=task["trace_id"]))


def alert_owner(uow: UnitOfWork, rules: TaskRules, *, user_id: uuid.UUID, config: dict, key: str, kind: str,
                title: str, detail: str, task_id: uuid.UUID | None, chat_id: str | None, trace_id: str,
                note: str | None = None) -> uuid.UUID | None:
    """Raise an alert once per key: a dashboard banner, a WhatsApp note to the owner's phone when one is
    set, and an email when SMTP is configured. `note` replaces the WhatsApp text (it may quote the
    customer: it is sealed in the outbox, unlike the alert row)."""
    alert_id = uow.alerts.add(user_id=user_id, key=key, kind=kind, title=title, detail=detail, task_id=task_id,
                              chat_id=chat_id)
    if alert_id is None:
        return None
    owner = config.get("owner_notify_phone")
    if owner:
        chat = owner.lstrip("+") + "@c.us"
        sealed = rules.keyring.seal(note or words.owner_note(title, detail), tenant=user_id, chat=chat)
        outbox_id = uow.messages.add_reply(user_id=user_id, reply_key=f"alert:{key}", inbox_id=None, chat_id=chat,
                                           body=sealed, trace_id=trace_id)
        uow.publish_after_commit(DeliverReply(user_id=user_id, outbox_id=outbox_id, trace_id=trace_id))
    if rules.email_alerts:
        uow.publish_after_commit(EmailOwnerAlert(user_id=user_id, alert_id=alert_id, trace_id=trace_id))
    uow.audit.log(user_id, "owner.alerted", {"kind": kind, "task_id": str(task_id) if task_id else None,
                                             "whatsapp": bool(owner), "email": rules.email_alerts})
    return alert_id


def fail(uow: UnitOfWork, rules: TaskRules, task: dict, reason: str, *, config: dict | None = None) -> bool:
    """Mark an open task failed with the reason, tell the customer once that a person will follow up,
    and alert the owner. False when the task had already finished."""
    if task["status"] in ("succeeded", "failed"):
        return False
    if config is None:
        config = uow.messages.bot_config(task["user_id"]) or {}
    reason = reason[:1000]
    uow.messages.set_task(task["id"], status="failed", error=reason)
    uow.audit.log(task["user_id"], "task.failed", {"task_id": str(task["id"]), "task_type": task["task_type"],
                                                   "reason": reason})
    text = words.failure_reply(task["task_type"])
    if text:
        say(uow, rules, task, text, f"task:{task['id']}:failed")
    title, detail = words.failed_alert(task["task_type"], words.contact_label(None, task["chat_id"]), reason)
    alert_owner(uow, rules, user_id=task["user_id"], config=config, key=f"task:{task['id']}:failed",
                kind="task_failed", title=title, detail=detail, task_id=task["id"], chat_id=task["chat_id"],
                trace_id=task["trace_id"])
    return True


def succeeded(uow: UnitOfWork, rules: TaskRules, task: dict, reply_text: str | None) -> None:
    """Tell the customer a task is done: n8n's words, or a default for the type."""
    text = words.success_reply(task["task_type"], reply_text)
    if text:
        say(uow, rules, task, text, f"task:{task['id']}:done")


def create(uow: UnitOfWork, rules: TaskRules, *, user_id: uuid.UUID, inbox_id: uuid.UUID | None, chat_id: str,
           task_type: str, payload: Sealed, trace_id: str, config: dict, contact: str | None = None,
           handoff_note: str | None = None) -> tuple[uuid.UUID, bool]:
    """The task for a request (created once per inbound message and type) and whether it goes to n8n.

    Without a workflow for the type, a task fails at once (the customer hears one message, the owner
    is alerted); a hand-off then succeeds, because alerting the owner is what it asks for.
    """
    existing = uow.messages.task_for_inbound(inbox_id, task_type) if inbox_id else None
    if existing is not None:
        return existing, rows.existing(uow.messages.task(existing), "task")["status"] in ("pending", "dispatched")
    task_id = uow.messages.add_task(user_id=user_id, inbox_id=inbox_id, chat_id=chat_id, task_type=task_type,
                                    payload=payload, trace_id=trace_id)
    via_n8n = n8n_configured(rules, config, task_type)
    if task_type == words.HANDOFF:
        title, detail = words.handoff_alert(contact or words.contact_label(None, chat_id), via_n8n)
        alert_owner(uow, rules, user_id=user_id, config=config, key=f"handoff:{task_id}", kind="handoff",
                    title=title, detail=detail, task_id=task_id, chat_id=chat_id, trace_id=trace_id,
                    note=handoff_note)
        if not via_n8n:
            uow.messages.set_task(task_id, status="succeeded", result={"owner_alerted_by": "salesboy"})
            uow.audit.log(user_id, "task.succeeded", {"task_id": str(task_id), "task_type": task_type})
            return task_id, False
    elif not via_n8n:
        fail(uow, rules, rows.existing(uow.messages.task(task_id), "task"),
             f"no n8n workflow is configured for {task_type}", config=config)
        return task_id, False
    uow.publish_after_commit(DispatchTask(user_id=user_id, task_id=task_id, trace_id=trace_id))
    return task_id, True
