"""Sending WhatsApp messages through an external gateway over signed HTTP.

The gateway receives `{tenant, chat_id, text, idempotency_key}` signed with the
Standard Webhooks scheme, `webhook-id` = the outbox row id: a gateway that
deduplicates on it never sends a reply twice, even when we retry after a crash
between its send and our bookkeeping.

A plain `http://` gateway (the usual one: a process next to the workers) is
posted to over a kept-alive `http.client` connection, one a thread: a reply is
on every message's path, and httpx's request and response machinery cost more
CPU than the rest of the send. Anything else (https, credentials in the URL, a
proxy from the environment that NO_PROXY does not exempt the gateway from) goes
through httpx, which handles all of it.
"""

from __future__ import annotations

import http.client
import json
import threading
import uuid
from urllib.parse import urlsplit

import httpx
from httpx._utils import URLPattern, get_environment_proxies

from services.adapters.signing import signed_headers
from services.core.errors import PermanentError, TransientError


class NoTransportError(PermanentError):
    """No way to reach WhatsApp is configured."""


class GatewayTransport:
    def __init__(self, url: str, key: bytes, *, timeout: float = 10.0) -> None:
        self._url = url
        self._key = key
        self._timeout = timeout
        parts = urlsplit(url)
        plain = bool(parts.scheme == "http" and parts.hostname and parts.username is None and parts.password is None
                     and not through_proxy(url))
        self._client: httpx.Client | None = None if plain else httpx.Client(timeout=timeout)
        self._host = parts.hostname or ""
        self._port = parts.port or 80
        self._target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._local = threading.local()  # this thread's kept-alive connection
        self._connections: list[http.client.HTTPConnection] = []  # every thread's, for `close`
        self._lock = threading.Lock()

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        body = json.dumps({"tenant": str(user_id), "chat_id": chat_id, "text": text,
                           "idempotency_key": idempotency_key}).encode()
        headers = {"content-type": "application/json", **signed_headers(self._key, idempotency_key, body)}
        status, answer = (self._post_kept_alive(body, headers) if self._client is None
                          else self._post_httpx(self._client, body, headers))
        if status >= 500 or status == 429:
            raise TransientError(f"WhatsApp gateway answered {status}")
        if status >= 400:
            raise PermanentError(f"WhatsApp gateway refused the message ({status}): "
                                 f"{answer.decode(errors='replace')[:300]}")
        try:
            message_id = json.loads(answer).get("message_id")
        except (ValueError, AttributeError):  # not JSON, or not an object
            return idempotency_key
        return str(message_id or idempotency_key)

    def _post_httpx(self, client: httpx.Client, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        try:
            response = client.post(self._url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise _unreachable(exc) from exc
        return response.status_code, response.content

    def _post_kept_alive(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        connection = self._connection()
        reused = connection.sock is not None  # open from an earlier send (http.client reconnects a closed one)
        try:
            return self._exchange(connection, body, headers)
        except _DROPPED as exc:
            if not reused:
                raise _unreachable(exc) from exc
            # The gateway closed the kept-alive connection while it sat idle: once more, on a new one. Should the
            # gateway have taken the send after all, it drops the resend (the same `webhook-id`).
        except (OSError, http.client.HTTPException) as exc:
            raise _unreachable(exc) from exc
        try:
            return self._exchange(connection, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            raise _unreachable(exc) from exc

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def _exchange(self, connection: http.client.HTTPConnection, body: bytes,
                  headers: dict[str, str]) -> tuple[int, bytes]:
        """One request and its whole answer. The connection stays open for the next send unless the gateway
        closes it; on any error it is closed (the next request opens a new one)."""
        try:
            connection.request("POST", self._target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        except BaseException:
            connection.close()
            raise

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.close()


# How a kept-alive connection the other side closed while it sat idle shows on the next request.
_DROPPED = (http.client.RemoteDisconnected, ConnectionResetError, ConnectionAbortedError, BrokenPipeError)


def _unreachable(exc: BaseException) -> TransientError:
    return TransientError(f"WhatsApp gateway unreachable: {type(exc).__name__}: {exc}")


def through_proxy(url: str) -> bool:
    """Whether httpx, trusting the environment as its client here does, would send a request for `url` through a
    proxy: httpx's own reading of the *_PROXY variables and NO_PROXY, its patterns tried most specific first as
    its client tries them (httpx/_client.py, `_transport_for_url`), so the kept-alive path is taken exactly where
    httpx would go direct."""
    target = httpx.URL(url)
    mounts = sorted(((URLPattern(key), proxy) for key, proxy in get_environment_proxies().items()),
                    key=lambda mount: mount[0])
    return next((proxy is not None for pattern, proxy in mounts if pattern.matches(target)), False)


class UnconfiguredTransport:
    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        raise NoTransportError("no WhatsApp transport is configured: link WhatsApp in the dashboard "
                               "or set OUTBOUND_GATEWAY_URL")
