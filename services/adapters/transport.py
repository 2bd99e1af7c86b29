"""Sending WhatsApp messages through an external gateway over signed HTTP.

The gateway receives `{tenant, chat_id, text, idempotency_key}` signed with the
Standard Webhooks scheme, `webhook-id` = the outbox row id: a gateway that
deduplicates on it never sends a reply twice, even when we retry after a crash
between its send and our bookkeeping.
"""

from __future__ import annotations

import json
import uuid

import httpx

from services.adapters.signing import signed_headers
from services.core.errors import PermanentError, TransientError


class NoTransportError(PermanentError):
    """No way to reach WhatsApp is configured."""


class GatewayTransport:
    def __init__(self, url: str, key: bytes, *, timeout: float = 10.0) -> None:
        self._url = url
        self._key = key
        self._client = httpx.Client(timeout=timeout)

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        body = json.dumps({"tenant": str(user_id), "chat_id": chat_id, "text": text,
                           "idempotency_key": idempotency_key}).encode()
        headers = {"content-type": "application/json", **signed_headers(self._key, idempotency_key, body)}
        try:
            response = self._client.post(self._url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise TransientError(f"WhatsApp gateway unreachable: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"WhatsApp gateway answered {response.status_code}")
        if response.status_code >= 400:
            raise PermanentError(f"WhatsApp gateway refused the message ({response.status_code}): "
                                 f"{response.text[:300]}")
        try:
            return str(response.json().get("message_id") or idempotency_key)
        except ValueError:
            return idempotency_key

    def close(self) -> None:
        self._client.close()


class UnconfiguredTransport:
    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        raise NoTransportError("no WhatsApp transport is configured: link WhatsApp in the dashboard "
                               "or set OUTBOUND_GATEWAY_URL")
