"""REST API keys: shown once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from services.repositories.db import SystemUow, TenantUow
from services.repositories.repositories import ApiKeyRow

KEY_PREFIX = "sbk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(tenant_uow: TenantUow, user_id: uuid.UUID, name: str) -> tuple[str, ApiKeyRow]:
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with tenant_uow(user_id) as uow:
        row = uow.api_keys.create(user_id, name, key[: len(KEY_PREFIX) + 6], hash_key(key))
        uow.audit.log(user_id, "api_key.created", {"api_key_id": str(row.id), "name": name})
    return key, row


def tenant_for_key(system_uow: SystemUow, key: str) -> uuid.UUID | None:
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    # The hash is looked up by the database's unique index, so comparing the
    # secret itself never happens in Python (no timing leak on the key).
    with system_uow() as uow:
        return uow.api_keys.owner_of(hash_key(key))


def listed(tenant_uow: TenantUow, user_id: uuid.UUID) -> list[ApiKeyRow]:
    with tenant_uow(user_id) as uow:
        return uow.api_keys.list()


def revoke(tenant_uow: TenantUow, user_id: uuid.UUID, key_id: uuid.UUID) -> bool:
    """False when the business has no such live key; the revocation is audited."""
    with tenant_uow(user_id) as uow:
        if not uow.api_keys.revoke(key_id):
            return False
        uow.audit.log(user_id, "api_key.revoked", {"api_key_id": str(key_id)})
    return True
