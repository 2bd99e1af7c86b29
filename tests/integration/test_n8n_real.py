"""The shipped workflows in a real n8n 1.x community edition, end to end.

n8n is installed by ops/n8n/install.sh (ops/test.sh runs it) into ~/.cache/salesboy, or N8N_HOME. When
SALESBOY_REQUIRE_N8N=1 (CI) a missing n8n fails these tests instead of skipping them.

One n8n serves two businesses here: "placeholder" uses the workflows exactly as shipped (no credential
imported under the id they name), "live" uses copies wired to a real SMTP credential,
reached through the business's own n8n_urls. Salesboy runs as in production: the API (n8n calls
it back), and a worker process that dispatches and delivers replies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import httpx
import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from api import create_app
from schemas.jobs import ProvisionTenant
from schemas.settings import DEV_N8N_CALLBACK_SECRETS, DEV_N8N_SIGNING_SECRET
from services.adapters.signing import secret_key, signed_headers
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.runtime.embedded import free_port
from services.usecases.apikeys import create_api_key
from tests.conftest import (
    WorkerProcess,
    create_user,
    make_settings,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.smtp_server import FakeSmtp
from tests.integration.messaging import _configure

ROOT = Path(__file__).resolve().parents[2]
N8N_HOME = Path(os.environ.get("N8N_HOME") or ROOT / ".cache" / "n8n")
N8N = N8N_HOME / "node_modules" / ".bin" / "n8n"
WORKFLOWS = ROOT / "ops" / "n8n" / "workflows"
TYPES = ("send_email", "book_calendar", "create_order", "human_handoff")
SMTP_CREDENTIAL = "salesboyTestSmtp1"
# Dispatch retries span an n8n restart (start, then ~10 s until production webhooks answer).
RETRIES = {"TASK_MAX_RETRIES": "10", "TASK_RETRY_BASE_SECONDS": "1", "TASK_RETRY_CAP_SECONDS": "8"}

REQUIRED = os.environ.get("SALESBOY_REQUIRE_N8N") == "1"  # CI: a missing n8n is a failure, not a skip
pytestmark = [pytest.mark.slow] + ([] if N8N.exists() or REQUIRED else [
    pytest.mark.skip(reason="n8n is not installed: run ops/n8n/install.sh (or set N8N_HOME)")])


class OrderSink:
    """The business's own order system: records each JSON order, answers 201."""

    def __init__(self) -> None:
        self.orders: list[dict] = []
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/orders"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        self.orders.append(json.loads(request.get_data()))
        return Response('{"order": "ok"}', 201, content_type="application/json")(environ, start_response)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class N8nProcess:
    def __init__(self, folder: Path, port: int, env: dict[str, str]) -> None:
        self.folder, self.port, self.env = folder, port, env
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def cli(self, *args: str) -> None:
        done = subprocess.run([str(N8N), *args], env=self.env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"n8n {args[0]} failed:\n{done.stdout}\n{done.stderr}"

    def start(self) -> None:
        log = (self.folder / "n8n.log").open("a")
        self.process = subprocess.Popen([str(N8N), "start"], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        # Healthy first; production webhooks register a few seconds later (404 until then).
        wait_for(lambda: self._status("/webhook/send_email") == 401, timeout=180, interval=1,
                 message="n8n's production webhooks")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _status(self, path: str) -> int | None:
        try:
            request = urllib.request.Request(self.url + path, data=b"{}", method="POST")
            with urllib.request.urlopen(request, timeout=3) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None

    def log(self) -> str:
        return (self.folder / "n8n.log").read_text(errors="replace")


def _live_copy(flow: dict, task_type: str) -> dict:
    """The shipped workflow wired to a real SMTP credential, on its own path."""
    copy = json.loads(json.dumps(flow))
    copy["id"] = f"{flow['id']}Live"
    copy["name"] = f"Salesboy (live): {task_type}"
    for node in copy["nodes"]:
        node["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"live/{node['id']}"))
        if "smtp" in node.get("credentials", {}):
            node["credentials"]["smtp"]["id"] = SMTP_CREDENTIAL
        if node["type"] == "n8n-nodes-base.webhook":
            node["parameters"]["path"] = f"live_{task_type}"
            node["webhookId"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"live/{task_type}"))
    return copy


@pytest.fixture(scope="module")
def smtp():
    server = FakeSmtp()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def orders():
    sink = OrderSink()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def n8n_real(smtp):
    assert N8N.exists(), f"n8n is not installed at {N8N_HOME}: run ops/n8n/install.sh"
    folder = Path(tempfile.mkdtemp(prefix="salesboy-n8n-"))
    env = {**os.environ, "N8N_USER_FOLDER": str(folder / "home"), "N8N_PORT": str(free_port()),
           "N8N_LISTEN_ADDRESS": "127.0.0.1", "N8N_DIAGNOSTICS_ENABLED": "false",
           "N8N_PERSONALIZATION_ENABLED": "false", "N8N_VERSION_NOTIFICATIONS_ENABLED": "false",
           "N8N_RUNNERS_BROKER_PORT": str(free_port()), "NODE_FUNCTION_ALLOW_BUILTIN": "crypto",
           "SALESBOY_SIGNING_SECRET": DEV_N8N_SIGNING_SECRET, "SALESBOY_CALLBACK_SECRET": DEV_N8N_CALLBACK_SECRETS}
    process = N8nProcess(folder, int(env["N8N_PORT"]), env)
    flows = folder / "workflows"
    flows.mkdir()
    for task_type in TYPES:
        flow = json.loads((WORKFLOWS / f"{task_type}.json").read_text())
        (flows / f"{task_type}.json").write_text(json.dumps(flow))
        (flows / f"live_{task_type}.json").write_text(json.dumps(_live_copy(flow, task_type)))
    credentials = folder / "credentials.json"
    credentials.write_text(json.dumps([{"id": SMTP_CREDENTIAL, "name": "Test SMTP", "type": "smtp", "data": {
        "user": "", "password": "", "host": "127.0.0.1", "port": smtp.port, "secure": False,
        "disableStartTls": True}}]))
    try:
        process.cli("import:credentials", f"--input={credentials}")
        process.cli("import:workflow", "--separate", f"--input={flows}")
        # As docs/n8n.md says: activate from the command line while n8n is stopped, then start it.
        process.cli("update:workflow", "--all", "--active=true")
        process.start()
        yield process
    except BaseException:
        print(process.log()[-5000:])
        raise
    finally:
        process.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def salesboy(n8n_real, redis_server, database_url, gateway, n8n, llm, tmp_path_factory):
    """The API (reachable by n8n) and a worker of their own: a Redis database of their own, so their
    jobs never meet the shared test worker's, and retries long enough to outlast an n8n restart."""
    data_dir = tmp_path_factory.mktemp("salesboy-real-n8n")
    redis_url = redis_server.url.rsplit("/", 1)[0] + "/7"
    api_port = free_port()
    values = {**worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0], llm.base_url), **RETRIES,
              "PUBLIC_URL": f"http://127.0.0.1:{api_port}", "N8N_TIMEOUT_SECONDS": "5"}
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_url, **values)
    worker = WorkerProcess(env, data_dir, "maintenance,inbound,intent,rag,outbound,dispatch,ingest",
                           data_dir / "worker.log")
    settings = make_settings(data_dir, DATABASE_URL=database_url, REDIS_URL=redis_url,
                             **{k: v for k, v in values.items() if k not in ("TEST_LLM_KEY", "OPERATOR_MODELS")
                                and not k.startswith(("OPENAI", "ANTHROPIC"))})
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url)
    server = make_server("127.0.0.1", api_port, create_app(settings, container), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield container, f"http://127.0.0.1:{api_port}"
    except BaseException:
        print(worker.log_text()[-5000:])
        raise
    finally:
        server.shutdown()
        container.close()
        worker.stop()


def _business(container, base_url: str, *, urls: dict[str, str], **task_settings) -> tuple[uuid.UUID, dict]:
    user = create_user(container, email=f"owner-{uuid.uuid4().hex[:8]}@shop.test")
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    _configure(container, user, n8n_urls=urls, owner_notify_phone="+2348000000001",
               task_settings={"sender_email": "bot@shop.test", "owner_email": "owner@shop.test", **task_settings})
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    return user, {"X-API-KEY": key}


def _create(base_url: str, headers: dict, **body) -> dict:
    response = httpx.post(f"{base_url}/api/tasks", json=body, headers=headers, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def _final(base_url: str, headers: dict, task_id: str, timeout: float = 90) -> dict:
    return wait_for(lambda: (t := httpx.get(f"{base_url}/api/tasks/{task_id}", headers=headers,
                                             timeout=10).json())["status"] in ("succeeded", "failed") and t,
                    timeout=timeout, interval=0.5, message=f"task {task_id} to finish")


def _urls(n8n_url: str, prefix: str = "") -> dict[str, str]:
    return {t: f"{n8n_url}/webhook/{prefix}{t}" for t in TYPES}


def _chat() -> str:
    return f"234803{uuid.uuid4().int % 10**7:07d}@c.us"


def test_all_four_workflows_complete_against_real_n8n(salesboy, n8n_real, smtp, orders, gateway):
    container, base = salesboy
    user, headers = _business(container, base, urls=_urls(n8n_real.url, "live_"), order_url=orders.url,
                              email_subject="Our price list", email_text="Hello! Our price list is attached.\n")
    document = container.kb.upload(user, "price-list.md", b"# Prices\nRice: 50,000 per bag\n")
    _configure(container, user, task_settings={
        "sender_email": "bot@shop.test", "owner_email": "owner@shop.test", "order_url": orders.url,
        "email_subject": "Our price list", "email_text": "Hello! Our price list is attached.\n",
        "email_document_id": str(document.id)})
    chats = {t: _chat() for t in TYPES}
    created = {
        "send_email": _create(base, headers, chat_id=chats["send_email"], task_type="send_email",
                              message="Please email me your price list", emails=["ada@example.com"]),
        "book_calendar": _create(base, headers, chat_id=chats["book_calendar"], task_type="book_calendar",
                                 message="Can I come on Friday at 3pm?", start="2026-12-04T15:00:00+01:00"),
        "create_order": _create(base, headers, chat_id=chats["create_order"], task_type="create_order",
                                message="3 bags of rice please", details={"item": "rice", "quantity": 3}),
        "human_handoff": _create(base, headers, chat_id=chats["human_handoff"], task_type="human_handoff",
                                 message="I want to talk to a person"),
    }
    for task_type, task in created.items():
        final = _final(base, headers, task["id"])
        assert final["status"] == "succeeded", (task_type, final)
        assert len(final["callbacks"]) == 1 and final["callbacks"][0]["webhook_id"].startswith("n8n_")

    by_subject = {m["Subject"]: m for m in smtp.messages}
    email = by_subject["Our price list"]
    assert email["To"] == "ada@example.com" and email["From"] == "bot@shop.test"
    parts = {p.get_filename(): p for p in email.walk() if p.get_filename()}
    assert parts["price-list.md"].get_payload(decode=True).startswith(b"# Prices")
    body = next(p for p in email.walk() if p.get_content_type() == "text/plain" and not p.get_filename())
    assert "price list is attached" in body.get_payload(decode=True).decode()
    assert "Please email me" not in body.get_payload(decode=True).decode(), "not the customer's words echoed"

    invitation = next(m for s, m in by_subject.items() if s.startswith("Booking request from +234803"))
    assert invitation["To"] == "owner@shop.test"
    ics = next(p for p in invitation.walk() if p.get_filename() == "booking.ics").get_payload(decode=True).decode()
    assert "BEGIN:VEVENT" in ics and "DTSTART:20261204T140000Z" in ics
    assert f"UID:{created['book_calendar']['id']}@salesboy" in ics

    (order,) = [o for o in orders.orders if o["task_id"] == created["create_order"]["id"]]
    assert order["details"]["item"] == "rice" and order["tenant"] == str(user)

    handoff = next(m for s, m in by_subject.items() if s.startswith("A customer wants a person"))
    assert handoff["To"] == "owner@shop.test"

    replies = {t: [m["text"] for m in wait_for(lambda c=c: gateway.messages_to(c), timeout=30)]
               for t, c in chats.items() if t != "human_handoff"}
    assert replies["send_email"] == ["Done! I've emailed the details to ada@example.com."]
    assert replies["create_order"] == ["Your order has been received. We will confirm it shortly."]
    assert replies["book_calendar"][0].startswith("Your booking request for Fri, 04 Dec 2026 15:00 (UTC+01:00) is in")


def test_placeholder_credentials_and_missing_settings_fail_truthfully(salesboy, n8n_real, gateway):
    container, base = salesboy
    _user, headers = _business(container, base, urls=_urls(n8n_real.url))  # no order_url
    chats = {t: _chat() for t in TYPES}
    tasks = {
        "send_email": _create(base, headers, chat_id=chats["send_email"], task_type="send_email",
                              message="Email me", emails=["ada@example.com"]),
        "book_calendar": _create(base, headers, chat_id=chats["book_calendar"], task_type="book_calendar",
                                 message="Book me for tomorrow"),
        "create_order": _create(base, headers, chat_id=chats["create_order"], task_type="create_order",
                                message="3 bags of rice"),
        "human_handoff": _create(base, headers, chat_id=chats["human_handoff"], task_type="human_handoff",
                                 message="A person please"),
    }
    for task_type, task in tasks.items():
        final = _final(base, headers, task["id"])
        assert final["status"] == "failed", (task_type, final)
        error = final["result"]["error"]
        if task_type == "create_order":
            assert error.startswith("Prepare: no order endpoint: set task_settings.order_url in Salesboy")
        else:
            assert "credential" in error.lower(), (task_type, error)
    for task_type, chat in chats.items():
        if task_type == "human_handoff":
            continue  # they were told a person takes over, which stays true
        (reply,) = wait_for(lambda c=chat: gateway.messages_to(c), timeout=30)
        assert "A member of our team has been told" in reply["text"]
    time.sleep(1)
    assert all(len(gateway.messages_to(c)) == (0 if t == "human_handoff" else 1) for t, c in chats.items())


def test_tampered_stale_and_replayed_dispatches_are_refused_before_any_step(salesboy, n8n_real, orders):
    container, base = salesboy
    user, _ = _business(container, base, urls=_urls(n8n_real.url, "live_"), order_url=orders.url)
    task_id = str(uuid.uuid4())
    body = json.dumps({"task_id": task_id, "tenant": str(user), "task_type": "create_order",
                       "payload": {"message": "replay me"}, "contact": {"chat_id": "1@c.us"},
                       "conversation_summary": "", "settings": {"order_url": orders.url},
                       "callback_url": f"{base}/api/callbacks/n8n"}).encode()
    key = secret_key(DEV_N8N_SIGNING_SECRET)
    url = f"{n8n_real.url}/webhook/live_create_order"

    def post(raw: bytes, headers: dict) -> httpx.Response:
        return httpx.post(url, content=raw, headers={**headers, "content-type": "application/json"}, timeout=10)

    captured = signed_headers(key, task_id, body)
    assert post(body.replace(b"replay me", b"replay ME"), captured).status_code == 401
    assert post(body, signed_headers(key, task_id, body, int(time.time()) - 600)).status_code == 401
    assert post(body, signed_headers(b"not the secret", task_id, body)).status_code == 401
    first = post(body, captured)
    assert first.status_code == 202 and first.json() == {"accepted": True, "task_id": task_id}
    again = post(body, captured)
    assert again.status_code == 409 and again.json()["duplicate"] is True, again.text
    wait_for(lambda: [o for o in orders.orders if o["task_id"] == task_id], timeout=30, message="the order")
    time.sleep(2)
    assert len([o for o in orders.orders if o["task_id"] == task_id]) == 1, "the action ran once"


def test_n8n_down_then_back_completes_once_and_down_for_good_fails_once(salesboy, n8n_real, orders, gateway):
    container, base = salesboy
    _user, headers = _business(container, base, urls=_urls(n8n_real.url, "live_"), order_url=orders.url)
    nowhere = f"http://127.0.0.1:{free_port()}"
    gone, gone_headers = _business(container, base, urls=_urls(nowhere, "live_"), order_url=orders.url)
    n8n_real.stop()
    try:
        back = _create(base, headers, chat_id=_chat(), task_type="create_order", message="order while n8n is down")
        lost_chat = _chat()
        lost = _create(base, gone_headers, chat_id=lost_chat, task_type="create_order", message="nobody home")
        time.sleep(3)
    finally:
        n8n_real.start()
    final = _final(base, headers, back["id"], timeout=150)
    assert final["status"] == "succeeded" and final["attempts"] >= 2
    assert len([o for o in orders.orders if o["task_id"] == back["id"]]) == 1

    failed = _final(base, gone_headers, lost["id"], timeout=150)
    assert failed["status"] == "failed" and "unreachable" in failed["last_error"] and failed["attempts"] == 11
    (told,) = wait_for(lambda: gateway.messages_to(lost_chat), timeout=30)
    assert "A member of our team has been told" in told["text"]
    with container.tenant_uow(gone) as uow:
        alerts = uow.alerts.open()
    assert [a.kind for a in alerts] == ["task_failed"]
    time.sleep(2)
    assert len(gateway.messages_to(lost_chat)) == 1
