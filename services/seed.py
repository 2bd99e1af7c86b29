"""A demo tenant to try Salesboy with: a login, a bot config, two whitelisted numbers."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from schemas.jobs import ProvisionTenant
from services.accounts_local import hash_password
from services.bootstrap import Container
from services.handlers.tenant import provision_tenant

DEMO_EMAIL = "demo@salesboy.local"
DEMO_WHITELIST = (("+15550100001", "Demo customer one"), ("+15550100002", "Demo customer two"))


@dataclass(frozen=True)
class SeededTenant:
    user_id: uuid.UUID
    email: str
    password: str
    created: bool


def seed_demo_tenant(container: Container, email: str = DEMO_EMAIL) -> SeededTenant:
    """Create the demo tenant, or give the existing one a fresh password."""
    password = secrets.token_urlsafe(12)
    hashed = hash_password(password)
    with container.system_uow() as uow:
        existing = uow.users.find_by_email(email)
        if existing is None:
            user_id = uow.users.create(email, hashed, metadata={"display_name": "Demo Shop"})
        else:
            user_id = existing["id"]
            uow.users.set_password_hash(user_id, hashed)
    provision_tenant(ProvisionTenant(user_id=user_id), tenant_uow=container.tenant_uow)
    with container.tenant_uow(user_id) as uow:
        uow.tenants.set_business(user_id, {"name": "Demo Shop", "hours": "Mon-Sat 09:00-18:00"})
        for phone, name in DEMO_WHITELIST:
            uow.tenants.add_whitelisted(user_id, phone=phone, name=name)
        uow.audit.log(user_id, "tenant.seeded", {"whitelisted": len(DEMO_WHITELIST)})
    return SeededTenant(user_id, email, password, existing is None)
