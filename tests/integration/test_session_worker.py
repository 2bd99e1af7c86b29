"""Sessions through the queue: API command -> sessions worker (real process, real Chromium) ->
lease in Redis; a host that dies loses its lease and another restores the session."""

from __future__ import annotations

import io
import os
import shutil
import signal

import psutil
import pytest

from api import create_app
from services.usecases.apikeys import create_api_key
from services.whatsapp.leases import SessionLeases
from tests.conftest import WorkerProcess, create_user, stop_every_session, subprocess_env, wait_for
from tests.fakes.phone import Phone
from tests.integration.messaging import _message, _post

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]


def test_commands_leases_and_takeover(container, settings, database_url, redis_url, tmp_path, worker,
                                      shared_data_dir):
    phone = Phone()
    # Status is polled here far faster than a client would; the per-address REST limit is not under test.
    client = create_app(settings.model_copy(update={"api_rate_limit": "10000 per minute"}), container).test_client()
    user = create_user(container)
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    headers = {"X-API-KEY": key}
    # Hosts and the API share the data dir (files), as they share storage in production.
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir),
                         DATABASE_URL=database_url, REDIS_URL=redis_url, WHATSAPP_WEB_URL=phone.url,
                         SESSION_LEASE_SECONDS="6")
    stop_every_session(container)  # only this test's session may be restored onto this stand-in phone
    first = WorkerProcess(env, tmp_path, "sessions", tmp_path / "first.log")
    second = None
    leases = SessionLeases(container.redis, "", 6)

    def status():
        return client.get("/api/session", headers=headers).get_json()["status"]

    assert client.get("/api/session/groups", headers=headers).status_code == 409  # nothing running yet
    try:
        assert client.post("/api/session/start", headers=headers).status_code == 202
        wait_for(lambda: status() == "SCAN_QR_CODE", timeout=60, message="a QR from the sessions worker")
        owner = leases.owner(user)
        assert owner and owner.startswith("sessions.") and owner.endswith("@localhost")
        phone.scan = True
        wait_for(lambda: status() == "WORKING", timeout=30, message="the session to link")

        assert [g["name"] for g in client.get("/api/session/groups", headers=headers).get_json()["groups"]] == \
            ["Wholesale buyers", "Staff"]
        assert len(client.get("/api/session/contacts", headers=headers).get_json()["contacts"]) == 2
        code = client.post("/api/session/pairing-code", headers=headers, json={"phone": "+2348011112222"})
        assert code.status_code == 200 and code.get_json()["code"] == "2222ABCD"
        assert client.post("/api/session/pairing-code", headers=headers, json={"phone": "0801"}).status_code == 400


        media = client.post("/api/session/send-media", headers=headers, content_type="multipart/form-data",
                            data={"file": (io.BytesIO(b"%PDF-1.4 prices"), "prices.pdf"),
                                  "chat_id": "2348011111111@c.us", "caption": "Our price list"})
        assert media.status_code == 200, media.get_json()
        assert media.get_json()["message_id"].startswith("true_2348011111111@c.us_")
        refused = client.post("/api/session/send-media", headers=headers, content_type="multipart/form-data",
                              data={"file": (io.BytesIO(b"MZ\x90\x00"), "x.exe"), "chat_id": "2348011111111@c.us"})
        assert refused.status_code == 415

        # A customer writes; the reply goes out through this linked WhatsApp, once.

        _configure_reply = container.tenant_uow(user)
        with _configure_reply as uow:
            uow.tenants.ensure_defaults(user)
        payload = _message(user, "hello there!", sender_phone="+2348088888888")
        assert _post(client, payload).status_code == 200
        sent = wait_for(lambda: [m for m in phone.sent if m["chatId"] == payload["chat_id"]], timeout=60,
                        message="the reply in the linked WhatsApp")
        assert len(sent) == 1 and sent[0]["id"].startswith(f"true_{payload['chat_id']}")

        client.post("/api/session/stop", headers=headers)
        wait_for(lambda: status() == "STOPPED", timeout=30, message="the session to stop")
        assert leases.owner(user) is None
        client.post("/api/session/start", headers=headers)
        wait_for(lambda: status() == "WORKING", timeout=60, message="a restart from the kept profile")


        browsers = psutil.Process(first.process.pid).children(recursive=True)
        os.kill(first.process.pid, signal.SIGKILL)  # the host dies, and its browsers with it
        for proc in browsers:
            proc.kill()
        first.process.wait()
        second = WorkerProcess(env, tmp_path, "sessions", tmp_path / "second.log")
        wait_for(lambda: (o := leases.owner(user)) is not None and o != owner, timeout=60,
                 message="another host to take the session over")
        # The dead host's row still says WORKING until the new host writes its own: wait for that one.
        wait_for(lambda: (s := client.get("/api/session", headers=headers).get_json())["status"] == "WORKING"
                 and s["host"] == leases.owner(user), timeout=60, message="the restored session on the new host")
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        phone.stop()
