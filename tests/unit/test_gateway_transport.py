"""The WhatsApp gateway transport against real local HTTP servers: a plain http:// gateway over a kept-alive
connection (reused between sends, opened again when the gateway drops it), the gateway's answers mapped to
retry or give up, and https, credentials in the URL or a proxy from the environment through httpx (not for a
gateway NO_PROXY exempts: httpx would go direct, so the kept-alive connection does)."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from services.adapters.transport import GatewayTransport, through_proxy
from services.core.errors import PermanentError, TransientError
from tests.fakes.gateway_server import FakeGateway

SECRET = b"transport-test-secret"
USER = uuid.UUID("00000000-0000-4000-8000-000000000001")


class _KeptAlive(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, as a real gateway answers: every request noted with its connection."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:  # http.server calls it by this name
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.requests.append((self.client_address, self.path, headers, body))
        status, answer = self.server.answers.pop(0) if self.server.answers else (200, b'{"message_id": "wamid.1"}')
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
        self.wfile.flush()
        if self.server.drop_after_answer:
            # The gateway closes the connection once the answer is out, without saying so: the client finds out
            # on its next send.
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[tuple[str, int], str, dict[str, str], bytes]]
    answers: list[tuple[int, bytes]]
    drop_after_answer: bool


@pytest.fixture
def kept_alive():
    server = _Server(("127.0.0.1", 0), _KeptAlive)
    server.requests, server.answers, server.drop_after_answer = [], [], False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def gateway():
    fake = FakeGateway(SECRET)
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY",
                 "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def _url(server: _Server, path: str = "/send") -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _send(transport: GatewayTransport, key: str | None = None) -> str:
    return transport.send_text(USER, "2348011111111@c.us", "Yes, we deliver.", key or str(uuid.uuid4()))


def test_replies_reach_the_gateway_signed_once_each(gateway) -> None:
    transport = GatewayTransport(gateway.url, SECRET)
    try:
        keys = [str(uuid.uuid4()) for _ in range(3)]
        assert [_send(transport, key) for key in keys] == [f"wamid.out.{key}" for key in keys]
    finally:
        transport.close()
    # The stand-in checks every signature with its own implementation, and closes each connection (it answers
    # `Connection: close`): each send opened a new one.
    assert gateway.rejected == [] and gateway.repeats == 0
    assert [(m["tenant"], m["idempotency_key"], m["text"]) for m in gateway.sent] == [
        (str(USER), key, "Yes, we deliver.") for key in keys]


def test_a_kept_alive_connection_carries_every_send(kept_alive) -> None:
    transport = GatewayTransport(_url(kept_alive, "/send?via=test"), SECRET)
    try:
        assert [_send(transport) for _ in range(3)] == ["wamid.1"] * 3
    finally:
        transport.close()
    assert len({client for client, *_ in kept_alive.requests}) == 1  # one connection
    assert {path for _, path, _, _ in kept_alive.requests} == {"/send?via=test"}
    _client, _path, headers, body = kept_alive.requests[0]
    assert headers["content-type"] == "application/json" and headers["webhook-signature"].startswith("v1,")
    assert json.loads(body)["chat_id"] == "2348011111111@c.us"


@pytest.mark.parametrize(("status", "error"), [(500, TransientError), (503, TransientError),
                                               (429, TransientError), (400, PermanentError),
                                               (401, PermanentError)])
def test_the_gateways_refusals_are_retried_or_given_up(gateway, status, error) -> None:
    gateway.fail_statuses.append(status)
    transport = GatewayTransport(gateway.url, SECRET)
    try:
        with pytest.raises(error, match=str(status)):
            _send(transport)
        key = str(uuid.uuid4())
        assert _send(transport, key) == f"wamid.out.{key}"  # the next send goes through
    finally:
        transport.close()


def test_a_refusal_says_what_the_gateway_answered(kept_alive) -> None:
    kept_alive.answers.append((400, b'{"error": "unknown chat"}'))
    transport = GatewayTransport(_url(kept_alive), SECRET)
    try:
        with pytest.raises(PermanentError, match="unknown chat"):
            _send(transport)
        assert _send(transport) == "wamid.1"
    finally:
        transport.close()


def test_an_answer_without_a_message_id_gives_the_idempotency_key(kept_alive) -> None:
    kept_alive.answers += [(200, b"sent"), (202, b"[]"), (200, b"{}")]
    transport = GatewayTransport(_url(kept_alive), SECRET)
    try:
        assert [_send(transport, key) for key in ("k1", "k2", "k3")] == ["k1", "k2", "k3"]
    finally:
        transport.close()


def test_a_connection_the_gateway_dropped_is_opened_again_and_the_send_made_once(kept_alive) -> None:
    kept_alive.drop_after_answer = True
    transport = GatewayTransport(_url(kept_alive), SECRET)
    try:
        keys = [str(uuid.uuid4()) for _ in range(3)]
        assert [_send(transport, key) for key in keys] == ["wamid.1"] * 3
    finally:
        transport.close()
    assert [json.loads(body)["idempotency_key"] for *_, body in kept_alive.requests] == keys  # each once
    assert len({client for client, *_ in kept_alive.requests}) == 3  # a new connection each time


def test_an_unreachable_gateway_is_retried_later() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = GatewayTransport(f"http://127.0.0.1:{port}/send", SECRET, timeout=2)
    try:
        with pytest.raises(TransientError, match="unreachable"):
            _send(transport)
        with pytest.raises(TransientError, match="unreachable"):
            _send(transport)
    finally:
        transport.close()


def test_a_gateway_gone_after_dropping_the_connection_is_retried_later(kept_alive) -> None:
    kept_alive.drop_after_answer = True
    transport = GatewayTransport(_url(kept_alive), SECRET, timeout=2)
    try:
        assert _send(transport) == "wamid.1"
        kept_alive.shutdown()
        kept_alive.server_close()  # nothing listens any more: the one new connection is refused
        with pytest.raises(TransientError, match="unreachable: ConnectionRefusedError"):
            _send(transport)
    finally:
        transport.close()
    assert len(kept_alive.requests) == 1


def test_https_goes_through_httpx(kept_alive) -> None:
    # TLS to a plain HTTP server: the handshake fails, so the request was not sent in the clear.
    transport = GatewayTransport(f"https://127.0.0.1:{kept_alive.server_address[1]}/send", SECRET, timeout=2)
    try:
        with pytest.raises(TransientError, match="unreachable"):
            _send(transport)
    finally:
        transport.close()
    assert kept_alive.requests == []


def test_credentials_in_the_url_go_through_httpx(kept_alive) -> None:
    port = kept_alive.server_address[1]
    transport = GatewayTransport(f"http://salesboy:s3cret@127.0.0.1:{port}/send", SECRET)
    try:
        assert _send(transport) == "wamid.1"
    finally:
        transport.close()
    [(_client, _path, headers, _body)] = kept_alive.requests
    assert headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize(("variable", "exempt"), [("HTTP_PROXY", ""), ("all_proxy", ""),
                                                   # NO_PROXY exempting other hosts, not the gateway
                                                   ("HTTP_PROXY", "other.invalid"), ("HTTP_PROXY", ".gateway.invalid"),
                                                   ("all_proxy", "gateway.invalid:9090")])
def test_a_proxy_from_the_environment_is_used(kept_alive, monkeypatch, variable, exempt) -> None:
    monkeypatch.setenv(variable, _url(kept_alive, ""))  # the local server plays the proxy
    monkeypatch.setenv("NO_PROXY", exempt)
    transport = GatewayTransport("http://gateway.invalid:8080/send", SECRET)
    try:
        assert _send(transport) == "wamid.1"
    finally:
        transport.close()
    [(_client, path, _headers, _body)] = kept_alive.requests
    assert path == "http://gateway.invalid:8080/send"  # asked of the proxy, by its absolute URL


@pytest.mark.parametrize("exempt", ["127.0.0.1", "localhost,127.0.0.1:{port}", "*"])
def test_a_gateway_no_proxy_exempts_is_posted_to_directly_over_a_kept_alive_connection(kept_alive, monkeypatch,
                                                                                       exempt) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:1")  # nothing listens there: a send through it would fail
    monkeypatch.setenv("NO_PROXY", exempt.format(port=kept_alive.server_address[1]))
    transport = GatewayTransport(_url(kept_alive), SECRET)
    try:
        assert [_send(transport) for _ in range(2)] == ["wamid.1"] * 2
    finally:
        transport.close()
    assert {path for _, path, _, _ in kept_alive.requests} == {"/send"}  # not a proxy's absolute URL
    # http.client names no user agent; httpx would have sent its own.
    assert all("user-agent" not in headers for _, _, headers, _ in kept_alive.requests)


# (proxy variables, gateway URL, whether httpx sends through the proxy): NO_PROXY as httpx reads it.
PROXY_CASES = [
    ({}, "http://gw.example:8080/send", False),
    ({"HTTPS_PROXY": "http://proxy:3128"}, "http://gw.example:8080/send", False),  # for https:// only
    ({"HTTP_PROXY": "http://proxy:3128"}, "http://gw.example:8080/send", True),
    ({"all_proxy": "http://proxy:3128"}, "http://gw.example:8080/send", True),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "gw.example"}, "http://gw.example:8080/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "no_proxy": "example"}, "http://gw.example:8080/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "w.example"}, "http://gw.example:8080/send", True),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": ".example"}, "http://gw.example:8080/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": ".gw.example"}, "http://gw.example:8080/send", True),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "gw.example:8080"}, "http://gw.example:8080/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "gw.example:9090"}, "http://gw.example:8080/send", True),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "localhost, 10.0.0.5"}, "http://10.0.0.5/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "localhost, 10.0.0.5"}, "http://10.0.0.6/send", True),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "::1"}, "http://[::1]:8080/send", False),
    ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "other.example,*"}, "http://gw.example/send", False),
]


@pytest.mark.parametrize(("variables", "url", "proxied"), PROXY_CASES)
def test_no_proxy_is_read_as_httpx_reads_it(monkeypatch, variables, url, proxied) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert through_proxy(url) is proxied
    # httpx's own client, trusting the environment, picks its proxy transport for the URL exactly then.
    with httpx.Client() as client:
        assert (client._transport_for_url(httpx.URL(url)) is not client._transport) is proxied
