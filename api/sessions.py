"""The tenant's WhatsApp over REST (send `X-API-KEY`): the session, sending, groups and contacts.

Routes are the product's names (`/api/sessions/*`, `/api/message/send`, `/api/groups`,
`/api/contacts`); the earlier `/api/session/*` paths stay as aliases of the same views.
Every route is rate-limited per address; sends also per session (WhatsApp's own limit).
"""

from __future__ import annotations

import math
import re
import uuid

from flask import Blueprint, Flask, jsonify, request

from api.auth import tenant_required
from api.context import container
from api.errors import error_response
from api.pagination import paginated
from pipelines import plain_words
from schemas.jobs import SessionAction, SessionQueryKind
from schemas.settings import Settings
from services.usecases import session_control
from services.whatsapp.host import latest_qr_key, qr_data_uri
from services.whatsapp.media import MediaRefusedError, SendRefusedError, send_media, send_text

blueprint = Blueprint("sessions", __name__)

CHAT_ID = re.compile(r"[0-9A-Za-z.\-]{3,100}@(c\.us|g\.us|lid)")
PHONE = re.compile(r"\+[1-9][0-9]{6,14}")


def _chat_id(value: object) -> str | None:
    """A chat id (`…@c.us`, `…@g.us`, `…@lid`) or an international phone number (`+<country><number>`)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if PHONE.fullmatch(value):
        return f"{value[1:]}@c.us"
    return value if CHAT_ID.fullmatch(value) else None


@blueprint.get("/api/sessions/status")
@blueprint.get("/api/session")
@tenant_required
def status(user_id: uuid.UUID):
    found = session_control.state(container().tenant_uow, user_id)
    status, host, raw_error, qr_at, updated_at = (found.status, found.host, found.last_error, found.qr_updated_at,
                                                  found.updated_at)
    words = plain_words.session_state(status, raw_error)
    # The raw error stays in the session host's log for operators; callers get a sentence with a next step.
    return jsonify(status=status, status_text=words.label, message=f"{words.sentence} {words.next_step}".strip(),
                   host=host, last_error=plain_words.session_error(raw_error, status),
                   qr_updated_at=qr_at.isoformat() if qr_at else None,
                   updated_at=updated_at.isoformat() if updated_at else None)


@blueprint.get("/api/sessions/qr")
@tenant_required
def qr(user_id: uuid.UUID):
    code = container().redis.get(latest_qr_key(user_id))
    if code is None:
        return error_response(404, "no_qr", "There is no QR code to scan right now: start the session, or it is "
                                            "linked already (see /api/sessions/status).")
    code = code.decode() if isinstance(code, bytes) else code
    return jsonify(qr=qr_data_uri(code), code=code)


def _command(user_id: uuid.UUID, action: SessionAction):
    c = container()
    session_control.request(c.session_commands.send, c.tenant_uow, user_id, action)
    return jsonify(accepted=action), 202


@blueprint.post("/api/sessions/start")
@blueprint.post("/api/session/start")
@tenant_required
def start(user_id: uuid.UUID):
    return _command(user_id, "start")


@blueprint.post("/api/sessions/stop")
@blueprint.post("/api/session/stop")
@tenant_required
def stop(user_id: uuid.UUID):
    return _command(user_id, "stop")


@blueprint.post("/api/sessions/logout")
@blueprint.post("/api/session/logout")
@tenant_required
def logout(user_id: uuid.UUID):
    return _command(user_id, "logout")


def _ask(user_id: uuid.UUID, query: SessionQueryKind, phone: str | None = None):
    try:
        return container().session_commands.ask(user_id, query, phone)
    except LookupError as exc:
        return error_response(409, "session_not_running", str(exc))


@blueprint.get("/api/groups")
@blueprint.get("/api/session/groups")
@tenant_required
def groups(user_id: uuid.UUID):
    answer = _ask(user_id, "groups")
    return answer if isinstance(answer, tuple) else jsonify(paginated("groups", answer, lambda x: [x["id"]]))


@blueprint.get("/api/contacts")
@blueprint.get("/api/session/contacts")
@tenant_required
def contacts(user_id: uuid.UUID):
    answer = _ask(user_id, "contacts")
    return answer if isinstance(answer, tuple) else jsonify(paginated("contacts", answer, lambda x: [x["id"]]))


@blueprint.post("/api/sessions/pairing-code")
@blueprint.post("/api/session/pairing-code")
@tenant_required
def pairing_code(user_id: uuid.UUID):
    phone = (request.get_json(silent=True) or {}).get("phone", "")
    if not isinstance(phone, str) or not PHONE.fullmatch(phone):
        return error_response(400, "invalid_phone", "send {\"phone\": \"+<country code><number>\"}")
    answer = _ask(user_id, "pairing_code", phone)
    return answer if isinstance(answer, tuple) else jsonify(code=answer)


def _refused(exc):
    response, status_code = error_response(exc.status, exc.code, str(exc))
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    return response, status_code


@blueprint.post("/api/message/send")
@tenant_required
def send_message(user_id: uuid.UUID):
    """JSON `{"to": "+234…" or "…@c.us", "text": "…"}`, or multipart `to`, `file`, optional `caption`."""
    upload = request.files.get("file")
    body = request.form if upload is not None else (request.get_json(silent=True) or {})
    chat_id = _chat_id(body.get("to") or body.get("chat_id"))
    if chat_id is None:
        return error_response(400, "invalid_request", "send \"to\": a phone number in international form "
                                                      "(+2348012345678) or a chat id (…@c.us, …@g.us, …@lid)")
    try:
        if upload is not None:
            caption = str(body.get("caption") or body.get("text") or "")[:1024]
            message_id = send_media(container().api_sends, user_id, chat_id=chat_id, filename=upload.filename or "file",
                                    data=upload.read(), caption=caption)
        else:
            text = body.get("text")
            if not isinstance(text, str):
                return error_response(400, "invalid_request", "send {\"to\": \"…\", \"text\": \"…\"}, or a file")
            message_id = send_text(container().api_sends, user_id, chat_id=chat_id, text=text)
    except SendRefusedError as exc:
        return _refused(exc)
    return jsonify(message_id=message_id, to=chat_id)


@blueprint.post("/api/session/send-media")
@tenant_required
def send_media_file(user_id: uuid.UUID):
    upload = request.files.get("file")
    chat_id = _chat_id(request.form.get("chat_id", ""))
    caption = request.form.get("caption", "")[:1024]
    if upload is None or chat_id is None:
        return error_response(400, "invalid_request", "send multipart fields 'file' and 'chat_id' (…@c.us or …@g.us)")
    try:
        message_id = send_media(container().api_sends, user_id, chat_id=chat_id, filename=upload.filename or "file",
                                data=upload.read(), caption=caption)
    except MediaRefusedError as exc:
        return _refused(exc)
    return jsonify(message_id=message_id)


def init_app(app: Flask, settings: Settings) -> None:
    """Register the routes, each rate-limited per address on the app's limiter (Redis-backed)."""
    app.register_blueprint(blueprint)
    limiter = app.extensions.get("salesboy.limiter")
    if limiter is None:
        return
    sends = {"sessions.send_message", "sessions.send_media_file"}
    for endpoint in [e for e in app.view_functions if e.startswith("sessions.")]:
        view = limiter.limit(settings.api_rate_limit)(app.view_functions[endpoint])
        if endpoint in sends:
            view = limiter.limit(settings.send_rate_limit)(view)
        app.view_functions[endpoint] = view
