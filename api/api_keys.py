"""Whether a request speaks with an API key, and for which tenant (told apart before anything looks at
its cookie). Kept apart from api/auth.py, which also reads the dashboard's session: the dashboard needs
these two and api/auth.py needs the dashboard."""

from __future__ import annotations

import uuid

from flask import g, request

from api.context import container
from services.usecases.apikeys import tenant_for_key

API_KEY_HEADER = "X-API-KEY"


def presented_key() -> str | None:
    """The key in `X-API-KEY`, or else in `Authorization: Bearer …` (what most HTTP clients send)."""
    key = request.headers.get(API_KEY_HEADER)
    if key is None:
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            key = value.strip()
    return key


def carries_api_key() -> bool:
    return presented_key() is not None


def api_key_tenant() -> uuid.UUID | None:
    """The tenant of the request's API key; None when it has none or it is not valid (looked up once)."""
    if "api_key_tenant" not in g:
        key = presented_key()
        g.api_key_tenant = tenant_for_key(container().system_uow, key) if key else None
    return g.api_key_tenant
