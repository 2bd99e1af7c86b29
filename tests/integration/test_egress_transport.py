"""The egress policy against real sockets: refused addresses get no connection, allowed ones connect to the checked
address, and TLS still verifies the URL's host name."""

from __future__ import annotations

import datetime
import ssl
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pipelines.egress import REFUSED_MESSAGE, EgressRefused, parse_allowlist
from schemas.messages import ModelSpec
from services.adapters.egress import EgressPolicy, guarded_client
from services.adapters.llm import AllModelsFailedError, LiteLLMChat
from tests.fakes.listener import RecordingListener, closed_port


@pytest.fixture
def listener():
    server = RecordingListener("127.0.0.2")
    yield server
    server.stop()


def policy(allow: str = "", *, https_only: bool = False, resolver=None) -> EgressPolicy:
    kwargs = {"resolver": resolver} if resolver else {}
    return EgressPolicy(parse_allowlist(allow), https_only=https_only, **kwargs)


def refusal(call) -> str:
    with pytest.raises(EgressRefused) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://[::1]:{port}/",
                                 "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3:{port}/",
                                 "http://2130706433:{port}/", "http://0.0.0.0:{port}/"])
def test_internal_urls_are_refused_when_saved(url, listener):
    assert refusal(lambda: policy().check_url(url.format(port=listener.port))) == REFUSED_MESSAGE
    assert listener.connections == 0


def test_open_and_closed_internal_ports_look_the_same(listener):
    client = guarded_client(policy(), timeout=2)
    open_port = refusal(lambda: client.get(f"http://localhost:{listener.port}/"))
    closed = refusal(lambda: client.get(f"http://localhost:{closed_port()}/"))
    assert open_port == closed == REFUSED_MESSAGE
    assert listener.connections == 0


def test_a_name_that_rebinds_to_an_internal_address_after_the_check_gets_no_connection(listener):
    answers = iter([["93.184.215.14"], [listener.host]])  # public when saved, loopback when used
    rebinding = policy(resolver=lambda host, port: next(answers))
    rebinding.check_url(f"http://rebind.example:{listener.port}/hook")
    client = guarded_client(rebinding, timeout=2)
    assert refusal(lambda: client.post(f"http://rebind.example:{listener.port}/hook", json={})) == REFUSED_MESSAGE
    assert listener.connections == 0


def test_the_operator_allowlist_lets_an_internal_address_through(listener):
    client = guarded_client(policy("127.0.0.2/32"), timeout=2)
    assert client.get(f"{listener.url}/ping").status_code == 200
    assert listener.connections == 1
    assert refusal(lambda: client.get(f"http://127.0.0.3:{listener.port}/")) == REFUSED_MESSAGE


def test_production_needs_https(listener):
    strict = policy("127.0.0.2/32", https_only=True)
    assert "https" in refusal(lambda: strict.check_url(listener.url))
    assert "https" in refusal(lambda: guarded_client(strict, timeout=2).get(listener.url))
    assert listener.connections == 0


def test_tls_verifies_the_url_host_while_connecting_to_the_checked_address(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hooks.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("hooks.example")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))

    class Hello(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.2", 0), Hello)
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server.socket = served.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        trusting = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        port = server.server_address[1]
        resolver = lambda host, port: ["127.0.0.2"]  # noqa: E731
        allowed = policy("127.0.0.2/32", https_only=True, resolver=resolver)
        ok = guarded_client(allowed, timeout=5, ssl_context=trusting).get(f"https://hooks.example:{port}/")
        assert ok.status_code == 200 and ok.text == "ok"
        with pytest.raises(httpx.ConnectError, match=r"certificate|hostname|match"):
            guarded_client(allowed, timeout=5, ssl_context=trusting).get(f"https://other.example:{port}/")
    finally:
        server.shutdown()
        server.server_close()


def test_an_own_model_server_allowed_a_moment_ago_gets_no_connection_once_its_name_rebinds(listener):
    """The verdict `LiteLLMChat` keeps for a few seconds saves the early lookup only: the connection is resolved,
    checked and made to the checked address as it is made, so a name rebound meanwhile gets nothing."""
    answers = iter([["93.184.215.14"], [listener.host], [listener.host]])  # public first, loopback after
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    chat = LiteLLMChat(operator_models=[], egress=policy(resolver=rebinding), own_key=lambda user: None, timeout=2,
                       retries=0)
    spec = ModelSpec(model="openai/own", api_base=f"http://rebind.example:{listener.port}/v1")
    for _call in range(2):  # the second call's early check is answered from the kept verdict
        with pytest.raises(AllModelsFailedError) as failed:
            chat.complete([spec], [{"role": "user", "content": "hi"}], tenant=uuid.uuid4(), temperature=0,
                          max_tokens=5)
        assert failed.value.attempts == [{"model": "openai/own", "error": REFUSED_MESSAGE}]
    assert lookups == ["rebind.example"] * 3  # one early check, then one at each connection
    assert listener.connections == 0
