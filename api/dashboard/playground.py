"""/dashboard/playground: talk to the bot as a customer would, with the trace beside each answer."""

from __future__ import annotations

import uuid

from flask import Blueprint, redirect, request, session, url_for

from api.context import container
from api.dashboard.web import login_required, page
from schemas.messages import MAX_TEXT
from services import playground

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
    turns, pending = playground.conversation(container(), user_id, chat_id)
    return page("dashboard/playground.html", turns=turns, chat_id=chat_id, errors={}, values={}, waiting=pending)


@blueprint.post("")
@login_required
def send(user_id: uuid.UUID):
    text = request.form.get("text", "").strip()
    if not text or len(text) > MAX_TEXT:
        turns, pending = playground.conversation(container(), user_id, _chat_id())
        return page("dashboard/playground.html", turns=turns, chat_id=_chat_id(), values={"text": text},
                    waiting=pending, errors={"text": f"write a message of 1 to {MAX_TEXT} characters"}, status=400)
    playground.ask(container(), user_id, _chat_id(), text)
    return redirect(url_for("playground.index"))


@blueprint.post("/reset")
@login_required
def reset(user_id: uuid.UUID):
    session["playground_chat"] = playground.new_chat_id()
    return redirect(url_for("playground.index"))
