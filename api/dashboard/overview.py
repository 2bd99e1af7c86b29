"""/dashboard: how the bot is doing over a date range, and what a new owner should do next."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, request, url_for

from api.context import container
from api.dashboard.web import login_required, page, safe_next
from api.errors import id_or_404
from pipelines import charts
from services.repositories.activity import FirstRun
from services.usecases import alerts as owner_alerts
from services.usecases import overview
from services.usecases.message_views import readable

blueprint = Blueprint("overview", __name__, url_prefix="/dashboard")
RANGES = (7, 30, 90)
OUTCOME_SERIES = (("answered", "answered"), ("task", "tasks started"), ("handed_off", "handed to you"),
                  ("dont_know", "didn't know"), ("other", "not answered"))


def date_range(args) -> tuple[datetime, datetime, dict]:
    """The range asked for: ?days=7|30|90, or ?since=&until= (dates, until included); 7 days otherwise."""
    today = datetime.now(UTC).date()
    chosen = {"days": 7, "since": "", "until": "", "error": None}
    try:
        since = datetime.strptime(args.get("since", ""), "%Y-%m-%d").date() if args.get("since") else None
        until = datetime.strptime(args.get("until", ""), "%Y-%m-%d").date() if args.get("until") else today
    except ValueError:
        since, until = None, today
        chosen["error"] = "Use dates like 2026-11-28."
    if since is not None and since <= until and (until - since).days <= 366:
        chosen.update(days=None, since=since.isoformat(), until=until.isoformat())
    else:
        if since is not None and not chosen["error"]:
            chosen["error"] = "Pick a start before the end, at most a year apart."
        days = int(args.get("days", "7")) if args.get("days", "7").isdigit() else 7
        chosen["days"] = days = days if days in RANGES else 7
        until = today
        since = today - timedelta(days=days - 1)
    start = datetime.combine(since, time.min, tzinfo=UTC)
    end = datetime.combine(until, time.min, tzinfo=UTC) + timedelta(days=1)
    return start, end, chosen


def checklist(done: FirstRun) -> list[dict]:
    steps = [
        ("Link your WhatsApp", "Scan a QR code with your phone so the bot can read and answer your chats.",
         done.linked, "sessions_page.index", "Link WhatsApp"),
        ("Upload your documents", "Price lists, FAQs, catalogues: the bot answers only from what you upload.",
         done.documents, "kb_page.index", "Upload documents"),
        ("Try the bot in the playground", "Ask what your customers ask, and see how the bot answers and why.",
         done.tried, "playground.index", "Open the playground"),
        ("Go live", "With WhatsApp linked and the bot switched on, customers get answers right away.",
         done.enabled and done.linked, "settings_page.bot", "Check the bot settings"),
    ]
    return [{"title": t, "text": x, "done": bool(d), "endpoint": e, "action": a} for t, x, d, e, a in steps]


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    since, until, chosen = date_range(request.args)
    c = container()
    found = overview.overview(c.tenant_uow, user_id, since, until)
    stats, unanswered, progress = found.stats, found.unanswered, found.progress
    days = [vars(day) for day in stats.days]  # the chart reads days by column name
    totals = {key: sum(day[key] for day in days) for key, _ in OUTCOME_SERIES}
    asked: Counter[str] = Counter()
    example: dict[str, dict] = {}
    for row in unanswered:
        text = " ".join(readable(c.tenant_data, user_id, row).split())
        key = text.lower().rstrip("?!. ")
        asked[key] += 1
        example.setdefault(key, {"text": text, "chat_id": row.chat_id, "inbox_id": row.id})
    top_unanswered = [{**example[key], "count": count} for key, count in asked.most_common(10)]
    steps = checklist(progress)
    return page(
        "dashboard/overview.html", stats=stats, totals=totals, chosen=chosen, ranges=RANGES, steps=steps,
        steps_done=sum(s["done"] for s in steps), display_name=found.display_name,
        top_unanswered=top_unanswered, unanswered_total=len(unanswered),
        messages_chart=charts.stacked_days(days, OUTCOME_SERIES),
        reply_chart=charts.stacked_days(days, (("reply_s", "median reply time"),), unit=" s",
                                        number=lambda v: f"{v:.1f}" if v < 10 else f"{v:.0f}"))


@blueprint.post("/alerts/<alert_id>/dismiss")
@login_required
def dismiss_alert(user_id: uuid.UUID, alert_id: str):
    if not owner_alerts.dismiss(container().tenant_uow, user_id, id_or_404(alert_id, "alert")):
        abort(404, description="no such alert")
    back = urlsplit(request.referrer or "")
    return redirect(safe_next(back.path) if back.path else url_for("overview.index"))
