"""/dashboard/logs: conversations decrypted for their owner, each message's trace, the audit log, tasks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, abort, request

from api.context import container
from api.dashboard.web import done, login_required, page
from api.errors import id_or_404
from services import handoffs
from services.crypto import DecryptionError
from services.dashboard_repository import DashboardRepository
from services.message_views import message_trace, readable

blueprint = Blueprint("logs", __name__, url_prefix="/dashboard/logs")
OUTCOMES = ("answered", "ignored", "handed_off", "task", "failed")
INTENTS = ("Response", "Task", "HumanHandoff")
TASK_STATUSES = ("pending", "dispatched", "succeeded", "failed")


def _day(raw: str | None, errors: dict, field: str, *, end: bool = False) -> datetime | None:
    if not raw:
        return None
    try:
        day = datetime.strptime(raw, "%Y-%m-%d")
    except ValueError:
        errors[field] = "use a date like 2026-11-28"
        return None
    moment = datetime.combine(day.date(), time.min, tzinfo=UTC)
    return moment + timedelta(days=1) if end else moment


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    args = request.args
    tab = args.get("tab", "chats") if args.get("tab") in ("chats", "audit", "tasks") else "chats"
    errors: dict[str, str] = {}
    filters = {
        "contact": args.get("contact", "").strip()[:100] or None,
        "since": _day(args.get("since"), errors, "since"),
        "until": _day(args.get("until"), errors, "until", end=True),
        "intent": args.get("intent") if args.get("intent") in INTENTS else None,
        "outcome": args.get("outcome") if args.get("outcome") in OUTCOMES else None,
    }
    c = container()
    with c.tenant_uow(user_id) as uow:
        repo = DashboardRepository(uow.conn)
        if tab == "chats":
            rows = repo.chat_logs(**filters)
        elif tab == "audit":
            rows = repo.audit(action=args.get("action", "").strip()[:100] or None, since=filters["since"])
        else:
            status = args.get("status") if args.get("status") in TASK_STATUSES else None
            rows = uow.messages.tasks(status=status, task_type=None, since=filters["since"],
                                      until=filters["until"], limit=200)
        handoffs = repo.handoffs()
    if tab == "chats":
        for row in rows:
            row["text"] = readable(c, user_id, row)
    return page("dashboard/logs.html", tab=tab, rows=rows, args=args, errors=errors, outcomes=OUTCOMES,
                intents=INTENTS, task_statuses=TASK_STATUSES, handoffs=handoffs, status=400 if errors else 200)


@blueprint.get("/messages/<message_id>")
@login_required
def trace(user_id: uuid.UUID, message_id: str):
    try:
        found = message_trace(container(), user_id, id_or_404(message_id, "message"))
    except DecryptionError:
        return page("error.html", status=500, title="Unreadable",
                    message="This message could not be decrypted: its key is missing or it was altered.")
    if found is None:
        abort(404, description="There is no such message.")
    return page("dashboard/trace.html", trace=found)


@blueprint.post("/chats/<chat_id>/release")
@login_required
def release(user_id: uuid.UUID, chat_id: str):
    if not handoffs.release(container(), user_id, chat_id, via="dashboard"):
        abort(404, description="No chat by that id waits for a person.")
    return done("The bot answers this chat again.", "logs.index")
