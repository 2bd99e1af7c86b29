"""/dashboard/sessions: link WhatsApp (QR or pairing code), start, stop, sign out."""

from __future__ import annotations

import re
import uuid
from typing import cast

from celery.exceptions import TimeoutError as NoAnswerError
from flask import Blueprint, abort, flash, redirect, request, url_for

from api.context import container
from api.dashboard.web import done, login_required, page
from schemas.jobs import SessionAction
from services.usecases import session_control
from services.whatsapp.host import latest_qr_key, qr_data_uri

blueprint = Blueprint("sessions_page", __name__, url_prefix="/dashboard/sessions")
ACTIONS = {"start": "Starting WhatsApp…", "stop": "Stopping WhatsApp.", "logout": "Signing WhatsApp out."}


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    c = container()
    found = session_control.state(c.tenant_uow, user_id)
    status, error, phone, updated_at = found.status, found.last_error, found.phone, found.updated_at
    code = c.redis.get(latest_qr_key(user_id)) if status == "SCAN_QR_CODE" else None
    if isinstance(code, bytes):
        code = code.decode()
    return page("dashboard/sessions.html", session_status=status, error=error, phone=phone, updated_at=updated_at,
                qr=qr_data_uri(code) if code else None, pairing_code=request.args.get("code"))


@blueprint.post("/<action>")
@login_required
def command(user_id: uuid.UUID, action: str):
    if action not in ACTIONS:
        abort(404, description="no such session action")
    c = container()
    # One of ACTIONS, checked above.
    session_control.request(c.session_commands.send, c.tenant_uow, user_id, cast(SessionAction, action),
                            via="dashboard")
    return done(ACTIONS[action], "sessions_page.index")


@blueprint.post("/pairing-code")
@login_required
def pairing_code(user_id: uuid.UUID):
    phone = re.sub(r"[\s()-]", "", request.form.get("phone", ""))
    if not re.fullmatch(r"\+[1-9][0-9]{6,14}", phone):
        flash("Enter your WhatsApp number with its country code, like +2348012345678.", "error")
        return redirect(url_for("sessions_page.index"))

    try:
        code = container().session_commands.ask(user_id, "pairing_code", phone)
    except (LookupError, NoAnswerError) as exc:
        flash(f"No pairing code: {exc or 'WhatsApp did not answer in time'}", "error")
        return redirect(url_for("sessions_page.index"))
    return redirect(url_for("sessions_page.index", code=code))
