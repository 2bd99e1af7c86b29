"""What every dashboard page shares: who is signed in, rendering, redirects with a message."""

from __future__ import annotations

import functools
import uuid
from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, render_template, request, session, url_for

from api.api_keys import carries_api_key
from api.context import container
from schemas.settings import Settings
from services.adapters.logging import log_context
from services.repositories import account_sessions
from services.repositories.account_sessions import network_of, new_token
from services.repositories.repositories import OpenAlert
from services.usecases import alerts as owner_alerts

NAV = (
    ("overview.index", "Overview"),
    ("sessions_page.index", "WhatsApp"),
    ("kb_page.index", "Knowledge base"),
    ("contacts.groups", "Groups"),
    ("contacts.whitelist", "Whitelist"),
    ("logs.index", "Conversations"),
    ("settings_page.bot", "Bot settings"),
    ("task_settings_page.tasks", "Task settings"),
    ("playground.index", "Playground"),
)


def app_settings() -> Settings:
    """The settings this app was made with."""
    return current_app.extensions["salesboy.settings"]


def sign_in(user_id: uuid.UUID, email: str) -> None:
    """A new server-side session for this browser (a fresh token on every sign-in: no fixation)."""
    token = new_token()
    account_sessions.open_session(container().system_uow, user_id, token, user_agent=request.user_agent.string,
                                  ip=network_of(request.remote_addr))
    session.clear()
    session.permanent = True
    # user_id and email are for display; the token alone is checked, against the database, on every request.
    session.update(sid=token, user_id=str(user_id), email=email)


def sign_out() -> None:
    token = session.get("sid")
    if token:
        account_sessions.end_by_token(container().system_uow, token)
    session.clear()
    g.dashboard_user = None


def signed_in_user() -> uuid.UUID | None:
    """The cookie's account, if its session is still open (not signed out, not expired, password unchanged)."""
    if "dashboard_user" in g:
        return g.dashboard_user
    g.dashboard_user = None
    if carries_api_key():
        return None  # the key alone speaks for such a request; its cookie is ignored, not cleared
    token = session.get("sid")
    active = None
    if token:
        active = account_sessions.active(container().system_uow, token)
    if active is None or str(active.user_id) != session.get("user_id"):
        if token or "user_id" in session:
            session.clear()  # signed out, expired or revoked: the browser forgets it too
        return None
    g.dashboard_user, g.dashboard_session = active.user_id, active.id
    return active.user_id


def current_session_id() -> uuid.UUID | None:
    return g.get("dashboard_session") if signed_in_user() else None


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        user_id = signed_in_user()
        if user_id is None:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        with log_context(user_id=user_id):
            return view(*args, user_id=user_id, **kwargs)

    return wrapper


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("overview.index")


def page_number() -> int:
    """The list page asked for (?page=N), 1 when absent or not a number."""
    try:
        return max(1, min(int(request.args.get("page", "1")), 10_000))
    except ValueError:
        return 1


def page(template: str, *, status: int = 200, **context):
    user_id = g.get("dashboard_user")
    alerts: list[OpenAlert] = []
    if user_id is not None:  # what the owner must act on: failed tasks, customers asking for a person
        alerts = owner_alerts.open_alerts(container().tenant_uow, user_id, 5)
    return render_template(template, nav=NAV, owner_alerts=alerts, **context), status


def done(message: str, endpoint: str, **values):
    flash(message, "success")
    return redirect(url_for(endpoint, **values))
