"""Handing a chat that waits for a person back to the bot, from the API or the dashboard."""

from __future__ import annotations

import uuid

from services.repositories.conversations import ConversationRepository, Handoff
from services.repositories.db import TenantUow


def release(tenant_uow: TenantUow, user_id: uuid.UUID, chat_id: str, *, via: str) -> bool:
    """False when no chat by that id waits for a person; the release is audited with where it came from."""
    with tenant_uow(user_id) as uow:
        if not uow.chats.release_handoff(user_id, chat_id):
            return False
        uow.audit.log(user_id, "chat.handoff_released", {"chat_id": chat_id, "via": via})
    return True


def waiting(tenant_uow: TenantUow, user_id: uuid.UUID) -> list[Handoff]:
    """Chats a person took over, with when."""
    with tenant_uow(user_id) as uow:
        return ConversationRepository(uow.conn).handoffs()
