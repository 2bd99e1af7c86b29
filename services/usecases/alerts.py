"""The owner's open alerts (failed tasks, customers asking for a person), from the API or the dashboard."""

from __future__ import annotations

import uuid

from services.repositories.db import TenantUow
from services.repositories.repositories import OpenAlert


def open_alerts(tenant_uow: TenantUow, user_id: uuid.UUID, limit: int) -> list[OpenAlert]:
    """Newest first."""
    with tenant_uow(user_id) as uow:
        return uow.alerts.open(limit)


def dismiss(tenant_uow: TenantUow, user_id: uuid.UUID, alert_id: uuid.UUID) -> bool:
    """False when the business has no such open alert."""
    with tenant_uow(user_id) as uow:
        return uow.alerts.dismiss(alert_id) > 0  # how many rows it dismissed: 0 or 1
