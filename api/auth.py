"""Who is calling: a dashboard session or an `X-API-KEY`, each mapped to one tenant."""

from __future__ import annotations

import functools
import uuid

from flask import abort, g, request, session

from api.context import container
from services.apikeys import tenant_for_key


def current_tenant() -> uuid.UUID | None:
    if "user_id" in g:
        return g.user_id
    user_id = None
    key = request.headers.get("X-API-KEY")
    if key:
        user_id = tenant_for_key(container(), key)
    elif session.get("user_id"):
        from api.dashboard.web import signed_in_user

        user_id = signed_in_user()
    g.user_id = user_id
    return user_id


def tenant_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        user_id = current_tenant()
        if user_id is None:
            abort(401, description="sign in, or send a valid X-API-KEY header")
        from services.logging import log_context

        with log_context(user_id=user_id):
            return view(*args, user_id=user_id, **kwargs)

    return wrapper
