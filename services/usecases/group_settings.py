"""Which WhatsApp groups the bot answers in, and whether only when mentioned, from the API or the dashboard."""

from __future__ import annotations

import uuid

from services.repositories.audience import AudienceRepository, GroupSetting
from services.repositories.db import TenantUow


def listed(tenant_uow: TenantUow, user_id: uuid.UUID) -> list[GroupSetting]:
    """The groups the bot knows of (read from WhatsApp with `remember`)."""
    with tenant_uow(user_id) as uow:
        return AudienceRepository(uow.conn).groups()


def remember(tenant_uow: TenantUow, user_id: uuid.UUID, groups: list[tuple[str, str]]) -> None:
    """(group id, name) pairs just read from the linked WhatsApp."""
    with tenant_uow(user_id) as uow:
        AudienceRepository(uow.conn).remember_groups(user_id, groups)


def update(tenant_uow: TenantUow, user_id: uuid.UUID, group_id: str, *, auto_reply: bool | None,
           mention_only: bool | None) -> GroupSetting | None:
    """Change what is given (None keeps the current value); the group as saved, or None for an unknown group."""
    with tenant_uow(user_id) as uow:
        repo = AudienceRepository(uow.conn)
        current = next((g for g in repo.groups() if g.group_id == group_id), None)
        if current is None:
            return None
        auto_reply = current.auto_reply if auto_reply is None else auto_reply
        mention_only = current.mention_only if mention_only is None else mention_only
        repo.set_group(group_id, auto_reply=auto_reply, mention_only=mention_only)
        _audit(uow, user_id, group_id, auto_reply, mention_only)
        return next(g for g in repo.groups() if g.group_id == group_id)


def set_flags(tenant_uow: TenantUow, user_id: uuid.UUID, group_id: str, *, auto_reply: bool,
              mention_only: bool) -> bool:
    """Set both switches; False for an unknown group."""
    with tenant_uow(user_id) as uow:
        if not AudienceRepository(uow.conn).set_group(group_id, auto_reply=auto_reply, mention_only=mention_only):
            return False
        _audit(uow, user_id, group_id, auto_reply, mention_only)
    return True


def _audit(uow, user_id: uuid.UUID, group_id: str, auto_reply: bool, mention_only: bool) -> None:
    uow.audit.log(user_id, "group.updated", {"group_id": group_id, "auto_reply": auto_reply,
                                             "mention_only": mention_only})
