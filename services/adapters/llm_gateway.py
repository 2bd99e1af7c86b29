"""The model client a worker uses when the model gateway runs (`salesboy up` starts it): the call goes as one
JSON frame over a local Unix socket to the one process that imports litellm (services/runtime/llm_gateway.py),
so no pool process pays litellm's ~150 MiB import (tests/bench/README.md, "LLM gateway").

Same surface as LiteLLMChat: `complete` returns the same Completion or raises the same AllModelsFailedError,
with the attempts the gateway recorded, the provider's own error text in them.

The business's own key travels with the call, read and decrypted here as in-process calls read it. Simpler and
safer than the gateway looking keys up: it needs no database connection and no keyring, and its socket is no key
oracle (a caller naming a business and its own api_base would otherwise have that business's key sent there);
it only ever uses the key it is handed. The socket is this user's alone (0600 in a 0700 folder), and this user
can read the keyring from the environment anyway.
"""

from __future__ import annotations

import logging
import socket
import struct
import uuid
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr, ValidationError

from schemas.llm_gateway import GatewayReply, GatewayRequest
from schemas.messages import ModelSpec
from services.adapters.llm import AllModelsFailedError, Completion, TenantChat
from services.core.crypto import DecryptionError

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">I")  # a frame: its length (4 bytes, big-endian), then that many bytes of JSON
MAX_FRAME_BYTES = 8 * 1024 * 1024  # a prompt with its retrieved context is tens of KB; past this, something is wrong
_SLACK_SECONDS = 5.0  # on top of the provider's own timeouts: the gateway's own work and a slow scheduler
GATEWAY_DOWN = "Salesboy's model gateway did not answer ({reason}); the model was not called"


class FrameError(ValueError):
    """A frame over the size limit, or a connection that closed in the middle of one."""


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME_BYTES:
        raise FrameError(f"a frame of {len(payload)} bytes is over the {MAX_FRAME_BYTES}-byte limit")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def read_frame(sock: socket.socket) -> bytes:
    (size,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size))
    if size > MAX_FRAME_BYTES:  # refused before reading it: a bad length must not make anyone allocate it
        raise FrameError(f"a frame of {size} bytes is over the {MAX_FRAME_BYTES}-byte limit")
    return _read_exactly(sock, size)


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            raise FrameError(f"the connection closed after {got} of {size} bytes")
        got += n
    return bytes(buffer)


class GatewayChat:
    """The models of every business, called through the gateway; `for_tenant` gives one business's ChatModel."""

    def __init__(self, socket_path: Path, *, own_key: Callable[[uuid.UUID], str | None], timeout: float = 20.0,
                 retries: int = 1) -> None:
        self._path = str(socket_path)
        self._own_key = own_key
        self._attempt_seconds = timeout * (retries + 1)  # the gateway's litellm call: a timeout per try

    def for_tenant(self, user_id: uuid.UUID) -> TenantChat:
        return TenantChat(self, user_id)

    def complete(
        self,
        models: list[ModelSpec],
        messages: list[dict],
        *,
        tenant: uuid.UUID,
        temperature: float,
        max_tokens: int,
        json_mode: bool = False,
    ) -> Completion:
        if not models:
            raise AllModelsFailedError([])
        key, unreadable = self._key(models, tenant)
        request = GatewayRequest(tenant=tenant, models=models, messages=messages, temperature=temperature,
                                 max_tokens=max_tokens, json_mode=json_mode, own_key=key,
                                 own_key_unreadable=unreadable)
        try:
            raw = self._exchange(request.model_dump_json().encode(),
                                 self._attempt_seconds * len(models) + _SLACK_SECONDS)
            reply = GatewayReply.model_validate_json(raw)
        except (OSError, FrameError, ValidationError) as exc:
            # Recorded as every model's failure, so the stage falls back (and its trace says why) as it does
            # when the providers are down; the supervisor restarts the gateway meanwhile.
            log.error("model gateway unreachable",
                      extra={"socket": self._path, "error": f"{type(exc).__name__}: {exc}"})
            reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
            raise AllModelsFailedError([{"model": m.model, "error": GATEWAY_DOWN.format(reason=reason)}
                                        for m in models]) from exc
        if reply.refused is not None:
            log.error("model gateway refused the call", extra={"error": reply.refused})
            raise AllModelsFailedError([{"model": m.model, "error": f"Salesboy's model gateway refused the call: "
                                                                     f"{reply.refused}"[:300]} for m in models])
        attempts = [attempt.model_dump() for attempt in reply.attempts]
        if reply.text is None or reply.model is None:
            raise AllModelsFailedError(attempts)
        return Completion(text=reply.text, model=reply.model, attempts=attempts)

    def _key(self, models: list[ModelSpec], tenant: uuid.UUID) -> tuple[SecretStr | None, bool]:
        """The business's key, read only if one of its own models is listed (operator models use the operator's)."""
        if all(spec.operator_name is not None for spec in models):
            return None, False
        try:
            key = self._own_key(tenant)
        except DecryptionError as exc:  # its encryption key was retired: the gateway records it as in-process
            log.error("provider key unreadable", extra={"error": str(exc)})
            return None, True
        return (SecretStr(key) if key else None), False

    def _exchange(self, payload: bytes, timeout: float) -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(self._path)
            send_frame(sock, payload)
            return read_frame(sock)
