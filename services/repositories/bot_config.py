"""The tenant's bot settings. Read through `BotSettings`, so every stage sees the values and defaults the
dashboard and the API save with; `stored` and `update` are the columns as the settings forms save them."""

from __future__ import annotations

import uuid

from psycopg.types.json import Jsonb

from schemas.bot import BotSettings
from services.repositories.repositories import Repository

BOT_FIELDS = ("enabled", "system_prompt", "models", "temperature", "max_reply_chars", "language", "tone",
              "business", "dont_know_reply", "whitelist_enabled", "owner_pause_minutes", "debounce_seconds",
              "allowed_task_types", "n8n_urls", "intent_examples", "owner_notify_phone", "handoff_when_unknown",
              "min_relevance", "history_turns", "group_mention_only_default", "task_settings", "intents", "model_calls")
JSON_FIELDS = {"models", "business", "n8n_urls", "intent_examples", "task_settings", "intents"}


class BotConfigRepository(Repository):
    def get(self, user_id: uuid.UUID | None = None) -> BotSettings:
        """The tenant's settings (RLS picks them; name the tenant in a system unit of work). No row: the
        defaults, with the bot off."""
        rows = self._rows("select * from public.bot_config where %(u)s::uuid is null or user_id = %(u)s",
                          {"u": user_id})
        return BotSettings.from_stored(rows[0] if rows else None)

    def stored(self) -> dict:
        """The settings as the columns hold them (what the settings form and the API start from)."""
        rows = self._rows(f"select {', '.join(BOT_FIELDS)} from public.bot_config")
        return rows[0] if rows else {}

    def update(self, user_id: uuid.UUID, values: dict) -> None:
        unknown = set(values) - set(BOT_FIELDS)
        if unknown:
            raise ValueError(f"not bot settings: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = %s" for name in values)
        params = [Jsonb(v) if name in JSON_FIELDS else v for name, v in values.items()]
        self.conn.execute(f"update public.bot_config set {assignments} where user_id = %s", [*params, user_id])
