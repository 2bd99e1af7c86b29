"""What a worker sends the model gateway (`salesboy llm-gateway`) over its local socket, and what comes back.

Both sides validate: a frame that does not match is refused, never half-read."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer

from schemas.messages import ModelSpec


class GatewayRequest(BaseModel):
    """One `complete()` call: the business's models in order, the prompt and its options."""

    model_config = ConfigDict(extra="forbid")
    tenant: uuid.UUID
    models: list[ModelSpec] = Field(max_length=20)
    messages: list[dict[str, Any]] = Field(min_length=1)
    temperature: float = Field(ge=0, le=2)
    max_tokens: int = Field(ge=1)
    json_mode: bool = False
    # The business's own provider key, read and decrypted by the worker (only when an own model is listed).
    own_key: SecretStr | None = None
    own_key_unreadable: bool = False  # the worker could not decrypt it: the own models are not called

    @field_serializer("own_key", when_used="json")
    def _reveal(self, key: SecretStr | None) -> str | None:
        return key.get_secret_value() if key is not None else None


class GatewayAttempt(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: str
    error: str


class GatewayReply(BaseModel):
    """An answer (text and model), or none; the failed attempts either way, as the gateway recorded them.

    `refused` is set when the gateway could not run the call at all (the request did not validate)."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    model: str | None = None
    attempts: list[GatewayAttempt] = Field(default_factory=list)
    refused: str | None = None
