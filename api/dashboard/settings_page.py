"""/dashboard/settings/bot: how the bot speaks and what it may do; the models and provider key; API keys."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, request
from pydantic import ValidationError

from api.context import container
from api.dashboard.forms import ApiKeyForm, BotSettingsForm, ProviderKeyForm, text_of
from api.dashboard.web import done, login_required, page
from api.errors import id_or_404
from pipelines import plain_words
from schemas.bot import BotSettings, ProviderKeyInput
from services.usecases import apikeys, bot_settings, provider_keys
from services.usecases.apikeys import create_api_key

blueprint = Blueprint("settings_page", __name__, url_prefix="/dashboard/settings")
CHECKBOXES = ("enabled", "handoff_when_unknown", "group_mention_only_default")
# What a ticked box sends: "y" from the page's own form, "on" from a plain HTML checkbox (and older pages).
CHECKED = ("y", "on", "true", "1")
TEXT_FIELDS = ("system_prompt", "temperature", "max_reply_chars", "language", "tone", "dont_know_reply",
               "owner_pause_minutes", "debounce_seconds", "owner_notify_phone", "min_relevance", "history_turns")


# The owner writes "Question:" and "Person:"; the settings keep the intent names (the REST API's too).
EXAMPLE_KINDS = {"question": "Response", "person": "HumanHandoff", "response": "Response",
                 "humanhandoff": "HumanHandoff"}
EXAMPLE_WORDS = {"Response": "Question", "HumanHandoff": "Person"}


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()]


def form_to_values(form, current: BotSettings) -> dict:
    """The posted form as BotSettings input; what the form does not show keeps its current value."""
    # A field missing from the post (a page from before it existed) is not a field the owner emptied: it keeps
    # its value. Checkboxes cannot tell the two apart, so an unticked box still means off.
    values = current.model_dump(mode="json")
    values.update({name: form[name] for name in TEXT_FIELDS if name in form})
    values["owner_notify_phone"] = (values["owner_notify_phone"] or "").strip() or None
    calls = form.get("model_calls", "").strip()  # absent from a page made before the choice existed
    values["model_calls"] = (int(calls) if calls.isdigit() else calls) if calls else current.model_calls
    values.update({name: form.get(name) in CHECKED for name in CHECKBOXES})
    values["business"] = {key: form.get(f"business_{key}", value) for key, value in values["business"].items()}
    if "models" in form:
        values["models"] = _models(form["models"])
    if "allowed_task_types" in form:
        values["allowed_task_types"] = [t.strip() for t in form["allowed_task_types"].split(",") if t.strip()]
    if "n8n_urls" in form:
        values["n8n_urls"] = dict(_pair(line, "=") for line in _lines(form["n8n_urls"]))
    if "intent_examples" in form:
        values["intent_examples"] = _examples(form["intent_examples"])
    return values


def _models(raw: str) -> list[dict]:
    models = []
    for line in _lines(raw):
        parts = [p.strip() for p in line.split("|")]
        spec = {"model": parts[0]}
        if len(parts) > 1 and parts[1]:
            spec["api_base"] = parts[1]
        if len(parts) > 2 and parts[2]:  # a key variable, as older versions of this form took: refused clearly
            spec["api_key_env"] = parts[2]
        models.append(spec)
    return models


def _examples(raw: str) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for line in _lines(raw):
        key, text = _pair(line, ":") if not line.startswith("Task:") else _task_pair(line)
        if not text and key == line:  # no label at all: the problem is the missing label, not an empty message
            key, text = "", line
        examples.setdefault(EXAMPLE_KINDS.get(key.lower(), key), []).append(text)
    return examples


def _pair(line: str, sep: str) -> tuple[str, str]:
    key, _, value = line.partition(sep)
    return key.strip(), value.strip()


def _task_pair(line: str) -> tuple[str, str]:
    # "Task:book_calendar: can I come on Monday?"
    _, _, rest = line.partition(":")
    task_type, _, text = rest.partition(":")
    return f"Task:{task_type.strip()}", text.strip()


def values_to_form(settings: BotSettings) -> dict:
    """BotSettings shown in the form's text fields."""
    values = settings.model_dump(mode="json")
    values["models"] = "\n".join(f"{m.model} | {m.api_base}" if m.api_base else m.model for m in settings.models)
    values["allowed_task_types"] = ", ".join(settings.allowed_task_types)
    values["n8n_urls"] = "\n".join(f"{k} = {v}" for k, v in values["n8n_urls"].items())
    values["intent_examples"] = "\n".join(f"{EXAMPLE_WORDS.get(k, k)}: {t}"
                                          for k, texts in settings.intent_examples.items() for t in texts)
    values["owner_notify_phone"] = values["owner_notify_phone"] or ""
    for key, value in values.pop("business").items():
        values[f"business_{key}"] = value
    return values


