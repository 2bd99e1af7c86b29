"""/account: where the owner is signed in, and signing any of those sessions out."""

from __future__ import annotations

import uuid

from flask import Blueprint

from api.context import container
from api.dashboard.web import current_session_id, done, login_required, page, sign_out
from api.errors import id_or_404
from services.account_sessions import AccountSessionRepository

blueprint = Blueprint("account", __name__, url_prefix="/account")


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    with container().tenant_uow(user_id) as uow:
        sessions = AccountSessionRepository(uow.conn).list_active()
    return page("auth/account.html", sessions=sessions, current=current_session_id())


@blueprint.post("/sessions/<session_id>/end")
@login_required
def end_session(user_id: uuid.UUID, session_id: str):
    target = id_or_404(session_id, "session")
    if target == current_session_id():
        sign_out()
        return done("You are signed out.", "accounts.login")
    with container().tenant_uow(user_id) as uow:
        # Row-level security: another tenant's session id simply matches nothing.
        ended = AccountSessionRepository(uow.conn).revoke(target)
        if ended:
            uow.audit.log(user_id, "account.session_ended", {"session_id": str(target)})
    return done("That device is signed out." if ended else "That session had already ended.", "account.index")


@blueprint.post("/sessions/end-others")
@login_required
def end_other_sessions(user_id: uuid.UUID):
    with container().tenant_uow(user_id) as uow:
        ended = AccountSessionRepository(uow.conn).revoke_all(user_id, keep=current_session_id())
        uow.audit.log(user_id, "account.other_sessions_ended", {"sessions_ended": ended})
    return done(f"Signed out everywhere else ({ended} {'session' if ended == 1 else 'sessions'}).", "account.index")
