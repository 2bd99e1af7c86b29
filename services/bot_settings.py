"""Reading and saving a tenant's bot settings, validated by one schema for the API and the dashboard."""

from __future__ import annotations

import uuid

from schemas.bot import BotSettings
from services.dashboard_repository import DashboardRepository


def current(container, user_id: uuid.UUID) -> BotSettings:
    with container.tenant_uow(user_id) as uow:
        row = DashboardRepository(uow.conn).bot_config()
    row["models"] = [{"model": m} if isinstance(m, str) else m for m in row.get("models") or []]
    row["business"] = {k: str(v) for k, v in (row.get("business") or {}).items() if k in BotSettings.model_fields[
        "business"].annotation.model_fields}
    return BotSettings.model_validate(row)


def save(container, user_id: uuid.UUID, settings: BotSettings, *, via: str) -> None:
    values = settings.stored()
    with container.tenant_uow(user_id) as uow:
        DashboardRepository(uow.conn).update_bot_config(user_id, values)
        uow.audit.log(user_id, "bot.settings_changed", {"via": via, "fields": sorted(values)})
