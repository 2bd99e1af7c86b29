"""What the dashboard's overview shows: message counts by day, questions the bot could not answer, and how
far the owner is through setting Salesboy up."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.repositories.activity import ActivityRepository, FirstRun, Traffic, UnansweredQuestion
from services.repositories.db import TenantUow


@dataclass(frozen=True)
class Overview:
    stats: Traffic
    unanswered: list[UnansweredQuestion]  # still sealed (see message_views.readable)
    progress: FirstRun  # the first-run checklist's facts
    display_name: str


def overview(tenant_uow: TenantUow, user_id: uuid.UUID, since: datetime, until: datetime) -> Overview:
    with tenant_uow(user_id) as uow:
        repo = ActivityRepository(uow.conn)
        stats = repo.overview(since, until)
        unanswered = repo.unanswered_questions(since, until)
        progress = repo.first_run()
        profile = uow.tenants.profile(user_id)
    return Overview(stats, unanswered, progress, profile.display_name if profile else "")
