"""Inbound WhatsApp messages, intent results and traces."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

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


class IntentResult(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    intent: IntentName
    confidence: float = Field(ge=0.0, le=1.0)
    task_type: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]{0,62}$")
    payload: dict[str, object] = Field(default_factory=dict)
    raw_analysis: str = Field("", max_length=2000)

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


class ModelSpec(BaseModel):
    """One entry of a tenant's model list (tried in order). Keys come from the environment."""

    model_config = ConfigDict(extra="forbid")
    model: str = Field(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_.:/@-]+$",
                       description="a litellm model name, e.g. gemini/gemini-2.0-flash or openai/gpt-4o-mini")
    api_base: str | None = Field(None, max_length=500, pattern=r"^https?://")
    api_key_env: str | None = Field(None, pattern=r"^[A-Z][A-Z0-9_]{1,63}$",
                                    description="name of the environment variable holding the key")


def model_specs(raw: object) -> list[ModelSpec]:
    """bot_config.models: strings or objects, in fallback order."""
    if not isinstance(raw, list):
        return []
    return [ModelSpec(model=item) if isinstance(item, str) else ModelSpec.model_validate(item) for item in raw]


class TaskCallback(BaseModel):
    """What an n8n workflow reports back when a task is done."""

    model_config = ConfigDict(extra="forbid")
    task_id: uuid.UUID
    tenant: uuid.UUID
    status: Literal["succeeded", "failed"]
    result: dict[str, object] = Field(default_factory=dict)
    reply_text: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
