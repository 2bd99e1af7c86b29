"""REST payloads: what the routes validate requests with and what they answer. The OpenAPI description
(api/openapi.py) is generated from these models: `DESCRIBED` lists every one its operations name, here and
beside them in schemas/."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.bot import BotSettings, BusinessIntent, ProviderKeyInput
from schemas.kb import DocumentView, SearchHit, SearchRequest
from schemas.messages import MAX_TEXT, InboundMessage, TaskCallback
from schemas.text import NonBlank


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- requests ----------------------------------------------------------------------------------------


class WhitelistEntry(Strict):
    phone: str = Field(min_length=3, max_length=40, description="international number, e.g. +2348012345678")
    name: str = Field("", max_length=200)


class WhitelistBulk(Strict):
    contacts: list[WhitelistEntry] = Field(min_length=1, max_length=5000)


class GroupSettingUpdate(Strict):
    auto_reply: bool | None = None
    mention_only: bool | None = None


class PlaygroundAsk(Strict):
    text: NonBlank = Field(min_length=1, max_length=MAX_TEXT)
    chat_id: str | None = Field(None, max_length=100, description="continue a playground chat; omit to start one")


class ApiKeyCreate(Strict):
    name: NonBlank = Field("api", min_length=1, max_length=100)


class SendText(Strict):
    to: str = Field(description="+<country code><number>, or a …@c.us, …@g.us or …@lid chat id")
    text: NonBlank = Field(min_length=1, max_length=MAX_TEXT)


class PairingCodeRequest(Strict):
    phone: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$")


# --- answers -----------------------------------------------------------------------------------------


class ErrorField(BaseModel):
    field: str
    problem: str


class Error(BaseModel):
    """Every error, on every route: a machine-readable `error`, a sentence for people, and the request id."""

    model_config = ConfigDict(extra="allow")
    error: str
    message: str
    request_id: str | None = None
    fields: list[ErrorField] | None = None


class Page(BaseModel):
    """Lists carry `next_cursor`: pass it back as `?cursor=` for the next page; null on the last page."""

    model_config = ConfigDict(extra="allow")
    next_cursor: str | None


class Me(BaseModel):
    account_id: str = Field(description="the `tenant` the WhatsApp webhook body names")
    email: str
    plan: str
    created_at: str
    via: str


class Contact(BaseModel):
    id: str
    phone: str | None
    lid: str | None
    name: str | None
    created_at: str


class ContactPage(Page):
    contacts: list[Contact]
    whitelist_enabled: bool


class Added(BaseModel):
    added: int
    already_listed: int


class GroupSetting(BaseModel):
    group_id: str
    name: str | None
    auto_reply: bool
    mention_only: bool
    updated_at: str


class GroupSettingPage(Page):
    groups: list[GroupSetting]


class Conversation(BaseModel):
    chat_id: str
    contact_phone: str | None
    contact_lid: str | None
    is_group: bool
    handoff_active: bool
    handoff_since: str | None
    paused_until: str | None
    last_inbound_at: str | None
    created_at: str


class ConversationPage(Page):
    conversations: list[Conversation]


class LoggedMessage(BaseModel):
    id: str
    chat_id: str
    direction: str
    message_id: str | None
    outcome: str | None
    reason: str | None
    intent: str | None
    contact_phone: str | None
    contact_lid: str | None
    text: str
    created_at: str


class MessagePage(Page):
    messages: list[LoggedMessage]


class Handoff(BaseModel):
    chat_id: str
    contact_phone: str | None
    handoff_since: str | None


class HandoffPage(Page):
    handoffs: list[Handoff]


class Released(BaseModel):
    chat_id: str
    handoff_active: bool


class PlaygroundQueued(BaseModel):
    chat_id: str
    message_id: str


class PlaygroundTurn(BaseModel):
    id: str
    direction: str
    text: str
    intent: str | None
    outcome: str | None
    message_id: str | None
    created_at: str


class PlaygroundChat(Page):
    chat_id: str
    pending: int
    turns: list[PlaygroundTurn]


class ApiKey(BaseModel):
    id: str
    name: str
    prefix: str
    created_at: str | None
    last_used_at: str | None
    revoked_at: str | None


class ApiKeyPage(Page):
    keys: list[ApiKey]


class NewApiKey(ApiKey):
    key: str = Field(description="shown once; only its hash is stored")


class Object(BaseModel):
    """A JSON object whose fields the route's description lists."""

    model_config = ConfigDict(extra="allow")


class ObjectPage(Page):
    """A page of items (the list's name is the route's noun)."""


# --- answers of the WhatsApp, knowledge-base, bot, task and machine routes -------------------------------


class DocumentPage(Page):
    documents: list[DocumentView]


class DocumentEnvelope(BaseModel):
    document: DocumentView


class DocumentDetail(DocumentEnvelope):
    preview: list[dict[str, Any]]


class SearchResults(BaseModel):
    query: str
    results: list[SearchHit]


class ProviderKeySaved(BaseModel):
    masked: str
    updated_at: str


class WebhookAccepted(BaseModel):
    inbox_id: str
    duplicate: bool


class SessionStatus(BaseModel):
    status: str
    status_text: str
    host: str | None
    last_error: str | None


class Qr(BaseModel):
    qr: str
    code: str


class Accepted(BaseModel):
    accepted: str


class Sent(BaseModel):
    model_config = {"extra": "allow"}
    message_id: str


class Listed(BaseModel):
    id: str
    name: str


class GroupPage(Page):
    groups: list[Listed]


class ContactList(Page):
    contacts: list[Listed]


class TaskPage(Page):
    tasks: list[dict[str, Any]]


class AlertPage(Page):
    alerts: list[dict[str, Any]]


class IntentList(BaseModel):
    intents: list[BusinessIntent]


class TaskCreated(BaseModel):
    id: str
    status: str
    dispatched: bool
    trace_id: str


# Every model the description names (request bodies and answers), in one place.
DESCRIBED: list[type[BaseModel]] = [
    Error, ErrorField, Me, WhitelistEntry, WhitelistBulk, ContactPage, Added, GroupSettingUpdate,
    GroupSettingPage, ConversationPage, MessagePage, HandoffPage, Released, PlaygroundAsk,
    PlaygroundQueued, PlaygroundChat, ApiKeyCreate, ApiKeyPage, NewApiKey, SendText,
    PairingCodeRequest, Object, BotSettings, ProviderKeyInput, SearchRequest, InboundMessage, TaskCallback,
    DocumentPage, DocumentEnvelope, DocumentDetail, SearchResults, ProviderKeySaved, WebhookAccepted, SessionStatus,
    Qr, Accepted, Sent, GroupPage, ContactList, TaskPage, AlertPage, TaskCreated, BusinessIntent, IntentList,
]


def free_form() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": True}
