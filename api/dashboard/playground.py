"""/dashboard/playground: talk to the bot as a customer would, with the trace beside each answer."""

from __future__ import annotations

import uuid

from flask import Blueprint, redirect, session, url_for

from api.context import container
from api.dashboard.forms import PlaygroundForm
from api.dashboard.web import login_required, page
from schemas.messages import MAX_TEXT
from services.usecases import playground

blueprint = Blueprint("playground", __name__, url_prefix="/dashboard/playground")


def _chat_id() -> str:
    chat_id = session.get("playground_chat")
    if not chat_id:
        chat_id = session["playground_chat"] = playground.new_chat_id()
    return chat_id


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    chat_id = _chat_id()
    turns, pending = playground.conversation(container().tenant_data, user_id, chat_id)
    return page("dashboard/playground.html", turns=turns, chat_id=chat_id, form=PlaygroundForm(formdata=None),
                waiting=pending)


@blueprint.post("")
@login_required
def send(user_id: uuid.UUID):
    form = PlaygroundForm()
    text = (form.text.data or "").strip()
    if not text or len(text) > MAX_TEXT:
        form.add_problems({"text": "Write a question first." if not text else
                           f"Write at most {MAX_TEXT:,} characters."})
        turns, pending = playground.conversation(container().tenant_data, user_id, _chat_id())
        return page("dashboard/playground.html", turns=turns, chat_id=_chat_id(), form=form, waiting=pending,
                    status=400)
    playground.ask(container().tenant_data, user_id, _chat_id(), text)
    return redirect(url_for("playground.index"))


@blueprint.post("/reset")
@login_required
def reset(user_id: uuid.UUID):
    session["playground_chat"] = playground.new_chat_id()
    return redirect(url_for("playground.index"))
