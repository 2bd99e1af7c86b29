"""The whitelist (who the bot answers when whitelist mode is on), from the API or the dashboard."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.repositories.audience import AudienceRepository, RemovedContact, WhitelistedContact
from services.repositories.bot_config import BotConfigRepository
from services.repositories.db import TenantUow
from services.repositories.rows import Page


@dataclass(frozen=True)
class Whitelist:
    contacts: list[WhitelistedContact]
    enabled: bool  # whitelist mode: only these contacts get answers


@dataclass(frozen=True)
class WhitelistPage:
    listing: Page
    enabled: bool


def listed(tenant_uow: TenantUow, user_id: uuid.UUID, search: str, *, limit: int) -> Whitelist:
    with tenant_uow(user_id) as uow:
        rows = AudienceRepository(uow.conn).whitelist(search, limit=limit)
        enabled = uow.bot_config.get().whitelist_enabled
    return Whitelist(rows, enabled)


def page(tenant_uow: TenantUow, user_id: uuid.UUID, search: str, *, limit: int, offset: int) -> WhitelistPage:
    with tenant_uow(user_id) as uow:
        listing = AudienceRepository(uow.conn).whitelist_page(search, limit, offset)
        enabled = uow.bot_config.get().whitelist_enabled
    return WhitelistPage(listing, enabled)


def add_from_api(tenant_uow: TenantUow, user_id: uuid.UUID, contacts: list[tuple[str, str]], *,
                 action: str) -> int:
    """How many of the (E.164 phone, name) pairs were new; audited as `action` with what was sent."""
    with tenant_uow(user_id) as uow:
        added = AudienceRepository(uow.conn).add_contacts(user_id, contacts)
        uow.audit.log(user_id, action, {"added": added, "sent": len(contacts)})
    return added


def add_one(tenant_uow: TenantUow, user_id: uuid.UUID, phone: str, name: str) -> bool:
    """False when the number was already on the whitelist."""
    with tenant_uow(user_id) as uow:
        added = AudienceRepository(uow.conn).add_contacts(user_id, [(phone, name)])
        uow.audit.log(user_id, "whitelist.added", {"phone": phone, "count": added})
    return bool(added)


def import_lines(tenant_uow: TenantUow, user_id: uuid.UUID, contacts: list[tuple[str, str]], *, lines: int) -> int:
    """How many of the pasted or uploaded contacts were new (`lines` counts the invalid ones too)."""
    with tenant_uow(user_id) as uow:
        added = AudienceRepository(uow.conn).add_contacts(user_id, contacts) if contacts else 0
        uow.audit.log(user_id, "whitelist.imported", {"added": added, "lines": lines})
    return added


def set_mode(tenant_uow: TenantUow, user_id: uuid.UUID, enabled: bool) -> None:
    with tenant_uow(user_id) as uow:
        BotConfigRepository(uow.conn).update(user_id, {"whitelist_enabled": enabled})
        uow.audit.log(user_id, "whitelist.mode", {"enabled": enabled})


def remove(tenant_uow: TenantUow, user_id: uuid.UUID, contact_id: uuid.UUID, *, via: str) -> RemovedContact | None:
    """The removed contact (phone, lid), or None when the business has no such contact; audited."""
    with tenant_uow(user_id) as uow:
        removed = AudienceRepository(uow.conn).remove_contact(contact_id)
        if removed is None:
            return None
        uow.audit.log(user_id, "whitelist.removed", {"phone": removed.phone, "lid": removed.lid, "via": via})
    return removed
