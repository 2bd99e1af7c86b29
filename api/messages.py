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
from services.crypto import Sealed
from services.inbound import UnknownTenantError, accept
from services.signing import SignatureError

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
        inbox_id, created = accept(c, message)
    except UnknownTenantError as exc:
        return error_response(404, "unknown_tenant", str(exc))
    return jsonify(inbox_id=str(inbox_id), duplicate=not created), 200


@blueprint.get("/api/messages/<message_id>/trace")
@tenant_required
def trace(user_id: uuid.UUID, message_id: str):
    inbox_id = id_or_404(message_id, "message")
    c = container()
    with c.tenant_uow(user_id) as uow:
        row = uow.messages.inbound(inbox_id)
        if row is None:
            abort(404, description="no such message")
        replies = uow.conn.execute(
            "select id, reply_key, status, attempts, last_error, sent_at, body_ciphertext, body_nonce, body_key_id, "
            "chat_id from public.outbox where inbox_id = %s order by reply_key", [inbox_id]).fetchall()

    def opened(ciphertext, nonce, key_id, chat_id) -> str:
        return c.keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user_id, chat=chat_id)

    return jsonify(
        id=str(row["id"]), chat_id=row["chat_id"], status=row["status"], reason=row["decision_reason"],
        intent=row["intent"], received_at=row["created_at"].isoformat(),
        text=opened(row["body_ciphertext"], row["body_nonce"], row["body_key_id"], row["chat_id"]),
        stages=row["trace"],
        replies=[{"id": str(r[0]), "key": r[1], "status": r[2], "attempts": r[3], "error": r[4],
                  "sent_at": r[5].isoformat() if r[5] else None, "text": opened(r[6], r[7], r[8], r[9])}
                 for r in replies],
    )


@blueprint.post("/api/chats/<chat_id>/release")
@tenant_required
def release_handoff(user_id: uuid.UUID, chat_id: str):
    """The owner hands the conversation back to the bot."""
    with container().tenant_uow(user_id) as uow:
        if not uow.messages.release_handoff(user_id, chat_id):
            abort(404, description="no chat with an active handoff by that id")
        uow.audit.log(user_id, "chat.handoff_released", {"chat_id": chat_id})
    return jsonify(chat_id=chat_id, handoff_active=False)
