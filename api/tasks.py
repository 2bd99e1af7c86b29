"""Tasks handed to n8n: the signed callback n8n reports back on, and the tenant's task API."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import choice_arg, error_response, id_or_404, invalid
from api.pagination import LIST_SCAN_LIMIT, keyset_page, paginated, time_and_id
from schemas.jobs import new_trace_id
from schemas.messages import TaskCallback, TaskRequest
from schemas.pipelines import TASK_DONE, TASK_IN_PROGRESS
from services.adapters.signing import SignatureError
from services.usecases import alerts, tasks

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
    try:
        recorded = tasks.record_callback(c.tenant_uow, c.task_rules, callback, webhook_id)
    except tasks.UnknownTaskError:
        return error_response(404, "unknown_task", "no such task for this tenant")
    except tasks.TaskAlreadyFinalError as exc:
        return error_response(409, "task_already_final", str(exc), task_status=exc.status)
    return jsonify(task_id=str(recorded.task_id), status=recorded.status)


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
    status = choice_arg("status", TASK_IN_PROGRESS + TASK_DONE)
    def fetch(after, limit):
        rows = tasks.listed(container().tenant_uow, user_id, status=status, task_type=request.args.get("type"),
                            since=_when("since"), until=_when("until"), limit=limit, after=time_and_id(after))
        return [{**dataclasses.asdict(r), "id": str(r.id), "created_at": r.created_at.isoformat(),
                 "updated_at": r.updated_at.isoformat()} for r in rows]

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
    try:
        created = tasks.create_requested(c.tenant_uow, c.task_rules, user_id, wanted, trace_id=trace_id)
    except tasks.TaskTypeNotAllowedError as exc:
        return error_response(422, "task_type_not_allowed", str(exc), allowed=exc.allowed)
    return jsonify(id=str(created.id), status=created.status, dispatched=created.dispatched, trace_id=trace_id), 201


@blueprint.get("/api/tasks/<task_id>")
@tenant_required
def get_task(user_id: uuid.UUID, task_id: str):
    wanted = id_or_404(task_id, "task")
    task = tasks.find(container().tenant_uow, user_id, wanted)
    if task is None:
        abort(404, description="no such task")
    return jsonify(id=str(task.id), chat_id=task.chat_id, task_type=task.task_type,
                   status=task.status, payload=task.open_payload(container().keyring), attempts=task.attempts,
                   last_error=task.last_error, result=task.result, callbacks=task.callbacks,
                   created_at=task.created_at.isoformat(), updated_at=task.updated_at.isoformat())


@blueprint.get("/api/alerts")
@tenant_required
def list_alerts(user_id: uuid.UUID):
    """What the owner must act on (failed tasks, customers asking for a person), newest first."""
    rows = alerts.open_alerts(container().tenant_uow, user_id, LIST_SCAN_LIMIT)
    items = [{"id": str(r.id), "kind": r.kind, "title": r.title, "detail": r.detail,
              "task_id": r.task_id and str(r.task_id), "chat_id": r.chat_id, "created_at": r.created_at.isoformat()}
             for r in rows]
    return jsonify(paginated("alerts", items, lambda a: [a["created_at"], a["id"]]))


@blueprint.post("/api/alerts/<alert_id>/dismiss")
@tenant_required
def dismiss_alert(user_id: uuid.UUID, alert_id: str):
    wanted = id_or_404(alert_id, "alert")
    if not alerts.dismiss(container().tenant_uow, user_id, wanted):
        abort(404, description="no such open alert")
    return jsonify(id=str(wanted), dismissed=True)
