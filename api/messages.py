"""Inbound WhatsApp messages: the signed gateway webhook, and each message's trace."""

from __future__ import annotations

import json
import uuid

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import error_response, id_or_404, invalid
from schemas.messages import InboundMessage
from services.adapters.signing import SignatureError
from services.usecases import handoffs
from services.usecases.inbound import UnknownTenantError, accept
from services.usecases.message_views import message_trace

blueprint = Blueprint("messages", __name__)


@blueprint.post("/api/webhook/whatsapp")
def whatsapp_webhook():
    c = container()
    limit = c.settings.max_webhook_bytes
    if request.content_length is not None and request.content_length > limit:
        abort(413, description=f"the body is larger than {limit} bytes")
    body = request.get_data(cache=False)
    if len(body) > limit:
        abort(413, description=f"the body is larger than {limit} bytes")
    try:
        c.webhook_verifier.verify(request.headers, body)
    except SignatureError as exc:
        return error_response(401, "invalid_signature", str(exc))
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return error_response(400, "invalid_json", "the body is not valid JSON")
    try:
        message = InboundMessage.model_validate(payload)
    except ValidationError as exc:
        return invalid(exc, 400, "invalid_message", "the message does not match the webhook schema")
    try:
        inbox_id, created = accept(c.tenant_data, message)
    except UnknownTenantError as exc:
        return error_response(404, "unknown_tenant", str(exc))
    return jsonify(inbox_id=str(inbox_id), duplicate=not created), 200


@blueprint.get("/api/messages/<message_id>/trace")
@tenant_required
def trace(user_id: uuid.UUID, message_id: str):
    found = message_trace(container().tenant_data, user_id, id_or_404(message_id, "message"))
    if found is None:
        abort(404, description="no such message")
    return jsonify(found)


@blueprint.post("/api/chats/<chat_id>/release")
@tenant_required
def release_handoff(user_id: uuid.UUID, chat_id: str):
    """The owner hands the conversation back to the bot."""
    if not handoffs.release(container().tenant_uow, user_id, chat_id, via="api"):
        abort(404, description="no chat with an active handoff by that id")
    return jsonify(chat_id=chat_id, handoff_active=False)
