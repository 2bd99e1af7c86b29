"""REST for what the dashboard does: the caller's account, whitelist, group settings, conversations and
messages, hand-offs, the playground and API keys. The same services and repositories as the pages, the same
audit entries, JSON in and out, every list paginated (api/pagination.py)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime
from typing import get_args

from flask import Blueprint, abort, jsonify, request
from pydantic import BaseModel, ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import choice_arg, error_response, id_or_404, invalid
from api.pagination import LIST_SCAN_LIMIT, keyset_page, paginated, time_and_id
from pipelines.phones import PhoneError, to_e164
from schemas.api import (
    ApiKeyCreate,
    GroupSettingUpdate,
    PlaygroundAsk,
    WhitelistBulk,
    WhitelistEntry,
)
from schemas.messages import IntentName, LogOutcome
from services.repositories.audience import GroupSetting, WhitelistedContact
from services.repositories.repositories import ApiKeyRow
from services.usecases import accounts, apikeys, message_views, playground, whitelist_contacts
from services.usecases import group_settings as groups_service
from services.usecases import handoffs as handoffs_service
from services.usecases.apikeys import create_api_key
from services.usecases.message_views import readable

blueprint = Blueprint("rest", __name__, url_prefix="/api")


def _body(model: type[BaseModel], what: str, problem: str | None = None):
    """`problem`: what to say when the body is refused (default: the {what} is not valid)."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        abort(400, description=f"send a JSON object: the {what}")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_request", problem or f"the {what} is not valid")


def _iso(row: dict, *names: str) -> dict:
    return {**row, **{n: row[n].isoformat() if isinstance(row.get(n), datetime) else row.get(n) for n in names}}


def _when(name: str) -> datetime | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"{name} must be an ISO 8601 date or time")


# --- the caller ----------------------------------------------------------------------------------


@blueprint.get("/me")
@tenant_required
def me(user_id: uuid.UUID):
    """The account the key or session acts for: its id is the `tenant` of the WhatsApp webhook body."""
    account = accounts.summary(container().system_uow, user_id)
    if account is None:
        abort(404, description="the account no longer exists")
    return jsonify(account_id=str(user_id), email=account.email, plan=account.plan or "self-hosted",
                   created_at=account.created_at.isoformat(),
                   via="api_key" if "X-API-KEY" in request.headers else "session")


# --- whitelist -------------------------------------------------------------------------------------


def _contact_json(row: WhitelistedContact) -> dict:
    return {"id": str(row.id), "phone": row.phone, "lid": row.lid, "name": row.name,
            "created_at": row.created_at.isoformat()}


@blueprint.get("/whitelist")
@tenant_required
def whitelist(user_id: uuid.UUID):
    found = whitelist_contacts.listed(container().tenant_uow, user_id, request.args.get("search", ""),
                                      limit=LIST_SCAN_LIMIT)
    contacts = [_contact_json(r) for r in found.contacts]
    return jsonify(paginated("contacts", contacts, lambda c: [c["name"] or "", c["phone"] or "", c["id"]],
                             whitelist_enabled=found.enabled))


def _normalised(entries: list[WhitelistEntry]) -> tuple[list[tuple[str, str]], list[dict]]:
    good, problems = [], []
    for index, entry in enumerate(entries):
        try:
            good.append((to_e164(entry.phone), entry.name))
        except PhoneError as exc:
            problems.append({"field": f"contacts.{index}.phone", "problem": str(exc)})
    return good, problems


def _add(user_id: uuid.UUID, entries: list[WhitelistEntry], action: str):
    good, problems = _normalised(entries)
    if problems:
        return error_response(422, "invalid_request", "some phone numbers are not valid", fields=problems)
    added = whitelist_contacts.add_from_api(container().tenant_uow, user_id, good, action=action)
    return jsonify(added=added, already_listed=len(good) - added), 201


@blueprint.post("/whitelist")
@tenant_required
def whitelist_add(user_id: uuid.UUID):
    wanted = _body(WhitelistEntry, "contact")
    return wanted if isinstance(wanted, tuple) else _add(user_id, [wanted], "whitelist.added")


@blueprint.post("/whitelist/bulk")
@tenant_required
def whitelist_bulk(user_id: uuid.UUID):
    wanted = _body(WhitelistBulk, "contacts")
    return wanted if isinstance(wanted, tuple) else _add(user_id, wanted.contacts, "whitelist.imported")


@blueprint.delete("/whitelist/<contact_id>")
@tenant_required
def whitelist_remove(user_id: uuid.UUID, contact_id: str):
    if whitelist_contacts.remove(container().tenant_uow, user_id, id_or_404(contact_id, "contact"), via="api") is None:
        abort(404, description="no such contact")
    return "", 204


# --- group settings ----------------------------------------------------------------------------------


def _group_json(row: GroupSetting) -> dict:
    return {"group_id": row.group_id, "name": row.name, "auto_reply": row.auto_reply,
            "mention_only": row.mention_only, "updated_at": row.updated_at.isoformat()}


@blueprint.get("/group-settings")
@tenant_required
def group_settings(user_id: uuid.UUID):
    """Groups the bot knows of and whether it answers in each (refreshed from WhatsApp on the groups page)."""
    rows = groups_service.listed(container().tenant_uow, user_id)
    return jsonify(paginated("groups", [_group_json(r) for r in rows], lambda g: [g["name"] or "", g["group_id"]]))


@blueprint.patch("/group-settings/<group_id>")
@tenant_required
def group_toggle(user_id: uuid.UUID, group_id: str):
    wanted = _body(GroupSettingUpdate, "group setting")
    if isinstance(wanted, tuple):
        return wanted
    row = groups_service.update(container().tenant_uow, user_id, group_id, auto_reply=wanted.auto_reply,
                                mention_only=wanted.mention_only)
    if row is None:
        abort(404, description="no such group: list the linked account's groups first")
    return jsonify(_group_json(row))


