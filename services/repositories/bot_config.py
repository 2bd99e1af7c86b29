"""The tenant's bot settings as the pipeline reads them: always through `BotSettings`, so every stage sees the
values and defaults the dashboard and the API save with."""

from __future__ import annotations

import uuid

from schemas.bot import BotSettings
from services.repositories.repositories import Repository


class BotConfigRepository(Repository):
    def get(self, user_id: uuid.UUID | None = None) -> BotSettings:
        """The tenant's settings (RLS picks them; name the tenant in a system unit of work). No row: the
        defaults, with the bot off."""
        rows = self._rows("select * from public.bot_config where %(u)s::uuid is null or user_id = %(u)s",
                          {"u": user_id})
        return BotSettings.from_stored(rows[0] if rows else None)
