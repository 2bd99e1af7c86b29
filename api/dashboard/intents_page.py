"""/dashboard/settings/intents: the business's own intents (answer, task, hand-off), listed, added, edited and
deleted; saved through the same settings schema and service as the rest of the bot settings."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, request
from pydantic import ValidationError

from api.context import container
from api.dashboard.forms import IntentForm
from api.dashboard.web import done, login_required, page
from pipelines import plain_words
from schemas.bot import MAX_EXAMPLES_TOTAL, MAX_INTENT_EXAMPLES, MAX_INTENTS, BotSettings
from services.usecases import bot_settings

blueprint = Blueprint("intents_page", __name__, url_prefix="/dashboard/settings/intents")
FIELDS = ("key", "name", "kind", "examples", "reply", "description")


def form_to_intent(form) -> dict:
    return {"key": (form.get("key") or "").strip(), "name": form.get("name") or "",
            "kind": form.get("kind") or "answer",
            "examples": [line.strip() for line in (form.get("examples") or "").splitlines() if line.strip()],
            "reply": form.get("reply") or "", "description": form.get("description") or ""}


def intent_to_form(intent) -> dict:
    return {**intent.model_dump(mode="json"), "examples": "\n".join(intent.examples), "original_key": intent.key}


def _problems(exc: ValidationError, index: int) -> dict[str, list[str]]:
    """Problems of the edited intent under its form fields; those of the whole list at the top."""
    problems: dict[str, list[str]] = {}
    for err in exc.errors():
        loc = [str(part) for part in err["loc"]]
        if loc[:2] == ["intents", str(index)] and len(loc) > 2:
            name, line = loc[2], next((int(p) for p in loc[3:] if p.isdigit()), None)
            sentence = plain_words.field_problems([{**err, "loc": tuple(loc[2:3])}])[name][0]
            problems.setdefault(name, []).append(f"Line {line + 1}: {sentence}" if line is not None else sentence)
        elif loc[:2] == ["intents", str(index)]:
            problems.setdefault("form", []).extend(plain_words.field_problems([{**err, "loc": ()}])["form"])
        elif loc == ["intents"] and "key" in str(err.get("msg", "")):
            problems.setdefault("key", []).extend(plain_words.field_problems([{**err, "loc": ()}])["form"])
        else:
            problems.setdefault("form", []).extend(plain_words.field_problems([{**err, "loc": ()}])["form"])
    return problems


def _page(user_id: uuid.UUID, *, form: IntentForm | None = None, status: int = 200):
    settings = bot_settings.current(container().bot_config, user_id)
    return page("dashboard/intents.html", intents=settings.intents, form=form or IntentForm(formdata=None),
                limits={"intents": MAX_INTENTS, "examples": MAX_INTENT_EXAMPLES, "total": MAX_EXAMPLES_TOTAL},
                status=status)


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    return _page(user_id)


@blueprint.get("/<key>")
@login_required
def edit(user_id: uuid.UUID, key: str):
    found = next((i for i in bot_settings.current(container().bot_config, user_id).intents if i.key == key), None)
    if found is None:
        abort(404, description="There is no intent with this key.")
    return _page(user_id, form=IntentForm(formdata=None, data=intent_to_form(found)))


@blueprint.post("")
@login_required
def save(user_id: uuid.UUID):
    current = bot_settings.current(container().bot_config, user_id)
    form = IntentForm()
    wanted = form_to_intent(request.form)
    intents = [i.model_dump(mode="json") for i in current.intents]
    original = (request.form.get("original_key") or "").strip()
    index = next((n for n, i in enumerate(intents) if i["key"] == original), None) if original else None
    if original and index is None:
        abort(404, description="There is no intent with this key (it may have been deleted meanwhile).")
    if index is None:
        intents.append(wanted)
        index = len(intents) - 1
    else:
        intents[index] = wanted
    try:
        settings = BotSettings.model_validate({**current.model_dump(mode="json"), "intents": intents})
        bot_settings.save(container().bot_config, user_id, settings, via="dashboard")
    except ValidationError as exc:
        form.add_problems(_problems(exc, index))
    except bot_settings.SettingsRefused as exc:
        form.add_problems({"form": list(exc.problems.values())})
    else:
        return done("Intent saved. New messages use it right away.", "intents_page.index")
    return _page(user_id, form=form, status=400)


@blueprint.post("/<key>/delete")
@login_required
def delete(user_id: uuid.UUID, key: str):
    if not bot_settings.remove_intent(container().bot_config, user_id, key, via="dashboard"):
        abort(404, description="There is no intent with this key.")
    return done("Intent deleted.", "intents_page.index")
