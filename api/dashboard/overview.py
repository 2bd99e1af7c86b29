"""/dashboard: how the bot is doing, at a glance."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, request, url_for

from api.context import container
from api.dashboard.web import login_required, page, safe_next
from api.errors import id_or_404
from services.dashboard_repository import DashboardRepository

blueprint = Blueprint("overview", __name__, url_prefix="/dashboard")


def bars(pairs: list[tuple[object, int]]) -> list[dict]:
    """Rows for a small bar chart: each bar's share of the largest."""
    top = max((count for _, count in pairs), default=0) or 1
    return [{"label": str(label), "count": count, "percent": round(100 * count / top)} for label, count in pairs]


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    with container().tenant_uow(user_id) as uow:
        stats = DashboardRepository(uow.conn).overview()
    outcomes = stats["outcomes"]
    summary = [("Answered", outcomes.get("answered", 0)), ("Handed off", outcomes.get("handed_off", 0)),
               ("Ignored", outcomes.get("ignored", 0)), ("Failed", outcomes.get("failed", 0))]
    daily = [(day.strftime("%a %d"), count) for day, count in stats["daily"]]
    return page("dashboard/overview.html", stats=stats, outcome_bars=bars(summary), intent_bars=bars(stats["intents"]),
                daily_bars=bars(daily))


@blueprint.post("/alerts/<alert_id>/dismiss")
@login_required
def dismiss_alert(user_id: uuid.UUID, alert_id: str):
    with container().tenant_uow(user_id) as uow:
        if not uow.alerts.dismiss(id_or_404(alert_id, "alert")):
            abort(404, description="no such alert")
    back = urlsplit(request.referrer or "")
    return redirect(safe_next(back.path) if back.path else url_for("overview.index"))
