"""The one egress policy for URLs a tenant controls, applied when they are saved and again on every connection.

A saved URL could later resolve elsewhere (DNS rebinding), so the check that counts is
the one at connect time: `GuardedTransport` resolves the host itself, checks every
address and connects to a checked address, never resolving twice. TLS still verifies the
certificate against the URL's host name (httpcore takes `server_hostname` from the URL).
A refused address gets no connection attempt at all and one fixed message for the tenant;
what was refused, and why, goes to the operator log.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

import httpcore
import httpx

from pipelines.egress import (
    HTTPS_MESSAGE,
    REFUSED_MESSAGE,
    Allowlist,
    EgressRefused,
    parse_allowlist,
    refused_addresses,
    target,
)

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]
TENANT_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=5)


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))  # an address string for IPv4 and IPv6


class EgressPolicy:
    def __init__(self, allow: Allowlist, *, https_only: bool, resolver: Resolver = resolve) -> None:
        self.allow = allow
        self.https_only = https_only
        self._resolve = resolver

    @classmethod
    def from_settings(cls, settings) -> EgressPolicy:
        return cls(parse_allowlist(settings.egress_allow), https_only=settings.is_production)

    def check_url(self, url: str) -> None:
        """Raise EgressRefused unless url may be used; for checking a setting when it is saved."""
        where = target(url, https_only=self.https_only)
        self.addresses(where.host, where.port)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for host, all of them checked; EgressRefused if any is internal."""
        try:
            found = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise self._refused(host, f"cannot resolve: {exc}") from None
        if not found:
            raise self._refused(host, "resolves to no address")
        problems = refused_addresses(host, found, self.allow)
        if problems:
            raise self._refused(host, "; ".join(problems))
        return found

    @staticmethod
    def _refused(host: str, detail: str) -> EgressRefused:
        log.warning("egress refused", extra={"egress_host": host, "egress_detail": detail})
        return EgressRefused(REFUSED_MESSAGE, f"{host}: {detail}")


class RecentVerdicts:
    """`EgressPolicy.check_url` with each URL's verdict kept for a few seconds, for a check made before every
    request to the same tenant URL (a model server): a burst of calls resolves the host once, not once a call.

    Safe to keep because this check only decides early, with the tenant's message: the connection itself is
    made by `GuardedNetworkBackend`, which resolves and checks again on every new connection and connects to
    the very address it checked, so a name that rebinds after an allowed verdict still gets no connection to
    an internal address. Refusals are kept as well (fail closed, a fresh exception each time): a tenant URL
    that points inside costs one lookup and one operator log line per `ttl`, not one per call, and a host
    that becomes allowed is usable `ttl` seconds later at most.
    """

    def __init__(self, policy: EgressPolicy, *, ttl: float = 5.0, size: int = 256,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._policy = policy
        self._ttl = ttl
        self._size = size
        self._clock = clock
        # url -> (expiry, the refusal's message and detail, or None when allowed)
        self._kept: OrderedDict[str, tuple[float, tuple[str, str] | None]] = OrderedDict()
        self._lock = threading.Lock()

    def check_url(self, url: str) -> None:
        now = self._clock()
        with self._lock:
            kept = self._kept.get(url)
        if kept is None or kept[0] <= now:
            kept = (now + self._ttl, self._verdict(url))  # resolved outside the lock: one slow host stalls no other
            with self._lock:
                self._kept[url] = kept
                self._kept.move_to_end(url)
                while len(self._kept) > self._size:
                    self._kept.popitem(last=False)
        if kept[1] is not None:
            raise EgressRefused(*kept[1])

    def _verdict(self, url: str) -> tuple[str, str] | None:
        try:
            self._policy.check_url(url)
        except EgressRefused as exc:
            return str(exc), exc.detail  # kept without its traceback
        return None


class GuardedNetworkBackend(httpcore.NetworkBackend):
    """Connects only to addresses the policy allows, to the very address it checked."""

    def __init__(self, policy: EgressPolicy, inner: httpcore.NetworkBackend | None = None) -> None:
        self._policy = policy
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self._policy.addresses(host, port):
            try:
                return self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                               socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address of the same (checked) host may answer
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise EgressRefused(REFUSED_MESSAGE, f"unix socket {path}")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with every connection going through GuardedNetworkBackend.

    httpx.HTTPTransport takes no network backend, so its connection pool (`_pool`, what its
    handle_request sends through) is rebuilt with ours; no proxy is ever used.
    """

    def __init__(self, policy: EgressPolicy, *, ssl_context: ssl.SSLContext | None = None,
                 limits: httpx.Limits = TENANT_LIMITS) -> None:
        ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False, limits=limits)
        self._policy = policy
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections, max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry, network_backend=GuardedNetworkBackend(policy),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._policy.https_only and request.url.scheme != "https":
            raise EgressRefused(HTTPS_MESSAGE, f"{request.url.host}: {request.url.scheme} in production")
        return super().handle_request(request)


def guarded_client(policy: EgressPolicy, *, timeout: float, ssl_context: ssl.SSLContext | None = None,
                   event_hooks: dict | None = None) -> httpx.Client:
    """An httpx client for tenant URLs: the guarded transport, no proxies or .netrc from the environment."""
    return httpx.Client(transport=GuardedTransport(policy, ssl_context=ssl_context), timeout=timeout,
                        trust_env=False, follow_redirects=False, event_hooks=event_hooks)


def refusal_in(error: BaseException) -> EgressRefused | None:
    """The EgressRefused behind an error a client library wrapped (openai, litellm), if there is one."""
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, EgressRefused):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
