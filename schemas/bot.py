"""A tenant's bot settings, as the dashboard form and the REST API both validate them."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr, ValidationError, field_validator, model_validator

from schemas.messages import E164, OPERATOR_PREFIX, ModelSpec

log = logging.getLogger(__name__)

TaskType = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")]
INTENT_KEY = re.compile(r"^(Response|HumanHandoff|Task:[a-z][a-z0-9_]{0,62})$")
# A business may define many intents; the limits keep a tenant's classifier quick to fit (seconds) and to embed.
MAX_INTENTS = 500
MAX_INTENT_EXAMPLES = 200
MAX_EXAMPLES_TOTAL = 5000
# Task types Salesboy itself uses: a business intent cannot take the hand-off's name.
RESERVED_INTENT_KEYS = frozenset({"human_handoff"})
Example = Annotated[str, Field(min_length=1, max_length=1000)]


class BusinessIntent(BaseModel):
    """Something customers ask for that the business names itself, in any language.

    kind=task: the key is a task type handed to n8n (label Task:<key>); kind=answer: answered with
    `reply` when set, else from the documents (label Answer:<key>); kind=handoff: a person takes over.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$",
                     description="lowercase letters, digits and _; a task's type for kind=task")
    name: str = Field("", max_length=100, description="what the dashboard shows, in any language")
    kind: Literal["task", "answer", "handoff"] = "answer"
    examples: list[Example] = Field(min_length=1, max_length=MAX_INTENT_EXAMPLES,
                                    description="customer messages that mean this intent")
    reply: str = Field("", max_length=2000, description="kind=answer: the reply sent as is (empty: the documents)")
    description: str = Field("", max_length=500)

    @field_validator("key")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_INTENT_KEYS:
            raise ValueError(f"{value!r} is Salesboy's own hand-off: pick another key, or use kind handoff")
        return value

    @field_validator("examples")
    @classmethod
    def _distinct_examples(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _reply_only_for_answers(self) -> BusinessIntent:
        if self.reply and self.kind != "answer":
            raise ValueError("only an intent of kind answer has a reply")
        return self

    @property
    def label(self) -> str:
        """What the decision is recorded as (evals read it from the trace)."""
        return {"task": f"Task:{self.key}", "answer": f"Answer:{self.key}", "handoff": "HumanHandoff"}[self.kind]


class Business(BaseModel):
    """What the bot may tell customers about the business."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field("", max_length=200)
    hours: str = Field("", max_length=500)
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=50)
    website: str = Field("", max_length=300)
    about: str = Field("", max_length=2000)


EMAIL = r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$"
# The default promises no follow-up: unless handoff_when_unknown is on, nobody is told of the question.
DEFAULT_DONT_KNOW_REPLY = "Sorry, I don't have that information."
FOLLOW_UP_PROMISE = "Someone from our team will get back to you."
DEFAULT_EMAIL_TEXT = "Hello,\n\nThank you for your interest. As promised, here are the details you asked for.\n"


class TaskSettings(BaseModel):
    """What a business's n8n workflows need. Sent in every signed task body, so one n8n serves many
    businesses and n8n itself holds only the signing secrets and the credentials."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    owner_email: str | None = Field(None, pattern=EMAIL, max_length=254,
                                    description="hand-offs, failed tasks and ICS booking requests go here; "
                                                "unset: the account's email")
    sender_email: str | None = Field(None, pattern=EMAIL, max_length=254,
                                     description="the From address of emails the workflows send; unset: owner_email")
    sender_name: str = Field("", max_length=100, pattern=r"^[^<>\r\n\"]*$")
    order_url: HttpUrl | None = Field(None, description="create_order posts each order here (JSON)")
    calendar_mode: Literal["ics", "google"] = Field(
        "ics", description="ics: email the owner an invitation; google: create a Google Calendar event")
    calendar_id: str = Field("primary", min_length=1, max_length=200, pattern=r"^[\w.@+-]+$")
    booking_minutes: int = Field(30, ge=5, le=480)
    email_subject: str = Field("The details you asked for", min_length=1, max_length=200, pattern=r"^[^\r\n]+$")
    email_text: str = Field(DEFAULT_EMAIL_TEXT, min_length=1, max_length=5000)
    email_link: HttpUrl | None = Field(None, description="added to the email, e.g. your online price list")
    email_document_id: uuid.UUID | None = Field(None, description="a knowledge base document attached to the email")


class BotSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    enabled: bool = True
    system_prompt: str = Field("", max_length=20_000)
    models: list[ModelSpec] = Field(default_factory=list, max_length=10, description="tried in this order")
    temperature: float = Field(0.2, ge=0, le=2)
    model_calls: Literal[1, 2] = Field(
        1, description="with models: 1 = one call gives the intent and the answer together; 2 = one call "
                       "classifies, a second one answers (only when the documents answer)")
    max_reply_chars: int = Field(1000, ge=50, le=4000)
    language: str = Field("auto", min_length=2, max_length=40, pattern=r"^[\w -]+$")
    tone: str = Field("friendly", min_length=2, max_length=40, pattern=r"^[\w ,-]+$")
    business: Business = Field(default_factory=Business)
    dont_know_reply: str = Field(DEFAULT_DONT_KNOW_REPLY, min_length=1, max_length=1000,
                                 description="with handoff_when_unknown, the default also says the team will reply")
    handoff_when_unknown: bool = False
    whitelist_enabled: bool = False
    owner_pause_minutes: int = Field(30, ge=0, le=10_080)
    debounce_seconds: int = Field(4, ge=0, le=120)
    allowed_task_types: list[TaskType] = Field(default_factory=lambda: ["send_email", "book_calendar",
                                                                         "create_order"], max_length=MAX_INTENTS)
    n8n_urls: dict[TaskType, HttpUrl] = Field(default_factory=dict)
    task_settings: TaskSettings = Field(default_factory=TaskSettings)
    intent_examples: dict[str, list[Example]] = Field(
        default_factory=dict, description="more examples for the built-in intents: Response, HumanHandoff, "
                                          "Task:<task_type>")
    intents: list[BusinessIntent] = Field(default_factory=list, max_length=MAX_INTENTS,
                                          description="the business's own intents, of any kind")
    owner_notify_phone: str | None = Field(None, pattern=E164)
    min_relevance: float = Field(0.35, ge=0, le=1)
    history_turns: int = Field(6, ge=0, le=50)
    group_mention_only_default: bool = True

    @field_validator("models", mode="before")
    @classmethod
    def _model_names(cls, value: object) -> object:
        # A bare name is a model with no endpoint or key of its own, as bot_config accepts it.
        return [{"model": m} if isinstance(m, str) else m for m in value] if isinstance(value, list) else value

    @field_validator("intent_examples")
    @classmethod
    def _known_intents(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, examples in value.items():
            if not INTENT_KEY.match(key):
                raise ValueError(f"{key!r} is not an intent: use Response, HumanHandoff or Task:<task_type>")
            if len(examples) > 100:
                raise ValueError(f"{key}: at most 100 examples")
        return value

    @field_validator("intents")
    @classmethod
    def _distinct_intents(cls, value: list[BusinessIntent]) -> list[BusinessIntent]:
        seen: set[str] = set()
        for item in value:
            if item.key in seen:
                raise ValueError(f"two intents have the key {item.key!r}: each key once")
            seen.add(item.key)
        total = sum(len(item.examples) for item in value)
        if total > MAX_EXAMPLES_TOTAL:
            raise ValueError(f"{total} examples in all: at most {MAX_EXAMPLES_TOTAL}")
        return value

    @property
    def unknown_reply(self) -> str:
        """What a customer whose question the documents do not answer is sent. The default text promises a
        reply from the team only when the chat is handed to the team; the owner's own text is sent as written."""
        if self.handoff_when_unknown and self.dont_know_reply == DEFAULT_DONT_KNOW_REPLY:
            return f"{DEFAULT_DONT_KNOW_REPLY} {FOLLOW_UP_PROMISE}"
        return self.dont_know_reply

    @property
    def task_types(self) -> list[str]:
        """Task types the bot may start: the allowed built-in ones and every intent of kind task."""
        return list(dict.fromkeys([*self.allowed_task_types, *(i.key for i in self.intents if i.kind == "task")]))

    def stored(self) -> dict[str, Any]:
        """The values as bot_config columns hold them."""
        values = self.model_dump(mode="json")
        values["models"] = [m.model_dump(mode="json", exclude_none=True) for m in self.models]
        return values

    @classmethod
    def from_stored(cls, row: Mapping[str, Any] | None) -> BotSettings:
        """A bot_config row (or the `to_jsonb` of one) read through the schema, so every stage sees the same
        values and defaults as the dashboard and the API. No row: the defaults, with the bot off."""
        if not row:
            return cls(enabled=False)
        values = {k: v for k, v in row.items() if k in cls.model_fields and v is not None}
        values["models"] = [{"model": m} if isinstance(m, str) else m for m in values.get("models") or []]
        values["business"] = {k: str(v) for k, v in (values.get("business") or {}).items()
                              if k in Business.model_fields}
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            # A value saved under older, looser rules: that field falls back to its default rather than
            # stopping every message; saving the settings again repairs it.
            broken = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            log.warning("stored bot settings no longer valid, using defaults for %s", sorted(broken))
            return cls.model_validate({k: v for k, v in values.items() if k not in broken})


class ProviderKeyInput(BaseModel):
    """A business's own LLM provider key, as entered; it is stored sealed and never shown back."""

    model_config = ConfigDict(extra="forbid")
    key: SecretStr = Field(min_length=8, max_length=500, description="e.g. sk-... from your provider's console")

    @field_validator("key")
    @classmethod
    def _one_token(cls, value: SecretStr) -> SecretStr:
        raw = value.get_secret_value().strip()
        if not raw.isprintable() or any(c.isspace() for c in raw) or not raw.isascii():
            raise ValueError("paste the key alone: no spaces, line breaks or other characters")
        return SecretStr(raw)


class OperatorModelChoice(BaseModel):
    """An operator model as a business sees it: how to pick it and what it is, never where or with which key."""

    model: str = Field(description="what to put in the models list")
    label: str
    runs: str = Field(description="the underlying model")

    @classmethod
    def of(cls, name: str, label: str, model: str) -> OperatorModelChoice:
        return cls(model=f"{OPERATOR_PREFIX}{name}", label=label or name, runs=model)
