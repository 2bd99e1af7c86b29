"""dispatch.n8n: hand a task to the tenant's n8n workflow over signed HTTP.

The body is signed with the Standard Webhooks scheme and `webhook-id` is the
task id, so n8n can drop a repeat. 5xx and timeouts are retried (with backoff,
by the task runner); a 4xx is final. A task that cannot be handed over is
marked failed with the reason, the owner sees it in the audit log, and the
customer is told someone will get back to them rather than left in silence.

A URL the business set goes through the guarded client (the egress policy, checked on the
address actually connected to); the operator's N8N_BASE_URL is trusted and may be internal.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from pipelines.egress import EgressRefused
from schemas.jobs import DeliverReply, DispatchTask, QueuedJob
from services.crypto import Keyring, Sealed, open_task_payload
from services.db import UnitOfWork
from services.errors import PermanentError, TransientError
from services.signing import signed_headers

FALLBACK_REPLY = "Thanks for your message. We couldn't complete that automatically; someone from our team will " \
                 "get back to you shortly."


@dataclass
class DispatchDeps:
    tenant_uow: Callable[[uuid.UUID], UnitOfWork]
    keyring: Keyring
    signing_key: bytes
    n8n_base_url: str | None
    public_url: str
    http: httpx.Client  # for the operator's N8N_BASE_URL
    tenant_http: httpx.Client  # for the business's own n8n_urls: refuses internal addresses


def dispatch_task(job: DispatchTask, *, deps: DispatchDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        task = uow.messages.task(job.task_id, lock=True)
        if task is None or task["status"] != "pending":
            return
        config = uow.messages.bot_config() or {}
        own_url = (config.get("n8n_urls") or {}).get(task["task_type"])
        url = own_url or (
            f"{deps.n8n_base_url.rstrip('/')}/webhook/{task['task_type']}" if deps.n8n_base_url else None)
        inbound = uow.messages.inbound(task["inbox_id"]) if task["inbox_id"] else None
        history = uow.messages.history(task["chat_id"], task["created_at"], 6)
        uow.messages.set_task(job.task_id, status="pending", count_attempt=True)
    if url is None:
        fail_task(job, PermanentError(f"no n8n workflow is configured for {task['task_type']}"), deps=deps)
        return
    summary = "\n".join(f"{'customer' if h['direction'] == 'inbound' else 'business'}: {_text(deps, job, task, h)}"
                        for h in history)
    body = json.dumps({
        "task_id": str(job.task_id), "tenant": str(job.user_id), "task_type": task["task_type"],
        "payload": open_task_payload(deps.keyring, task),
        "contact": {"chat_id": task["chat_id"], "phone": inbound and inbound["sender_phone"],
                    "lid": inbound and inbound["sender_lid"]},
        "conversation_summary": summary,
        "callback_url": f"{deps.public_url.rstrip('/')}/api/callbacks/n8n",
    }).encode()
    headers = {"content-type": "application/json", **signed_headers(deps.signing_key, str(job.task_id), body)}
    client = deps.tenant_http if own_url else deps.http
    try:
        response = client.post(url, content=body, headers=headers)
    except EgressRefused as exc:  # no connection was made; what was refused is in the operator log
        raise PermanentError(f"the n8n URL for {task['task_type']} was refused: {exc}") from None
    except httpx.HTTPError as exc:
        _note(deps, job, f"n8n unreachable: {type(exc).__name__}")
        raise TransientError(f"n8n unreachable at {url}: {type(exc).__name__}: {exc}") from exc
    if response.status_code >= 500 or response.status_code == 429:
        _note(deps, job, f"n8n answered {response.status_code}")
        raise TransientError(f"n8n answered {response.status_code}")
    if response.status_code >= 400:
        raise PermanentError(f"n8n refused the task ({response.status_code}): {response.text[:300]}")
    with deps.tenant_uow(job.user_id) as uow:
        uow.messages.mark_dispatched(job.task_id)


def _text(deps: DispatchDeps, job: DispatchTask, task: dict, logged: dict) -> str:
    sealed = Sealed(logged["ciphertext"], logged["nonce"], logged["key_id"])
    return deps.keyring.open(sealed, tenant=job.user_id, chat=task["chat_id"])


def _note(deps: DispatchDeps, job: DispatchTask, error: str) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        uow.messages.set_task(job.task_id, status="pending", error=error)


def fail_task(job: QueuedJob, error: BaseException, *, deps: DispatchDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        task = uow.messages.task(job.task_id, lock=True)
        if task is None or task["status"] in ("succeeded", "failed"):
            return
        reason = str(error)[:1000]
        uow.messages.set_task(job.task_id, status="failed", error=reason)
        uow.audit.log(job.user_id, "task.failed", {"task_id": str(job.task_id), "task_type": task["task_type"],
                                                   "reason": reason})
        if task["task_type"] != "human_handoff":  # the customer was already told a person will reply
            sealed = deps.keyring.seal(FALLBACK_REPLY, tenant=job.user_id, chat=task["chat_id"])
            outbox_id = uow.messages.add_reply(user_id=job.user_id, reply_key=f"task:{job.task_id}:failed",
                                               inbox_id=task["inbox_id"], chat_id=task["chat_id"], body=sealed,
                                               trace_id=task["trace_id"])
            uow.publish_after_commit(DeliverReply(user_id=job.user_id, outbox_id=outbox_id,
                                                  trace_id=task["trace_id"]))
