"""What every dashboard page shares: who is signed in, forms checked by pydantic, rendering."""

from __future__ import annotations

import functools
import hashlib
import uuid
from urllib.parse import urlsplit

from flask import flash, g, redirect, render_template, request, session, url_for
from pydantic import BaseModel, ValidationError

from api.context import container

NAV = (
    ("overview.index", "Overview"),
    ("sessions_page.index", "WhatsApp"),
    ("kb_page.index", "Knowledge base"),
    ("contacts.groups", "Groups"),
    ("contacts.whitelist", "Whitelist"),
    ("logs.index", "Logs"),
    ("settings_page.bot", "Bot settings"),
    ("playground.index", "Playground"),
)


def password_fingerprint(password_hash: str) -> str:
    # Kept in the session: a password change or reset signs every other session out.
    return hashlib.sha256(b"session:" + password_hash.encode()).hexdigest()[:16]


def sign_in(user_id: uuid.UUID, email: str, password_hash: str) -> None:
    session.clear()  # a fresh session on sign-in: no fixation
    session.permanent = True
    session.update(user_id=str(user_id), email=email, auth=password_fingerprint(password_hash))


def signed_in_user() -> uuid.UUID | None:
    """The session's account, if the session is still valid (the account exists, the password is unchanged)."""
    if "dashboard_user" in g:
        return g.dashboard_user
    user_id = None
    raw = session.get("user_id")
    if raw:
        with container().system_uow() as uow:
            row = uow.conn.execute("select encrypted_password from auth.users where id = %s", [raw]).fetchone()
        if row is not None and session.get("auth") == password_fingerprint(row[0] or ""):
            user_id = uuid.UUID(raw)
        else:
            session.clear()
    g.dashboard_user = user_id
    return user_id


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        user_id = signed_in_user()
        if user_id is None:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        from services.logging import log_context

        with log_context(user_id=user_id):
            return view(*args, user_id=user_id, **kwargs)

    return wrapper


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("overview.index")


def field_errors(exc: ValidationError, prefix_map: dict[str, str] | None = None) -> dict[str, str]:
    """pydantic's errors as {form field: message}; the first problem per field wins."""
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        name = (prefix_map or {}).get(loc[0], loc[0]) if loc else "form"
        message = err["msg"].removeprefix("Value error, ")
        if len(loc) > 1 and name == loc[0]:
            message = f"{'.'.join(loc[1:])}: {message}"
        errors.setdefault(name, message)
    return errors


def validate(model: type[BaseModel], values: dict) -> tuple[BaseModel | None, dict[str, str]]:
    try:
        return model.model_validate(values), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def page(template: str, *, status: int = 200, **context):
    user_id = g.get("dashboard_user")
    alerts: list[dict] = []
    if user_id is not None:  # what the owner must act on: failed tasks, customers asking for a person
        from api.context import container

        with container().tenant_uow(user_id) as uow:
            alerts = uow.alerts.open(5)
    return render_template(template, nav=NAV, owner_alerts=alerts, **context), status


def done(message: str, endpoint: str, **values):
    flash(message, "success")
    return redirect(url_for(endpoint, **values))
