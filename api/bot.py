"""REST: the tenant's bot settings, validated by the same schema as the dashboard's form; the models a business
may pick and its own provider key (write-only: only its last characters are ever shown)."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import error_response, invalid
from schemas.bot import BotSettings, ProviderKeyInput
from services.usecases import bot_settings, provider_keys

blueprint = Blueprint("bot", __name__, url_prefix="/api/bot")


@blueprint.get("")
@tenant_required
def read(user_id: uuid.UUID):
    return jsonify(bot_settings.current(container().bot_config, user_id).model_dump(mode="json"))


@blueprint.patch("")
@tenant_required
def update(user_id: uuid.UUID):
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        abort(400, description="send a JSON object with the settings to change")
    current = bot_settings.current(container().bot_config, user_id).model_dump(mode="json")
    try:
        wanted = BotSettings.model_validate(bot_settings.patched(current, changes))
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_settings", "the bot settings are not valid")
    try:
        bot_settings.save(container().bot_config, user_id, wanted, via="api")
    except bot_settings.SettingsRefused as exc:
        return _refused(exc)
    return jsonify(wanted.model_dump(mode="json"))


def _refused(exc: bot_settings.SettingsRefused):
    fields = [{"field": where, "problem": problem} for where, problem in exc.problems.items()]
    return error_response(422, "invalid_settings", "the bot settings are not valid", fields=fields)


@blueprint.get("/models")
@tenant_required
def models(user_id: uuid.UUID):
    """What a business can put in its models list."""
    saved = provider_keys.describe(container().tenant_data, user_id)
    return jsonify({
        "operator_models": [m.model_dump() for m in bot_settings.operator_models(container().bot_config)],
        "own_model_providers": bot_settings.own_model_providers(),
        "provider_key": _key_json(saved),
    })


@blueprint.put("/provider-key")
@tenant_required
def put_provider_key(user_id: uuid.UUID):
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description='send a JSON object: {"key": "<your provider key>"}')
    try:
        wanted = ProviderKeyInput.model_validate(body)
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_provider_key", "the provider key is not valid")
    saved = provider_keys.save(container().tenant_data, user_id, wanted.key.get_secret_value(), via="api")
    return jsonify(_key_json(saved))


@blueprint.delete("/provider-key")
@tenant_required
def delete_provider_key(user_id: uuid.UUID):
    if not provider_keys.remove(container().tenant_data, user_id, via="api"):
        abort(404, description="no provider key is saved")
    return "", 204


def _key_json(saved: provider_keys.SavedKey | None) -> dict | None:
    return {"masked": saved.masked, "updated_at": saved.updated_at.isoformat()} if saved else None


# --- the business's own intents, one at a time (PATCH /api/bot with `intents` replaces them all) ----------

@blueprint.get("/intents")
@tenant_required
def list_intents(user_id: uuid.UUID):
    intents = bot_settings.current(container().bot_config, user_id).intents
    return jsonify({"intents": [i.model_dump(mode="json") for i in intents]})


@blueprint.put("/intents/<key>")
@tenant_required
def put_intent(user_id: uuid.UUID, key: str):
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description='send a JSON object: {"kind": "answer", "examples": ["..."], ...}')
    if body.get("key", key) != key:
        return error_response(422, "invalid_intent", "the key in the body differs from the one in the path",
                              fields=[{"field": "key", "problem": "must match the path"}])
    current = bot_settings.current(container().bot_config, user_id)
    intents = [i.model_dump(mode="json") for i in current.intents]
    index = next((n for n, i in enumerate(intents) if i["key"] == key), len(intents))
    intents[index:index + 1] = [{**body, "key": key}]
    try:
        wanted = BotSettings.model_validate({**current.model_dump(mode="json"), "intents": intents})
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_intent", "the intent is not valid", within=("intents", index))
    try:
        bot_settings.save(container().bot_config, user_id, wanted, via="api")
    except bot_settings.SettingsRefused as exc:
        return _refused(exc)
    return jsonify(wanted.intents[index].model_dump(mode="json"))


@blueprint.delete("/intents/<key>")
@tenant_required
def delete_intent(user_id: uuid.UUID, key: str):
    if not bot_settings.remove_intent(container().bot_config, user_id, key, via="api"):
        abort(404, description="there is no intent with this key")
    return "", 204
