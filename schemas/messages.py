"""Inbound WhatsApp messages, intent results and traces."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

E164 = r"^\+[1-9][0-9]{6,14}$"
# The dashboard's playground: its chats go through the whole pipeline but never reach WhatsApp.
PLAYGROUND_SUFFIX = "@playground"
MAX_TEXT = 4096


class InboundMessage(BaseModel):
    """What a gateway (or the session host) reports for one WhatsApp message."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    tenant: uuid.UUID = Field(description="the Salesboy account the WhatsApp number belongs to")
    provider_message_id: str = Field(min_length=1, max_length=200, description="WhatsApp's id of the message")
    chat_id: str = Field(min_length=3, max_length=200, description="e.g. 2348012345678@c.us or ...@g.us")
    sender_phone: str | None = Field(None, pattern=E164, description="E.164, when WhatsApp reveals it")
    sender_lid: str | None = Field(None, pattern=r"^[0-9]+@lid$", description="WhatsApp's linked id")
    is_group: bool = False
    from_me: bool = Field(False, description="sent from the owner's own phone")
    mentions_me: bool = Field(False, description="in a group, the message mentions the business")
    text: str = Field("", max_length=MAX_TEXT)
    media_ref: str | None = Field(None, max_length=500)
    timestamp: datetime

    @field_validator("chat_id")
    @classmethod
    def _known_chat_kind(cls, value: str) -> str:
        if not value.endswith(("@c.us", "@g.us", "@lid", "@broadcast", "@newsletter", "@s.whatsapp.net",
                                  PLAYGROUND_SUFFIX)):
            raise ValueError("chat_id must be a WhatsApp id (…@c.us, …@g.us, …@lid or …@broadcast)")
        return value

    @model_validator(mode="after")
    def _has_content(self) -> InboundMessage:
        if not self.text and not self.media_ref:
            raise ValueError("a message needs text or a media_ref")
        if self.timestamp.tzinfo is None:
            raise ValueError("timestamp must include a timezone (e.g. 2026-11-28T10:00:00Z)")
        return self

    @property
    def is_playground(self) -> bool:
        return self.chat_id.endswith(PLAYGROUND_SUFFIX)

    @property
    def is_broadcast(self) -> bool:
        return self.chat_id.endswith(("@broadcast", "@newsletter"))


IntentName = Literal["Response", "Task", "HumanHandoff"]
# chat_logs.outcome, as its check constraint allows (an inbound message's end; a reply has none).
LogOutcome = Literal["answered", "ignored", "handed_off", "task", "failed"]


class RankedLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(max_length=80)
    probability: float = Field(ge=0.0, le=1.0)


class IntentResult(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    intent: IntentName
    confidence: float = Field(ge=0.0, le=1.0)
    task_type: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]{0,62}$")
    payload: dict[str, object] = Field(default_factory=dict)
    raw_analysis: str = Field("", max_length=2000)
    # Set by Salesboy, not by a model: the decided label (Response, HumanHandoff, Task:<type>,
    # Answer:<key>) and the best three outcomes with their probabilities.
    label: str = Field("", max_length=80, pattern=r"^(|Response|HumanHandoff|(Task|Answer):[a-z][a-z0-9_]{0,62})$")
    top: list[RankedLabel] = Field(default_factory=list, max_length=3)

    @model_validator(mode="after")
    def _task_needs_a_type(self) -> IntentResult:
        if self.intent == "Task" and not self.task_type:
            raise ValueError("a Task intent needs a task_type")
        return self


class Decision(BaseModel):
    """The filter stage's verdict on one inbound message."""

    model_config = ConfigDict(frozen=True)
    answer: bool
    reason: str
    pause_chat_until: datetime | None = None


OPERATOR_PREFIX = "operator/"
API_KEY_ENV_GONE = ("api_key_env is no longer accepted: save your provider key in Settings, or pick a model your "
                    "operator set up (operator/<name>)")


class ModelSpec(BaseModel):
    """One entry of a business's model list, tried in order.

    Either a model the operator set up, written `operator/<name>` (called with the operator's
    key, which the business never sees), or the business's own model: a litellm name such as
    `openai/gpt-4o-mini`, optionally with the `api_base` of an OpenAI-compatible server, called
    with the business's own provider key. A business never names a server environment variable.
    """

    model_config = ConfigDict(extra="forbid")
    model: str = Field(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_.:/@-]+$",
                       description="operator/<name>, or a litellm model name such as gemini/gemini-2.0-flash")
    api_base: str | None = Field(None, max_length=500, pattern=r"^https?://",
                                 description="an OpenAI-compatible server of the business's own (openai/... models)")

    @model_validator(mode="before")
    @classmethod
    def _no_key_variables(cls, data: object) -> object:
        if isinstance(data, dict) and "api_key_env" in data:
            raise ValueError(API_KEY_ENV_GONE)
        return data

    @model_validator(mode="after")
    def _operator_endpoints_are_the_operators(self) -> ModelSpec:
        if self.operator_name is not None and self.api_base:
            raise ValueError("an operator model's endpoint is set by the operator: remove api_base")
        return self

    @property
    def operator_name(self) -> str | None:
        return self.model.removeprefix(OPERATOR_PREFIX) if self.model.startswith(OPERATOR_PREFIX) else None

    @property
    def provider(self) -> str | None:
        """litellm's provider prefix of an own model (`openai` in openai/gpt-4o-mini), if written."""
        prefix, slash, _ = self.model.partition("/")
        return prefix if slash and self.operator_name is None else None


def model_specs(raw: object) -> list[ModelSpec]:
    """bot_config.models: strings or objects, in fallback order."""
    if not isinstance(raw, list):
        return []
    return [ModelSpec(model=item) if isinstance(item, str) else ModelSpec.model_validate(item) for item in raw]


class TaskRequest(BaseModel):
    """POST /api/tasks: a task for a chat, created and handed to n8n as if the customer had asked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    chat_id: str = Field(min_length=3, max_length=200, pattern=r"^[0-9]+@(c\.us|lid)$",
                         description="the customer's chat, e.g. 2348012345678@c.us")
    task_type: str = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$",
                           description="one of the business's allowed_task_types, or human_handoff")
    message: str = Field(min_length=1, max_length=MAX_TEXT, description="what the customer asked for")
    emails: list[str] = Field(default_factory=list, max_length=10,
                              description="send_email: the first is the recipient")
    start: datetime | None = Field(None, description="book_calendar: when (with a timezone)")
    details: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, max_length=50, description="anything else the workflow should see, e.g. items")

    @field_validator("emails")
    @classmethod
    def _emails(cls, value: list[str]) -> list[str]:
        for email in value:
            if len(email) > 254 or not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+", email):
                raise ValueError(f"{email!r} is not an email address")
        return value

    @field_validator("start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("start must include a timezone (e.g. 2026-12-01T15:00:00+01:00)")
        return value

    def payload(self) -> dict[str, Any]:
        """The task payload, shaped as the intent stage shapes it."""
        values: dict[str, Any] = {**self.details, "message": self.message}
        if self.emails:
            values["emails"] = self.emails
        if self.start:
            values["start"] = self.start.isoformat()
        return values


class TaskCallback(BaseModel):
    """What an n8n workflow reports back when a task is done."""

    model_config = ConfigDict(extra="forbid")
    task_id: uuid.UUID
    tenant: uuid.UUID
    status: Literal["succeeded", "failed"]
    result: dict[str, object] = Field(default_factory=dict)
    reply_text: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
