"""Who is calling: a dashboard session or an `X-API-KEY`, each mapped to one tenant.

A request that carries an API key is judged by its key alone: a bogus key fails even
with a good session cookie beside it, and a good key never borrows the cookie's account.
Only a request whose key is valid skips the CSRF check (see api/dashboard/__init__.py),
since nothing ambient (a cookie) speaks for it.
"""

from __future__ import annotations

import functools
import uuid

from flask import abort, g

from api.api_keys import API_KEY_HEADER, api_key_tenant, carries_api_key
from api.dashboard.web import signed_in_user
from services.adapters.logging import log_context

__all__ = ["API_KEY_HEADER", "api_key_tenant", "carries_api_key", "current_tenant", "tenant_required"]


def current_tenant() -> uuid.UUID | None:
    if "user_id" in g:
        return g.user_id
    user_id = api_key_tenant() if carries_api_key() else signed_in_user()
    g.user_id = user_id
    return user_id


def tenant_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        user_id = current_tenant()
        if user_id is None:
            abort(401, description="sign in, or send a valid API key (X-API-KEY header or Authorization: Bearer)")
        with log_context(user_id=user_id):
            return view(*args, user_id=user_id, **kwargs)

    return wrapper
