"""The WhatsApp REST routes end to end: API -> sessions worker (real process, real Chromium) -> the
wa-js stand-in page, with the message pipeline's worker answering customers through the linked number."""

from __future__ import annotations

import dataclasses
import shutil
import time

import psutil
import pytest

from api import create_app
from services.usecases.apikeys import create_api_key
from tests.conftest import WorkerProcess, create_user, stop_every_session, subprocess_env, wait_for
from tests.fakes.phone import Phone

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]


def _kill_browsers(worker: WorkerProcess) -> int:
    browsers = [p for p in psutil.Process(worker.process.pid).children(recursive=True)
                if "chrom" in p.name() and "chromedriver" not in p.name()]
    for proc in browsers:
        proc.kill()
    return len(browsers)


def test_routes_link_send_and_answer_once_through_crashes(container, settings, database_url, redis_url, tmp_path,
                                                          worker, shared_data_dir):
    # cipher=1: every message reaching the open page arrives encrypted first, as wa-js emits it twice.
    phone = Phone(cipher="1")
    # The API reads the same send limit as the hosts (one .env in production).
    # Status is polled here far faster than a client would; the per-address REST limit is not under test.
    limited = settings.model_copy(update={"session_sends_per_minute": 4, "api_rate_limit": "10000 per minute"})
    client = create_app(limited, dataclasses.replace(container, settings=limited, api_sends=dataclasses.replace(
        container.api_sends, sends_per_minute=limited.session_sends_per_minute))).test_client()
    user = create_user(container)
    with container.tenant_uow(user) as uow:
        uow.tenants.ensure_defaults(user)
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    headers = {"X-API-KEY": key}
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=redis_url, WHATSAPP_WEB_URL=phone.url, SESSION_SENDS_PER_MINUTE="4",
                         TYPING_DELAY_MS_PER_CHAR="10")
    stop_every_session(container)  # only this test's session may be restored onto this stand-in phone
    host = WorkerProcess(env, tmp_path, "sessions", tmp_path / "sessions.log")

    def session():
        return client.get("/api/sessions/status", headers=headers).get_json()

    def replies(chat_id):
        return [m for m in phone.sent if m["chatId"] == chat_id]

    try:
        refused = client.post("/api/message/send", headers=headers, json={"to": "+2348011111111", "text": "hi"})
        assert refused.status_code == 409 and refused.get_json()["error"] == "session_not_linked"
        assert client.get("/api/sessions/qr", headers=headers).status_code == 404

        assert client.post("/api/sessions/start", headers=headers).status_code == 202
        wait_for(lambda: session()["status"] == "SCAN_QR_CODE", timeout=60, message="a QR from the sessions worker")
        waiting = session()
        assert waiting["status_text"] == "Waiting for your phone" and "Linked devices" in waiting["message"]
        qr = client.get("/api/sessions/qr", headers=headers)
        assert qr.status_code == 200 and qr.get_json()["qr"].startswith("data:image/svg+xml")
        phone.scan = True
        wait_for(lambda: session()["status"] == "WORKING", timeout=30, message="linked on the first scan")
        assert session()["last_error"] is None

        sent = client.post("/api/message/send", headers=headers,
                           json={"to": "+2348011111111", "text": "Your order ships today."})
        assert sent.status_code == 200, sent.get_json()
        assert sent.get_json()["message_id"].startswith("true_2348011111111@c.us_")
        assert replies("2348011111111@c.us")[-1]["text"] == "Your order ships today."
        assert client.post("/api/message/send", headers=headers, json={"to": "0801", "text": "x"}).status_code == 400
        # A number with no WhatsApp account: refused for good, said at once, the send recorded as failed.
        phone.not_on_whatsapp.add("2348099999999@c.us")
        time.sleep(0.5)  # the page reads the phone's state every 200 ms
        nobody = client.post("/api/message/send", headers=headers, json={"to": "+2348099999999", "text": "hello"})
        assert nobody.status_code == 422 and nobody.get_json()["error"] == "refused", nobody.get_json()
        assert "Chat not found" in nobody.get_json()["message"]
        assert replies("2348099999999@c.us") == []
        with container.tenant_uow(user) as uow:
            assert uow.conn.execute("select status, attempts from public.outbox where chat_id = %s",
                                    ["2348099999999@c.us"]).fetchall() == [("failed", 1)]
        assert [g["name"] for g in client.get("/api/groups", headers=headers).get_json()["groups"]] == \
            ["Wholesale buyers", "Staff"]
        assert len(client.get("/api/contacts", headers=headers).get_json()["contacts"]) == 2

        # Encrypted first, then decrypted: answered exactly once.
        chat = phone.customer_writes("+2348088880101", "hello there!")
        try:
            wait_for(lambda: replies(chat), timeout=60, message="the reply to the encrypted message")
        except AssertionError:
            with container.tenant_uow(user) as uow:
                print(uow.conn.execute("select provider_message_id, status, decision_reason, last_error "
                                       "from public.inbox").fetchall())
                print(uow.conn.execute("select status, last_error from public.outbox").fetchall())
            print(host.log_text()[-3000:])
            raise
        time.sleep(2)
        assert len(replies(chat)) == 1

        # The browser dies; what customers write meanwhile is answered once after it comes back.
        assert _kill_browsers(host) > 0
        missed = phone.customer_writes("+2348077777777", "hello, are you open?")
        wait_for(lambda: session()["status"] == "STARTING", timeout=30, message="the crash to be noticed")
        assert "could not start or closed unexpectedly" in session()["last_error"]
        wait_for(lambda: session()["status"] == "WORKING", timeout=60, message="the session back after the crash")
        wait_for(lambda: replies(missed), timeout=60, message="the reply to the message missed during the crash")
        time.sleep(2)
        assert len(replies(missed)) == 1 and len(replies(chat)) == 1

        # The session's own limit (4 a minute, replies included) answers 429 with when to retry.
        answers = [client.post("/api/message/send", headers=headers, json={"to": "+2348011111111", "text": "more"})
                   for _ in range(3)]
        limited = [a for a in answers if a.status_code == 429]
        assert limited and limited[0].get_json()["error"] == "send_limit"
        assert int(limited[0].headers["Retry-After"]) >= 1
    finally:
        host.stop()
        phone.stop()


def test_the_routes_are_rate_limited_per_address_in_the_error_envelope(settings, container):
    strict = settings.model_copy(update={"api_rate_limit": "3 per minute"})
    client = create_app(strict, dataclasses.replace(container, settings=strict)).test_client()
    user = create_user(container)
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    # An address of its own, so no other test's requests count here.
    environ = {"REMOTE_ADDR": f"10.9.{time.time_ns() % 250}.{time.time_ns() % 250 + 1}"}
    answers = [client.get("/api/sessions/status", headers={"X-API-KEY": key}, environ_base=environ)
               for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].get_json()["error"] == "too_many_requests"
