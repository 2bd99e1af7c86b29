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
from schemas.messages import TaskCallback
from services import tasks
from services.crypto import open_task_payload
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
    limit = request.args.get("limit", "100")
    if not limit.isdigit() or not 1 <= int(limit) <= 500:
        abort(400, description="limit must be a number from 1 to 500")
    with container().tenant_uow(user_id) as uow:
        rows = uow.messages.tasks(status=status, task_type=request.args.get("type"), since=_when("since"),
                                  until=_when("until"), limit=int(limit))
    return jsonify(tasks=[{**r, "id": str(r["id"]), "created_at": r["created_at"].isoformat(),
                           "updated_at": r["updated_at"].isoformat()} for r in rows])


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
