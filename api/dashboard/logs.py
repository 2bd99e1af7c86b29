"""/dashboard/logs: conversations decrypted for their owner, each message's trace, the audit log, tasks."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, abort, flash, redirect, request, url_for

from api.context import container
from api.dashboard.forms import ReplyForm, text_of
from api.dashboard.web import done, login_required, page, page_number
from api.errors import id_or_404
from schemas.messages import PLAYGROUND_SUFFIX
from services.core.crypto import DecryptionError
from services.repositories.rows import Page
from services.usecases import handoffs, message_views, owner_replies
from services.usecases.message_views import message_trace

blueprint = Blueprint("logs", __name__, url_prefix="/dashboard/logs")
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


PER_PAGE = {"chats": 25, "audit": 50, "tasks": 50}
THREAD_PAGE = 50


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    args = request.args
    tab = args.get("tab", "chats") if args.get("tab") in ("chats", "audit", "tasks") else "chats"
    errors: dict[str, str] = {}
    since = _day(args.get("since"), errors, "since")
    until = _day(args.get("until"), errors, "until", end=True)
    per_page = PER_PAGE[tab]
    offset = (page_number() - 1) * per_page
    c = container()
    found = message_views.logs_tab(
        c.tenant_uow, user_id, tab, contact=args.get("contact", "").strip()[:100] or None,
        action=args.get("action", "").strip()[:100] or None,
        status=args.get("status") if args.get("status") in TASK_STATUSES else None,
        waiting_only=args.get("waiting") == "1", since=since, until=until, limit=per_page, offset=offset)
    listing = found.listing
    if tab == "chats":
        listing = Page(message_views.opened_threads(c.tenant_data, user_id, listing.rows), listing.total,
                       listing.offset)
    return page("dashboard/logs.html", tab=tab, listing=listing, args=args, errors=errors,
                task_statuses=TASK_STATUSES, handoffs=found.handoffs, now=datetime.now(UTC),
                status=400 if errors else 200)


@blueprint.get("/chats/<path:chat_id>")
@login_required
def thread(user_id: uuid.UUID, chat_id: str):
    return _thread_page(user_id, chat_id)


def _thread_page(user_id: uuid.UUID, chat_id: str, form: ReplyForm | None = None, status: int = 200):
    before = request.args.get("before")
    try:
        before_at = datetime.fromisoformat(before) if before else None
    except ValueError:
        before_at = None
    c = container()
    found = message_views.thread(c.tenant_uow, user_id, chat_id, limit=THREAD_PAGE, before=before_at)
    if not found.known:
        abort(404, description="There is no such conversation.")
    chat, total = found.chat, found.total
    messages = message_views.opened_entries(c.tenant_data, user_id, found.messages)
    form = form or ReplyForm(formdata=None, data={"key": secrets.token_urlsafe(12)})
    return page("dashboard/thread.html", chat_id=chat_id, chat=chat, messages=messages, total=total,
                earlier=messages[0].created_at.isoformat() if messages and total > len(messages) and
                len(messages) == THREAD_PAGE else None,
                form=form, playground=chat_id.endswith(PLAYGROUND_SUFFIX), now=datetime.now(UTC), status=status)


@blueprint.post("/chats/<path:chat_id>/reply")
@login_required
def reply(user_id: uuid.UUID, chat_id: str):
    form = ReplyForm()
    if not form.validate():
        return _thread_page(user_id, chat_id, form=form, status=400)
    try:
        owner_replies.reply(container().tenant_data, user_id, chat_id, text_of(form.text),
                            form.key.data or secrets.token_urlsafe(12))
    except owner_replies.NoSuchChatError:
        abort(404, description="There is no such conversation.")
    flash("Your reply is on its way through WhatsApp. The bot stays quiet in this chat for a while.", "success")
    return redirect(url_for("logs.thread", chat_id=chat_id))


@blueprint.get("/messages/<message_id>")
@login_required
def trace(user_id: uuid.UUID, message_id: str):
    try:
        found = message_trace(container().tenant_data, user_id, id_or_404(message_id, "message"))
    except DecryptionError:
        return page("error.html", status=500, title="Unreadable",
                    message="This message could not be decrypted: its key is missing or it was altered.")
    if found is None:
        abort(404, description="There is no such message.")
    return page("dashboard/trace.html", trace=found)


@blueprint.post("/chats/<path:chat_id>/release")
@login_required
def release(user_id: uuid.UUID, chat_id: str):
    if not handoffs.release(container().tenant_uow, user_id, chat_id, via="dashboard"):
        abort(404, description="No chat by that id waits for a person.")
    if request.form.get("back") == "thread":
        return done("The bot answers this chat again.", "logs.thread", chat_id=chat_id)
    return done("The bot answers this chat again.", "logs.index")
