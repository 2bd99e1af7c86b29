"""Tasks handed to n8n: the signed callback n8n reports back on, and the tenant's task API."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import error_response, id_or_404, invalid
from api.pagination import LIST_SCAN_LIMIT, keyset_page, paginated, time_and_id
from pipelines.tasks import HANDOFF
from schemas.jobs import new_trace_id
from schemas.messages import TaskCallback, TaskRequest
from services import tasks
from services.crypto import open_task_payload, seal_task_payload
from services.rows import existing
from services.signing import SignatureError

blueprint = Blueprint("tasks", __name__)
_MAX_CALLBACK_BYTES = 256 * 1024


@blueprint.post("/api/callbacks/n8n")
def n8n_callback():
    c = container()
    body = request.get_data(cache=False)
    if len(body) > _MAX_CALLBACK_BYTES:
        abort(413, description="the callback body is too large")
    try:
        webhook_id = c.n8n_callback_verifier.verify(request.headers, body)
    except SignatureError as exc:
        return error_response(401, "invalid_signature", str(exc))
    try:
        callback = TaskCallback.model_validate(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return error_response(400, "invalid_json", "the body is not valid JSON")
    except ValidationError as exc:
        return invalid(exc, 400, "invalid_callback", "the callback does not match the schema")
    with c.tenant_uow(callback.tenant) as uow:
        # RLS hides other tenants' tasks: a task of another tenant is "not found", never "forbidden".
        task = uow.messages.task(callback.task_id, lock=True)
        if task is None:
            return error_response(404, "unknown_task", "no such task for this tenant")
        if task["status"] in ("succeeded", "failed"):
            return error_response(409, "task_already_final", f"the task is already {task['status']}",
                                  task_status=task["status"])
        received = {"webhook_id": webhook_id, "status": callback.status, "at": datetime.now(UTC).isoformat(),
                    "reply": callback.reply_text is not None}
        if callback.status == "failed":
            # The customer hears once that a person will follow up; the owner is alerted with the reason.
            reason = str(callback.result.get("error") or "the workflow reported a failure")
            tasks.fail(uow, c.task_rules, task, f"n8n: {reason}")
        else:
            uow.audit.log(callback.tenant, "task.succeeded", {"task_id": str(callback.task_id),
                                                              "task_type": task["task_type"]})
            tasks.succeeded(uow, c.task_rules, task, callback.reply_text)
        uow.messages.finish_task(callback.task_id, status=callback.status, result=callback.result,
                                 callback=received)
    return jsonify(task_id=str(callback.task_id), status=callback.status)


def _when(name: str) -> datetime | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"{name} must be an ISO date or date-time")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@blueprint.get("/api/tasks")
@tenant_required
def list_tasks(user_id: uuid.UUID):
    status = request.args.get("status")
    if status and status not in ("pending", "dispatched", "succeeded", "failed"):
        abort(400, description="status must be pending, dispatched, succeeded or failed")
    def fetch(after, limit):
        with container().tenant_uow(user_id) as uow:
            rows = uow.messages.tasks(status=status, task_type=request.args.get("type"), since=_when("since"),
                                      until=_when("until"), limit=limit, after=time_and_id(after))
        return [{**r, "id": str(r["id"]), "created_at": r["created_at"].isoformat(),
                 "updated_at": r["updated_at"].isoformat()} for r in rows]

    return jsonify(keyset_page("tasks", fetch, lambda t: [t["created_at"], t["id"]], 2))


@blueprint.post("/api/tasks")
@tenant_required
def create_task(user_id: uuid.UUID):
    """A task for a chat, validated and handed to n8n as one the customer asked for in a message."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="send a JSON object: chat_id, task_type, message (and emails, start, details)")
    try:
        wanted = TaskRequest.model_validate(data)
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_task", "the task is not valid")
    c = container()
    trace_id = new_trace_id()
    with c.tenant_uow(user_id) as uow:
        config = uow.messages.bot_config() or {}
        allowed = {*(config.get("allowed_task_types") or []), HANDOFF}
        if wanted.task_type not in allowed:
            return error_response(422, "task_type_not_allowed", f"{wanted.task_type} is not one of the business's "
                                  "allowed_task_types (nor human_handoff)", allowed=sorted(allowed))
        if wanted.task_type == HANDOFF:
            uow.messages.start_handoff(user_id, wanted.chat_id)
        sealed = seal_task_payload(c.keyring, wanted.payload(), tenant=user_id, chat=wanted.chat_id)
        task_id, handed_over = tasks.create(uow, c.task_rules, user_id=user_id, inbox_id=None,
                                            chat_id=wanted.chat_id, task_type=wanted.task_type, payload=sealed,
                                            trace_id=trace_id, config=config)
        uow.audit.log(user_id, "task.created", {"task_id": str(task_id), "task_type": wanted.task_type,
                                                "via": "api"})
        status = existing(uow.messages.task(task_id), "task")["status"]
    return jsonify(id=str(task_id), status=status, dispatched=handed_over, trace_id=trace_id), 201


@blueprint.get("/api/tasks/<task_id>")
@tenant_required
def get_task(user_id: uuid.UUID, task_id: str):
    wanted = id_or_404(task_id, "task")
    with container().tenant_uow(user_id) as uow:
        task = uow.messages.task(wanted)
    if task is None:
        abort(404, description="no such task")
    return jsonify(id=str(task["id"]), chat_id=task["chat_id"], task_type=task["task_type"],
                   status=task["status"], payload=open_task_payload(container().keyring, task),
                   attempts=task["attempts"],
                   last_error=task["last_error"], result=task["result"], callbacks=task["callbacks"],
                   created_at=task["created_at"].isoformat(), updated_at=task["updated_at"].isoformat())


@blueprint.get("/api/alerts")
@tenant_required
def list_alerts(user_id: uuid.UUID):
    """What the owner must act on (failed tasks, customers asking for a person), newest first."""
    with container().tenant_uow(user_id) as uow:
        rows = uow.alerts.open(LIST_SCAN_LIMIT)
    alerts = [{**r, "id": str(r["id"]), "task_id": r["task_id"] and str(r["task_id"]),
               "created_at": r["created_at"].isoformat()} for r in rows]
    return jsonify(paginated("alerts", alerts, lambda a: [a["created_at"], a["id"]]))


@blueprint.post("/api/alerts/<alert_id>/dismiss")
@tenant_required
def dismiss_alert(user_id: uuid.UUID, alert_id: str):
    wanted = id_or_404(alert_id, "alert")
    with container().tenant_uow(user_id) as uow:
        if not uow.alerts.dismiss(wanted):
            abort(404, description="no such open alert")
    return jsonify(id=str(wanted), dismissed=True)
