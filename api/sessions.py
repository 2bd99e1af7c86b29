"""The tenant's WhatsApp session: status, and start/stop/logout commands to its host."""

from __future__ import annotations

import re
import uuid

from flask import Blueprint, jsonify, request

from api.auth import tenant_required
from api.context import container
from api.errors import error_response
from pipelines import plain_words

blueprint = Blueprint("sessions", __name__, url_prefix="/api/session")


@blueprint.get("")
@tenant_required
def status(user_id: uuid.UUID):
    with container().tenant_uow(user_id) as uow:
        row = uow.conn.execute("select status, host, last_error, qr_updated_at, updated_at from public.sessions"
                               ).fetchone()
    status, host, raw_error, qr_at, updated_at = row or ("STOPPED", None, None, None, None)
    words = plain_words.session_state(status)
    # The raw error stays in the session host's log for operators; callers get a sentence with a next step.
    return jsonify(status=status, status_text=words.label, message=f"{words.sentence} {words.next_step}".strip(),
                   host=host, last_error=plain_words.session_error(raw_error),
                   qr_updated_at=qr_at.isoformat() if qr_at else None,
                   updated_at=updated_at.isoformat() if updated_at else None)


def _command(user_id: uuid.UUID, action: str):
    c = container()
    c.send_session_command(user_id, action)
    with c.tenant_uow(user_id) as uow:
        uow.audit.log(user_id, f"session.{action}_requested", {})
    return jsonify(accepted=action), 202


@blueprint.post("/start")
@tenant_required
def start(user_id: uuid.UUID):
    return _command(user_id, "start")


@blueprint.post("/stop")
@tenant_required
def stop(user_id: uuid.UUID):
    return _command(user_id, "stop")


@blueprint.post("/logout")
@tenant_required
def logout(user_id: uuid.UUID):
    return _command(user_id, "logout")


def _ask(user_id: uuid.UUID, query: str, phone: str | None = None):
    try:
        return container().ask_session(user_id, query, phone)
    except LookupError as exc:
        return error_response(409, "session_not_running", str(exc))


@blueprint.get("/groups")
@tenant_required
def groups(user_id: uuid.UUID):
    answer = _ask(user_id, "groups")
    return answer if isinstance(answer, tuple) else jsonify(groups=answer)


@blueprint.get("/contacts")
@tenant_required
def contacts(user_id: uuid.UUID):
    answer = _ask(user_id, "contacts")
    return answer if isinstance(answer, tuple) else jsonify(contacts=answer)


@blueprint.post("/pairing-code")
@tenant_required
def pairing_code(user_id: uuid.UUID):
    phone = (request.get_json(silent=True) or {}).get("phone", "")
    if not isinstance(phone, str) or not re.fullmatch(r"\+[1-9][0-9]{6,14}", phone):
        return error_response(400, "invalid_phone", "send {\"phone\": \"+<country code><number>\"}")
    answer = _ask(user_id, "pairing_code", phone)
    return answer if isinstance(answer, tuple) else jsonify(code=answer)


@blueprint.post("/send-media")
@tenant_required
def send_media_file(user_id: uuid.UUID):
    from services.whatsapp.media import MediaRefusedError, send_media

    upload = request.files.get("file")
    chat_id = request.form.get("chat_id", "")
    caption = request.form.get("caption", "")[:1024]
    if upload is None or not re.fullmatch(r"[0-9A-Za-z.\-]{3,100}@(c\.us|g\.us|lid)", chat_id):
        return error_response(400, "invalid_request", "send multipart fields 'file' and 'chat_id' (…@c.us or …@g.us)")
    try:
        message_id = send_media(container(), user_id, chat_id=chat_id, filename=upload.filename or "file",
                                data=upload.read(), caption=caption)
    except MediaRefusedError as exc:
        return error_response(exc.status, "media_refused", str(exc))
    return jsonify(message_id=message_id)
