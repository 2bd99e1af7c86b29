"""/dashboard/settings/tasks: what the business's n8n workflows use (owner email, order URL, calendar, email)."""

from __future__ import annotations

import uuid

from flask import Blueprint, request
from pydantic import ValidationError
from wtforms import SelectChoice  # type: ignore[attr-defined]  # in wtforms 3.3; its stubs (3.2) predate it

from api.context import container
from api.dashboard.forms import TaskSettingsForm
from api.dashboard.web import done, login_required, page
from pipelines import plain_words
from schemas.bot import BotSettings, TaskSettings
from services.usecases import bot_settings

blueprint = Blueprint("task_settings_page", __name__, url_prefix="/dashboard/settings")
# Empty means "not set" for these; the schema wants None rather than "".
OPTIONAL = ("owner_email", "sender_email", "order_url", "email_link", "email_document_id")


def _document_choices(user_id: uuid.UUID) -> list[SelectChoice]:
    documents = container().kb.list_documents(user_id)
    return [SelectChoice("", "None")] + [SelectChoice(str(d.id), d.filename) for d in documents
                                         if d.status == "ready"]


def _form(user_id: uuid.UUID, *, formdata=None) -> TaskSettingsForm:
    current = bot_settings.current(container().bot_config, user_id).task_settings.model_dump(mode="json")
    form = TaskSettingsForm(formdata=formdata, data={k: "" if v is None else v for k, v in current.items()})
    form.email_document_id.choices = _document_choices(user_id)
    if current["email_document_id"] and current["email_document_id"] not in {
            c.value for c in form.email_document_id.choices}:
        form.email_document_id.choices.append(SelectChoice(current["email_document_id"],
                                                           "a document not ready or deleted"))
    return form


def _page(form: TaskSettingsForm, status: int = 200):
    return page("dashboard/task_settings.html", form=form, status=status)


@blueprint.get("/tasks")
@login_required
def tasks(user_id: uuid.UUID):
    return _page(_form(user_id))


@blueprint.post("/tasks")
@login_required
def save_tasks(user_id: uuid.UUID):
    current = bot_settings.current(container().bot_config, user_id)
    form = _form(user_id, formdata=request.form)
    wanted: dict[str, str | None] = {name: (request.form.get(name) or "").strip() for name in TaskSettings.model_fields}
    wanted.update({name: wanted[name] or None for name in OPTIONAL})
    try:
        settings = BotSettings.model_validate({**current.model_dump(mode="json"), "task_settings": wanted})
        bot_settings.save(container().bot_config, user_id, settings, via="dashboard")
    except ValidationError as exc:
        # Each problem under its own field: drop the "task_settings" part of its location.
        errors = [{**e, "loc": tuple(e["loc"][1:]) if e["loc"][:1] == ("task_settings",) else e["loc"]}
                  for e in exc.errors()]
        form.add_problems(plain_words.field_problems(errors))
    except bot_settings.SettingsRefused as exc:
        form.add_problems({where.removeprefix("task_settings."): [plain_words.reason(problem)]
                           for where, problem in exc.problems.items()})
    else:
        return done("Task settings saved. New tasks use them right away.", "task_settings_page.tasks")
    return _page(form, status=400)
