"""The tenant's bot settings as the pipeline reads them."""

from __future__ import annotations

import uuid

from services.repositories.repositories import Repository


class BotConfigRepository(Repository):
    def get(self, user_id: uuid.UUID | None = None) -> dict | None:
        """The tenant's settings (RLS picks them); name the tenant in a system unit of work."""
        rows = self._rows("select * from public.bot_config where %(u)s::uuid is null or user_id = %(u)s",
                          {"u": user_id})
        return rows[0] if rows else None
