"""Reading and saving a tenant's bot settings, validated by one schema for the API and the dashboard.

Saving also checks what the schema cannot: that each model entry is one the business may use
and that every URL it set (model api_base, n8n webhooks) passes the egress policy. The same
checks run again when a model is called or a webhook posted, on the address then resolved.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.egress import EgressRefused
from pipelines.model_rules import HOSTED_PROVIDERS, model_problem
from schemas.bot import BotSettings, OperatorModelChoice
from schemas.settings import OperatorModel
from services.adapters.egress import EgressPolicy
from services.repositories.bot_config import BotConfigRepository
from services.repositories.db import TenantUow

log = logging.getLogger(__name__)


class SettingsRefused(ValueError):
    """Valid settings that point somewhere Salesboy will not go: {field path: message for the business}."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class BotSettingsDeps:
    tenant_uow: TenantUow
    egress: EgressPolicy  # every URL a business sets must pass it
    operator_models: Sequence[OperatorModel]  # the models this install offers every business


def current(deps: BotSettingsDeps, user_id: uuid.UUID) -> BotSettings:
    return read(deps.tenant_uow, user_id)


def read(tenant_uow: TenantUow, user_id: uuid.UUID) -> BotSettings:
    with tenant_uow(user_id) as uow:
        return uow.bot_config.get()


def patched(current: dict, changes: dict) -> dict:
    """A PATCH applied to the current settings (both as JSON): what is not sent keeps its value.

    Objects (business, task_settings, n8n_urls, intent_examples) are merged member by member, and inside
    them null removes the member (back to its default; for n8n_urls and intent_examples, that key is gone).
    Lists and plain values are replaced whole; a top-level null is kept, for the schema to judge.
    """
    return {**current, **{name: _merged(current.get(name), value) for name, value in changes.items()}}


def _merged(current: object, change: object) -> object:
    if not (isinstance(current, dict) and isinstance(change, dict)):
        return change
    merged = dict(current)
    for name, value in change.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = _merged(current.get(name), value)
    return merged


def from_stored(row: dict | None) -> BotSettings:
    return BotSettings.from_stored(row)


def refusals(deps: BotSettingsDeps, settings: BotSettings) -> dict[str, str]:
    """Why the settings may not be saved, by field path (`models.0.api_base`, `n8n_urls.send_email`)."""
    operator_names = [m.name for m in deps.operator_models]
    problems: dict[str, str] = {}
    for index, spec in enumerate(settings.models):
        problem = model_problem(spec, operator_names)
        if problem:
            problems[f"models.{index}.model"] = problem
        elif spec.api_base:
            _check_url(deps, spec.api_base, f"models.{index}.api_base", problems)
    for task_type, url in settings.n8n_urls.items():
        _check_url(deps, str(url), f"n8n_urls.{task_type}", problems)
    # n8n posts orders here on the business's behalf: the same policy as Salesboy's own requests.
    if settings.task_settings.order_url:
        _check_url(deps, str(settings.task_settings.order_url), "task_settings.order_url", problems)
    return problems


def _check_url(deps: BotSettingsDeps, url: str, where: str, problems: dict[str, str]) -> None:
    try:
        deps.egress.check_url(url)
    except EgressRefused as exc:
        problems[where] = str(exc)


def save(deps: BotSettingsDeps, user_id: uuid.UUID, settings: BotSettings, *, via: str) -> None:
    problems = refusals(deps, settings)
    if problems:
        raise SettingsRefused(problems)
    values = settings.stored()
    with deps.tenant_uow(user_id) as uow:
        BotConfigRepository(uow.conn).update(user_id, values)
        uow.audit.log(user_id, "bot.settings_changed", {"via": via, "fields": sorted(values)})


def remove_intent(deps: BotSettingsDeps, user_id: uuid.UUID, key: str, *, via: str) -> bool:
    """Delete one of the business's own intents; False when it has none with this key."""
    settings = current(deps, user_id)
    kept = [i for i in settings.intents if i.key != key]
    if len(kept) == len(settings.intents):
        return False
    save(deps, user_id, settings.model_copy(update={"intents": kept}), via=via)
    return True


def operator_models(deps: BotSettingsDeps) -> list[OperatorModelChoice]:
    return [OperatorModelChoice.of(m.name, m.label, m.model) for m in deps.operator_models]


def own_model_providers() -> list[str]:
    """Providers an own model may name without an api_base (with one, it is openai/...)."""
    return list(HOSTED_PROVIDERS)
