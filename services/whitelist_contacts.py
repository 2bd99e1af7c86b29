"""Removing a whitelisted contact, from the API or the dashboard."""

from __future__ import annotations

import uuid

from services.dashboard_repository import DashboardRepository


def remove(container, user_id: uuid.UUID, contact_id: uuid.UUID, *, via: str) -> dict | None:
    """The removed contact (phone, lid), or None when the business has no such contact; audited."""
    with container.tenant_uow(user_id) as uow:
        removed = DashboardRepository(uow.conn).remove_contact(contact_id)
        if removed is None:
            return None
        uow.audit.log(user_id, "whitelist.removed", {"phone": removed["phone"], "lid": removed["lid"], "via": via})
    return removed