# --- conversations, messages and hand-offs ------------------------------------------------------------


@blueprint.get("/conversations")
@tenant_required
def conversations(user_id: uuid.UUID):
    """Chats with their last inbound time, pause and hand-off state, most recent first."""
    handoff = choice_arg("handoff", ("true", "false"))

    def fetch(after, limit):
        rows = message_views.conversations(container().tenant_uow, user_id,
                                           handoff=None if handoff is None else handoff == "true", limit=limit,
                                           after=time_and_id(after, str))
        return [_iso(dataclasses.asdict(r), "handoff_since", "paused_until", "last_inbound_at", "created_at")
                for r in rows]

    return jsonify(keyset_page("conversations", fetch, lambda c: [c["last_inbound_at"] or c["created_at"],
                                                                  c["chat_id"]], 2))


@blueprint.get("/messages")
@tenant_required
def messages(user_id: uuid.UUID):
    """The decrypted chat log, newest first; filters `chat_id`, `contact`, `since`, `until`, `intent`, `outcome`."""
    c = container()
    intent, outcome = choice_arg("intent", get_args(IntentName)), choice_arg("outcome", get_args(LogOutcome))

    def fetch(after, limit):
        rows = message_views.chat_logs(
            c.tenant_uow, user_id, contact=request.args.get("contact") or None,
            chat_id=request.args.get("chat_id") or None, since=_when("since"), until=_when("until"),
            intent=intent, outcome=outcome, limit=limit, after=time_and_id(after))
        return [{"id": str(r.id), "chat_id": r.chat_id, "direction": r.direction,
                 "message_id": r.inbox_id and str(r.inbox_id), "outcome": r.outcome, "reason": r.reason,
                 "intent": r.intent, "contact_phone": r.contact_phone, "contact_lid": r.contact_lid,
                 "text": readable(c.tenant_data, user_id, r), "created_at": r.created_at.isoformat()} for r in rows]

    return jsonify(keyset_page("messages", fetch, lambda m: [m["created_at"], m["id"]], 2))


@blueprint.get("/handoffs")
@tenant_required
def handoffs(user_id: uuid.UUID):
    """Chats a person took over; release one with POST /api/v1/chats/{chat_id}/release."""
    rows = handoffs_service.waiting(container().tenant_uow, user_id)
    items = [_iso(dataclasses.asdict(r), "handoff_since") for r in rows]
    return jsonify(paginated("handoffs", items, lambda h: [h["handoff_since"], h["chat_id"]]))


# --- playground ----------------------------------------------------------------------------------------


@blueprint.post("/playground")
@tenant_required
def playground_ask(user_id: uuid.UUID):
    """Ask the bot as a customer would; read the answer with GET /api/v1/playground/{chat_id}."""
    wanted = _body(PlaygroundAsk, "question")
    if isinstance(wanted, tuple):
        return wanted
    chat_id = wanted.chat_id or playground.new_chat_id()
    if not chat_id.endswith(playground.PLAYGROUND_SUFFIX):
        return error_response(422, "invalid_request", "chat_id must be one the playground gave you")
    message_id = playground.ask(container().tenant_data, user_id, chat_id, wanted.text)
    return jsonify(chat_id=chat_id, message_id=str(message_id)), 202


@blueprint.get("/playground/<chat_id>")
@tenant_required
def playground_read(user_id: uuid.UUID, chat_id: str):
    if not chat_id.endswith(playground.PLAYGROUND_SUFFIX):
        abort(404, description="no such playground chat")
    turns, pending = playground.conversation(container().tenant_data, user_id, chat_id, limit=200)
    items = [{"id": str(t.id), "direction": t.direction, "text": t.text, "intent": t.intent,
              "outcome": t.outcome, "message_id": t.inbox_id and str(t.inbox_id),
              "created_at": t.created_at.isoformat()} for t in turns]
    return jsonify(paginated("turns", items, lambda t: [t["created_at"], t["direction"], t["id"]],
                             chat_id=chat_id, pending=pending))


# --- API keys --------------------------------------------------------------------------------------------


def _key_json(row: ApiKeyRow) -> dict:
    return {"id": str(row.id), "name": row.name, "prefix": row.prefix, "created_at": row.created_at.isoformat(),
            **{n: when.isoformat() if when else None
               for n, when in (("last_used_at", row.last_used_at), ("revoked_at", row.revoked_at))}}


@blueprint.get("/keys")
@tenant_required
def keys(user_id: uuid.UUID):
    rows = apikeys.listed(container().tenant_uow, user_id)
    return jsonify(paginated("keys", [_key_json(r) for r in rows], lambda k: [k["created_at"], k["id"]]))


@blueprint.post("/keys")
@tenant_required
def key_create(user_id: uuid.UUID):
    # Said of the name: "the key is not valid" would read as if the caller's own API key were refused.
    wanted = _body(ApiKeyCreate, "new key's name", 'the new key\'s name is not valid: give it a name of 1 to 100 '
                   'characters, more than spaces, saying where it will be used (like "n8n")')
    if isinstance(wanted, tuple):
        return wanted
    key, row = create_api_key(container().tenant_uow, user_id, wanted.name)
    return jsonify({**_key_json(row), "key": key}), 201


@blueprint.delete("/keys/<key_id>")
@tenant_required
def key_revoke(user_id: uuid.UUID, key_id: str):
    if not apikeys.revoke(container().tenant_uow, user_id, id_or_404(key_id, "API key")):
        abort(404, description="no such API key, or it is already revoked")
    return "", 204
