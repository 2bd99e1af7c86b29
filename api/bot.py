"""REST: the tenant's bot settings, validated by the same schema as the dashboard's form."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import invalid
from schemas.bot import BotSettings
from services import bot_settings

blueprint = Blueprint("bot", __name__, url_prefix="/api/bot")


@blueprint.get("")
@tenant_required
def read(user_id: uuid.UUID):
    return jsonify(bot_settings.current(container(), user_id).model_dump(mode="json"))


@blueprint.patch("")
@tenant_required
def update(user_id: uuid.UUID):
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        abort(400, description="send a JSON object with the settings to change")
    current = bot_settings.current(container(), user_id).model_dump(mode="json")
    try:
        wanted = BotSettings.model_validate({**current, **changes})
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_settings", "the bot settings are not valid")
    bot_settings.save(container(), user_id, wanted, via="api")
    return jsonify(wanted.model_dump(mode="json"))
