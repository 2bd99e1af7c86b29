"""Who is calling: a dashboard session or an `X-API-KEY`, each mapped to one tenant.

A request that carries an API key is judged by its key alone: a bogus key fails even
with a good session cookie beside it, and a good key never borrows the cookie's account.
Only a request whose key is valid skips the CSRF check (see api/dashboard/__init__.py),
since nothing ambient (a cookie) speaks for it.
"""

from __future__ import annotations

import functools
import uuid

from flask import abort, g, request

from api.context import container
from services.apikeys import tenant_for_key

API_KEY_HEADER = "X-API-KEY"


def carries_api_key() -> bool:
    return API_KEY_HEADER in request.headers


def api_key_tenant() -> uuid.UUID | None:
    """The tenant of the request's API key; None when it has none or it is not valid (looked up once)."""
    if "api_key_tenant" not in g:
        key = request.headers.get(API_KEY_HEADER)
        g.api_key_tenant = tenant_for_key(container(), key) if key else None
    return g.api_key_tenant


def current_tenant() -> uuid.UUID | None:
    if "user_id" in g:
        return g.user_id
    if carries_api_key():
        user_id = api_key_tenant()
    else:
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