def refusal_errors(exc: bot_settings.SettingsRefused) -> dict[str, list[str]]:
    """Save-time refusals under the form field they come from (`models.1.api_base` -> models, line 2)."""
    errors: dict[str, list[str]] = {}
    for where, problem in exc.problems.items():
        name, _, rest = where.partition(".")
        item = rest.split(".")[0]
        label = f"Line {int(item) + 1}" if item.isdigit() else item.replace("_", " ")
        errors.setdefault(name, []).append(f"{label}: {plain_words.reason(problem)}")
    return errors


def _page(user_id: uuid.UUID, *, form: BotSettingsForm | None = None, key_form: ApiKeyForm | None = None,
          provider_form: ProviderKeyForm | None = None, new_key: str | None = None, status: int = 200):
    c = container()
    if form is None:
        form = BotSettingsForm(formdata=None, data=values_to_form(bot_settings.current(c.bot_config, user_id)))
    keys = apikeys.listed(c.tenant_uow, user_id)
    return page("dashboard/settings.html", form=form, key_form=key_form or ApiKeyForm(formdata=None),
                provider_form=provider_form or ProviderKeyForm(formdata=None), keys=keys, new_key=new_key,
                status=status, operator_models=bot_settings.operator_models(c.bot_config),
                own_model_providers=bot_settings.own_model_providers(),
                provider_key=provider_keys.describe(c.tenant_data, user_id))


@blueprint.get("/bot")
@login_required
def bot(user_id: uuid.UUID):
    return _page(user_id)


@blueprint.post("/bot")
@login_required
def save_bot(user_id: uuid.UUID):
    current = bot_settings.current(container().bot_config, user_id)
    form = BotSettingsForm()
    try:
        settings = BotSettings.model_validate(form_to_values(request.form, current))
        bot_settings.save(container().bot_config, user_id, settings, via="dashboard")
    except ValidationError as exc:
        form.add_problems(plain_words.field_problems(exc.errors()))
    except bot_settings.SettingsRefused as exc:
        form.add_problems(refusal_errors(exc))
    else:
        return done("Bot settings saved. New messages use them right away.", "settings_page.bot")
    return _page(user_id, form=form, status=400)


@blueprint.post("/api-keys")
@login_required
def create_key(user_id: uuid.UUID):
    key_form = ApiKeyForm()
    if not key_form.validate():
        return _page(user_id, key_form=key_form, status=400)
    key, _ = create_api_key(container().tenant_uow, user_id, text_of(key_form.name))
    return _page(user_id, new_key=key)


@blueprint.post("/api-keys/<key_id>/revoke")
@login_required
def revoke_key(user_id: uuid.UUID, key_id: str):
    if not apikeys.revoke(container().tenant_uow, user_id, id_or_404(key_id, "API key")):
        abort(404, description="There is no such live API key.")
    return done("The API key is revoked; requests using it are refused from now on.", "settings_page.bot")


@blueprint.post("/provider-key")
@login_required
def save_provider_key(user_id: uuid.UUID):
    provider_form = ProviderKeyForm()
    try:
        wanted = ProviderKeyInput.model_validate({"key": provider_form.provider_key.data or ""})
    except ValidationError as exc:
        problems = plain_words.field_problems(exc.errors()).get("key") or ["This key cannot be used."]
        provider_form.add_problems({"provider_key": problems})
        return _page(user_id, provider_form=provider_form, status=400)
    provider_keys.save(container().tenant_data, user_id, wanted.key.get_secret_value(), via="dashboard")
    return done("Your provider key is saved. Your own models use it from now on.", "settings_page.bot")


@blueprint.post("/provider-key/delete")
@login_required
def delete_provider_key(user_id: uuid.UUID):
    if not provider_keys.remove(container().tenant_data, user_id, via="dashboard"):
        abort(404, description="No provider key is saved.")
    return done("Your provider key is deleted. Your own models get no key until you save a new one.",
                "settings_page.bot")
