"""Standard Webhooks signatures, both directions (gateways -> us, us -> n8n, n8n -> us).

`webhook-signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`;
several space-separated signatures may be sent and several secrets accepted
(rotation). Verification is constant-time, rejects timestamps outside the
tolerance, and rejects an id seen before (replay).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

SECRET_PREFIX = "whsec_"  # noqa: S105 (the scheme's prefix, not a secret)
DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(ValueError):
    """The request is not signed by a secret we hold (or is stale, or replayed)."""


class ReplayGuard(Protocol):
    def first_time(self, message_id: str, ttl_seconds: int) -> bool:
        """True the first time an id is seen within ttl; False for a replay."""
        ...


def secret_key(secret: str) -> bytes:
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
        except ValueError as exc:
            raise ValueError("a whsec_ secret must be base64 after its prefix") from exc
    return secret.encode()


def parse_secrets(raw: str) -> list[bytes]:
    keys = [secret_key(part.strip()) for part in raw.replace("\n", ",").split(",") if part.strip()]
    if not keys:
        raise ValueError("at least one signing secret is required")
    return keys


def sign(key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signed_headers(key: bytes, message_id: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(key, message_id, timestamp, body),
    }


@dataclass
class WebhookVerifier:
    keys: Sequence[bytes]
    replay_guard: ReplayGuard
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS

    def verify(self, headers: Mapping[str, str], body: bytes, now: float | None = None) -> str:
        """Return the webhook id of a genuine, fresh, first-time request; raise SignatureError otherwise."""
        message_id = headers.get("webhook-id", "")
        raw_timestamp = headers.get("webhook-timestamp", "")
        signatures = headers.get("webhook-signature", "")
        if not message_id or not raw_timestamp or not signatures:
            raise SignatureError("missing webhook-id, webhook-timestamp or webhook-signature header")
        if len(message_id) > 200:
            raise SignatureError("webhook-id is too long")
        try:
            timestamp = int(raw_timestamp)
        except ValueError:
            raise SignatureError("webhook-timestamp must be whole seconds since the epoch") from None
        now = time.time() if now is None else now
        if abs(now - timestamp) > self.tolerance_seconds:
            raise SignatureError("webhook-timestamp is outside the allowed window (clock skew or an old request)")
        offered = [part.split(",", 1)[1].encode() for part in signatures.split()
                   if part.startswith("v1,") and "," in part]
        expected = [sign(key, message_id, timestamp, body).split(",", 1)[1].encode() for key in self.keys]
        # Compare every pair, so timing does not reveal which secret or position matched.
        matched = False
        for candidate in offered:
            for good in expected:
                matched |= hmac.compare_digest(candidate, good)
        if not matched:
            raise SignatureError("no valid signature")
        if not self.replay_guard.first_time(message_id, 2 * self.tolerance_seconds):
            raise SignatureError("this webhook-id was already received (replay)")
        return message_id


class RedisReplayGuard:
    def __init__(self, client, namespace: str) -> None:
        self._redis = client
        self._namespace = namespace

    def first_time(self, message_id: str, ttl_seconds: int) -> bool:
        key = f"salesboy:seen:{self._namespace}:{hashlib.sha256(message_id.encode()).hexdigest()}"
        return bool(self._redis.set(key, b"1", nx=True, ex=ttl_seconds))
