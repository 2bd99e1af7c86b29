"""/account: where the owner is signed in, and signing any of those sessions out."""

from __future__ import annotations

import uuid

from flask import Blueprint

from api.context import container
from api.dashboard.web import current_session_id, done, login_required, page, sign_out
from api.errors import id_or_404
from services.repositories import account_sessions

blueprint = Blueprint("account", __name__, url_prefix="/account")


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    sessions = account_sessions.listed(container().tenant_uow, user_id)
    return page("auth/account.html", sessions=sessions, current=current_session_id())


@blueprint.post("/sessions/<session_id>/end")
@login_required
def end_session(user_id: uuid.UUID, session_id: str):
    target = id_or_404(session_id, "session")
    if target == current_session_id():
        sign_out()
        return done("You are signed out.", "accounts.login")
    # Row-level security: another tenant's session id simply matches nothing.
    ended = account_sessions.end(container().tenant_uow, user_id, target)
    return done("That device is signed out." if ended else "That session had already ended.", "account.index")


@blueprint.post("/sessions/end-others")
@login_required
def end_other_sessions(user_id: uuid.UUID):
    ended = account_sessions.end_others(container().tenant_uow, user_id, current_session_id())
    return done(f"Signed out everywhere else ({ended} {'session' if ended == 1 else 'sessions'}).", "account.index")
