"""WhatsApp sessions in real headless Chromium against a page that behaves like wa-js 4.6.0's WPP.

Each behaviour the stand-in copies from the bundle (tests/fakes/whatsapp_web/fake_wpp.js names the
wa-js function for each) has a test here showing the product handles it."""

from __future__ import annotations

import base64
import json
import shutil
import threading
import time
import uuid
from pathlib import Path

import psutil
import pytest
import redis
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from services.adapters.events import tenant_channel
from services.bootstrap import host_deps
from services.core.crypto import Sealed
from services.core.errors import TransientError
from services.handlers.sessions import restorable
from services.whatsapp.browser import WPP_CALLS, BrowserGoneError, BrowserOptions, BrowserSession
from services.whatsapp.host import SessionHost, inbound_from_event
from services.whatsapp.leases import SessionLeases
from tests.conftest import create_user, wait_for
from tests.fakes.phone import Phone

PAGE_DIR = Path(__file__).resolve().parents[1] / "fakes" / "whatsapp_web"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]


@pytest.fixture(scope="module")
def fake_whatsapp():
    app = SharedDataMiddleware(Response("not found", 404), {"/": str(PAGE_DIR)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()


@pytest.fixture
def host(container, fake_whatsapp, tmp_path):
    running = SessionHost(host_deps(container), url=f"{fake_whatsapp}?rotate=800", profiles_root=tmp_path / "profiles",
                          poll_seconds=0.1)
    yield running
    running.close()


class Listener:
    def __init__(self, container, user):
        self.events: list[tuple[str, dict]] = []
        self._pubsub = container.redis.pubsub(ignore_subscribe_messages=True)
        self._pubsub.subscribe(tenant_channel(user))
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        try:
            for message in self._pubsub.listen():
                data = json.loads(message["data"])
                self.events.append((data["type"], data["data"]))
        except (redis.ConnectionError, ValueError):
            return  # the test is over and its Redis connection closed

    def of(self, kind):
        return [data for event, data in list(self.events) if event == kind]


def _page(host, user):
    return host._live[user].browser  # the test drives the stand-in page like a phone would


def _status(host, user, wanted, timeout=30):
    wait_for(lambda: host.status(user) == wanted, timeout=timeout, interval=0.05, message=f"status {wanted}")


def _inbox(container, user, message_id):
    """(count, sender_phone, sender_lid, text) of a stored inbound message."""
    with container.tenant_uow(user) as uow:
        rows = uow.conn.execute("select sender_phone, sender_lid, body_ciphertext, body_nonce, body_key_id, chat_id "
                                "from public.inbox where provider_message_id = %s", [message_id]).fetchall()
    if not rows:
        return (0, None, None, None)
    phone, lid, ciphertext, nonce, key_id, chat = rows[0]
    return (len(rows), phone, lid, container.keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user, chat=chat))


def _customer(message_id: str, sender: str, body: str) -> dict:
    return {"id": {"_serialized": message_id, "fromMe": False}, "from": sender, "to": "2348000000000@c.us",
            "body": body, "t": int(time.time())}


def test_link_receive_send_and_list(host, container):
    user = create_user(container)
    listener = Listener(container, user)
    started = time.monotonic()
    host.start(user)
    _status(host, user, "SCAN_QR_CODE")
    first = wait_for(lambda: listener.of("session.qr"), timeout=15, message="a QR on the live channel")[0]
    print(f"start to QR {time.monotonic() - started:.2f}s")
    assert first["qr"].startswith("data:image/svg+xml") and first["code"].startswith("2@fake-ref-")
    rotated = wait_for(lambda: len(q := listener.of("session.qr")) >= 2 and q, timeout=10, message="a new QR")
    assert rotated[1]["code"] != rotated[0]["code"]
    with container.tenant_uow(user) as uow:
        assert uow.conn.execute("select status, qr_updated_at is not null from public.sessions").fetchone() == \
            ("SCAN_QR_CODE", True)

    # The scan makes wa-js emit conn.auth_code_change(null) and no second main_ready: linked on the first scan.
    _page(host, user)._script("window.__fake.scan();")
    _status(host, user, "WORKING")
    wait_for(lambda: "WORKING" in [e["status"] for e in listener.of("session.status")], timeout=10,
             message="WORKING on the live channel")
    assert "FAILED" not in [e["status"] for e in listener.of("session.status")]

    message_id = f"false_2348011111111@c.us_{uuid.uuid4().hex[:10]}"
    _page(host, user)._script("window.__fake.receive(arguments[0]);",
                              _customer(message_id, "2348011111111@c.us", "Do you deliver to Accra?"))
    assert wait_for(lambda: (row := _inbox(container, user, message_id))[0] and row, timeout=15) == \
        (1, "+2348011111111", None, "Do you deliver to Accra?")

    lid_message = f"false_98765432101234@lid_{uuid.uuid4().hex[:10]}"
    _page(host, user)._script("window.__fake.receive(arguments[0]);",
                              _customer(lid_message, "98765432101234@lid", "Price of the red one?"))
    # A LID sender is stored with the phone wa-js maps it to (contact.getPnLidEntry).
    assert wait_for(lambda: (row := _inbox(container, user, lid_message))[0] and row, timeout=15)[1:3] == \
        ("+2348044444444", "98765432101234@lid")

    sent_id = host.send_text(user, "2348011111111@c.us", "Yes, we deliver to Accra.")
    assert sent_id.startswith("true_2348011111111@c.us_")
    assert _page(host, user)._script("return window.__fake.sent();")[-1]["text"] == "Yes, we deliver to Accra."
    assert [g["name"] for g in host.groups(user)] == ["Wholesale buyers", "Staff"]
    assert {c["id"] for c in host.contacts(user)} == {"2348011111111@c.us", "98765432101234@lid"}
    assert host.pairing_code(user, "+2348011112222").endswith("ABCD")
    # wa-js emits the page's own sends as chat.new_message (fromMe): they are not the owner typing.
    time.sleep(0.5)
    assert _inbox(container, user, sent_id)[0] == 0


def test_an_encrypted_message_is_taken_once_with_its_decrypted_text(host, container):
    user = create_user(container)
    host.start(user)
    _status(host, user, "SCAN_QR_CODE")
    _page(host, user)._script("window.__fake.scan();")
    _status(host, user, "WORKING")
    message_id = f"false_2348011111111@c.us_{uuid.uuid4().hex[:10]}"
    # chat.new_message fires first with type ciphertext and no body, then again after decryption.
    _page(host, user)._script("window.__fake.receiveEncrypted(arguments[0]);",
                              _customer(message_id, "2348011111111@c.us", "Is the blue one in stock?"))
    assert wait_for(lambda: (row := _inbox(container, user, message_id))[0] and row, timeout=15) == \
        (1, "+2348011111111", None, "Is the blue one in stock?")
    time.sleep(0.5)
    assert _inbox(container, user, message_id)[0] == 1


def test_a_slow_load_links_on_the_first_scan(container, fake_whatsapp, tmp_path):
    # wa-js emits auth_code_change(null) at injection while no QR ref exists yet (a slow load).
    host = SessionHost(host_deps(container), url=f"{fake_whatsapp}?ref_delay=1500", profiles_root=tmp_path / "profiles",
                       poll_seconds=0.1)
    user = create_user(container)
    try:
        host.start(user)
        def injected():
            try:
                return _page(host, user)._script("return !!(window.WPP && window.WPP.isInjected);")
            except BrowserGoneError:
                return False  # not open yet
        wait_for(injected, timeout=20)
        time.sleep(0.5)
        assert host.status(user) == "STARTING"  # the null code was not taken for an expired QR
        _status(host, user, "SCAN_QR_CODE")
        _page(host, user)._script("window.__fake.scan();")
        _status(host, user, "WORKING")
    finally:
        host.close()


def test_paced_sends_show_typing_first(host, container):
    user = create_user(container)
    host.start(user)
    _status(host, user, "SCAN_QR_CODE")
    _page(host, user)._script("window.__fake.scan();")
    _status(host, user, "WORKING")
    started = time.monotonic()
    host.send_text(user, "2348011111111@c.us", "x" * 40, paced=True)
    assert time.monotonic() - started >= 0.5  # 40 characters at 15 ms each
    (typing,) = _page(host, user)._script("return window.__fake.composing();")
    assert typing["chatId"] == "2348011111111@c.us" and typing["duration"] == 600


def test_a_crashed_browser_comes_back_linked_and_a_restart_restores(host, container, fake_whatsapp, tmp_path):
    user = create_user(container)
    listener = Listener(container, user)
    host.start(user)
    _status(host, user, "SCAN_QR_CODE")
    _page(host, user)._script("window.__fake.scan();")
    _status(host, user, "WORKING")
    qr_count = len(listener.of("session.qr"))
    # Chromium writes localStorage to disk a few seconds after a change; a real
    # session linked long before it crashed, so give it that time.
    time.sleep(5)

    _page(host, user).kill_browser()
    noticed = wait_for(lambda: [e for e in listener.of("session.status") if e["status"] == "STARTING" and e["error"]],
                       timeout=30, message="the watchdog to notice")
    assert noticed[0]["error"].startswith("The browser running WhatsApp Web stopped unexpectedly. Trying again in")
    assert "FAILED" not in [e["status"] for e in listener.of("session.status")]  # still meant to run
    started = time.monotonic()
    _status(host, user, "WORKING", timeout=60)
    print(f"crash to WORKING {time.monotonic() - started:.2f}s")
    assert len(listener.of("session.qr")) == qr_count, "a restarted session asked for a new QR"

    host.close()  # the host process goes away...
    again = SessionHost(host_deps(container), url=fake_whatsapp, profiles_root=tmp_path / "profiles", poll_seconds=0.1)
    try:
        again.start(user)  # ...and a new one restores from the same profile
        _status(again, user, "WORKING", timeout=60)
    finally:
        again.close()


def test_logout_and_two_tenants_side_by_side(host, container):
    a, b = create_user(container), create_user(container)
    host.start(a)
    host.start(b)
    _status(host, a, "SCAN_QR_CODE")
    _status(host, b, "SCAN_QR_CODE")
    _page(host, a)._script("window.__fake.scan();")
    _status(host, a, "WORKING")
    assert host.status(b) == "SCAN_QR_CODE"  # b's browser and profile are its own
    host.send_text(a, "2348022222222@c.us", "only from a")
    assert _page(host, b)._script("return window.__fake.sent();") == []
    with pytest.raises(LookupError, match="not linked"):
        host.send_text(b, "2348022222222@c.us", "b is not linked")

    profile = host.profile_dir(a)
    assert profile.exists()
    host.logout(a)
    assert host.status(a) == "STOPPED" and not profile.exists()
    with container.tenant_uow(a) as uow:
        assert uow.conn.execute("select status from public.sessions").fetchone()[0] == "LOGGED_OUT"


def test_message_events_become_inbound_messages():
    user = uuid.uuid4()
    direct = inbound_from_event(user, {"id": "m1", "from": "2348011111111@c.us", "to": "me@c.us", "author": None,
                                       "body": "hi", "fromMe": False, "isGroup": False, "timestamp": 1700000000,
                                       "mentionsMe": False})
    assert (direct.chat_id, direct.sender_phone, direct.from_me) == ("2348011111111@c.us", "+2348011111111", False)
    group = inbound_from_event(user, {"id": "m2", "from": "120363000000000001@g.us", "to": "me@c.us",
                                      "author": "98765432101234@lid", "body": "@shop price?", "fromMe": False,
                                      "isGroup": True, "timestamp": 1700000000, "mentionsMe": True})
    assert (group.chat_id, group.sender_lid, group.is_group, group.mentions_me) == \
        ("120363000000000001@g.us", "98765432101234@lid", True, True)
    mine = inbound_from_event(user, {"id": "m3", "from": "me@c.us", "to": "2348011111111@c.us", "author": None,
                                     "body": "I'll handle it", "fromMe": True, "isGroup": False,
                                     "timestamp": 1700000000, "mentionsMe": False})
    assert mine.chat_id == "2348011111111@c.us" and mine.from_me and mine.sender_phone is None
    assert inbound_from_event(user, {"id": "m4", "from": "x@c.us", "to": "me@c.us", "author": None, "body": "",
                                     "fromMe": False, "isGroup": False, "timestamp": 1700000000,
                                     "mentionsMe": False}) is None
    # Only spaces: skipped (and logged with the reason), never a message the pipeline cannot take.
    assert inbound_from_event(user, {"id": "m5", "from": "x@c.us", "to": "me@c.us", "author": None,
                                     "body": " \n\t ", "fromMe": False, "isGroup": False,
                                     "timestamp": 1700000000, "mentionsMe": False}) is None


def test_the_real_wa_js_is_injected_where_the_page_has_no_wpp(fake_whatsapp, tmp_path):
    bundle = Path(__file__).resolve().parents[2] / "node_modules" / "@wppconnect" / "wa-js" / "dist" / \
        "wppconnect-wa.js"
    assert bundle.exists(), "run ops/setup.sh (npm ci) to install @wppconnect/wa-js"
    browser = BrowserSession(BrowserOptions(fake_whatsapp.replace("index.html", "blank.html"), tmp_path / "p",
                                            wa_js_path=bundle))
    try:
        browser.open()
        assert browser._script("return typeof window.WPP.on === 'function' && !!window.__salesboy;")
        assert browser._script("return window.WPPConfig.disableGoogleAnalytics;") is True
    finally:
        browser.close()


def test_media_both_ways_and_the_send_rate_limit(container, fake_whatsapp, tmp_path):
    host = SessionHost(host_deps(container), url=fake_whatsapp, profiles_root=tmp_path / "profiles", poll_seconds=0.1,
                       sends_per_minute=3)
    user = create_user(container)
    try:
        host.start(user)
        _status(host, user, "SCAN_QR_CODE")
        _page(host, user)._script("window.__fake.scan();")
        _status(host, user, "WORKING")

        photo = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
        message_id = f"false_2348033333333@c.us_{uuid.uuid4().hex[:10]}"
        _page(host, user)._script("window.__fake.receiveMedia(arguments[0], arguments[1]);", {
            "id": {"_serialized": message_id, "fromMe": False}, "from": "2348033333333@c.us", "to": "me@c.us",
            "body": "iVBORw0KGgo-thumbnail", "caption": "Do you have this in blue?", "mimetype": "image/png",
            "isGroupMsg": False, "t": int(time.time())}, base64.b64encode(photo).decode())

        def stored():
            with container.tenant_uow(user) as uow:
                return uow.conn.execute("select media_ref from public.inbox where provider_message_id = %s",
                                        [message_id]).fetchone()
        (media_ref,) = wait_for(stored, timeout=15, message="the photo's message")
        assert media_ref.startswith(f"{user}/") and media_ref.endswith("attachment.png")
        assert container.storage.get("media", media_ref) == photo

        sent = host.send_file(user, "2348033333333@c.us", b"%PDF-1.4 price list", mimetype="application/pdf",
                              filename="prices.pdf", caption="Our prices")
        assert sent.startswith("true_2348033333333@c.us_")
        last = _page(host, user)._script("return window.__fake.sent();")[-1]
        assert (last["caption"], last["filename"], last["type"]) == ("Our prices", "prices.pdf", "document")
        assert last["file"].startswith("data:application/pdf;base64,")

        host.send_text(user, "2348033333333@c.us", "one")
        host.send_text(user, "2348033333333@c.us", "two")
        with pytest.raises(TransientError, match="3 messages a minute"):
            host.send_text(user, "2348033333333@c.us", "three is one too many")
    finally:
        host.close()


def _session_row(container, user):
    with container.tenant_uow(user) as uow:
        return uow.conn.execute("select status, last_error from public.sessions").fetchone()


def test_qr_expiry_comes_from_wa_js_idle_signal_or_the_timer(container, fake_whatsapp, tmp_path):
    # max_qr=2: after two codes the socket goes UNPAIRED_IDLE and wa-js emits conn.qrcode_idle.
    idle_host = SessionHost(host_deps(container), url=f"{fake_whatsapp}?rotate=300&max_qr=2",
                            profiles_root=tmp_path / "idle", poll_seconds=0.1)
    # No rotation: the only code is never replaced, so the timer decides.
    timer_host = SessionHost(host_deps(container), url=fake_whatsapp, profiles_root=tmp_path / "timer",
                             poll_seconds=0.1, qr_expiry_seconds=1.5)
    idle, timed = create_user(container), create_user(container)
    try:
        idle_host.start(idle)
        timer_host.start(timed)
        _, error = wait_for(lambda: (row := _session_row(container, idle)) and row[0] == "FAILED" and row,
                                 timeout=20, message="the idle signal to end the QR")
        assert error.startswith("WhatsApp stopped offering QR codes") and idle_host.status(idle) == "STOPPED"
        _, error = wait_for(lambda: (row := _session_row(container, timed)) and row[0] == "FAILED" and row,
                                 timeout=20, message="the QR to expire")
        assert error.startswith("The QR code expired") and timer_host.status(timed) == "STOPPED"
    finally:
        idle_host.close()
        timer_host.close()


def test_the_phone_can_log_out(container, fake_whatsapp, tmp_path):
    host = SessionHost(host_deps(container), url=fake_whatsapp, profiles_root=tmp_path / "profiles", poll_seconds=0.1)
    other = create_user(container)
    try:
        host.start(other)
        _status(host, other, "SCAN_QR_CODE")
        _page(host, other)._script("window.__fake.scan();")
        _status(host, other, "WORKING")
        profile = host.profile_dir(other)
        _page(host, other)._script("window.__fake.logoutFromPhone();")
        wait_for(lambda: host.status(other) == "STOPPED" and not profile.exists(), timeout=20,
                 message="the phone's logout to end the session")
        assert _session_row(container, other)[0] == "LOGGED_OUT"
    finally:
        host.close()


def _chromedriver(host, user):
    return psutil.Process(_page(host, user)._driver.service.process.pid)


def test_a_dead_chromedriver_is_a_lost_browser_and_a_shutdown_is_no_failure(container, fake_whatsapp, tmp_path):
    host = SessionHost(host_deps(container), url=fake_whatsapp, profiles_root=tmp_path / "profiles", poll_seconds=0.1)
    user = create_user(container)
    listener = Listener(container, user)
    try:
        host.start(user)
        _status(host, user, "SCAN_QR_CODE")
        _page(host, user)._script("window.__fake.scan();")
        _status(host, user, "WORKING")
        time.sleep(5)  # Chromium writes the login to disk a few seconds after it changes
        # chromedriver dies alone: Selenium raises urllib3's MaxRetryError, not a WebDriverException.
        _chromedriver(host, user).kill()
        wait_for(lambda: any(e["status"] == "STARTING" and e["error"] for e in listener.of("session.status")),
                 timeout=30, message="the lost browser to be noticed")
        _status(host, user, "WORKING", timeout=60)
        assert "FAILED" not in [e["status"] for e in listener.of("session.status")]

        # A shutdown where chromedriver goes first (as when a terminal's Ctrl-C reaches it).
        _chromedriver(host, user).kill()
        host.shutdown()
        status, _ = _session_row(container, user)
        assert status in ("WORKING", "STARTING")
        assert user in restorable(container.system_uow, SessionLeases(container.redis, "", 30))
    finally:
        host.close()


def test_messages_received_while_the_browser_was_down_are_read_after_reconnecting(container, tmp_path):
    phone = Phone()
    host = SessionHost(host_deps(container), url=phone.url, profiles_root=tmp_path / "profiles", poll_seconds=0.1)
    user = create_user(container)
    try:
        host.start(user)
        _status(host, user, "SCAN_QR_CODE")
        phone.scan = True
        _status(host, user, "WORKING")
        chat = phone.customer_writes("+2348055555555", "Hello, are you open today?")
        first = phone.message_ids(chat)[0]
        wait_for(lambda: _inbox(container, user, first)[0], timeout=15, message="the live message")
        time.sleep(5)  # let Chromium persist what the page has seen

        _page(host, user).kill_browser()
        wait_for(lambda: host.status(user) != "WORKING", timeout=30, message="the crash to be noticed")
        phone.customer_writes("+2348055555555", "Hello? I would like to order", read=False)
        phone.customer_writes("+2348055555555", "Two of the red ones", read=True)  # read on the phone meanwhile
        other = phone.customer_writes("+2348066666666", "Price list please")
        _status(host, user, "WORKING", timeout=60)

        wanted = phone.message_ids(chat) + phone.message_ids(other)
        wait_for(lambda: all(_inbox(container, user, m)[0] for m in wanted), timeout=20,
                 message="the missed messages in the inbox")
        assert [_inbox(container, user, m)[0] for m in wanted] == [1, 1, 1, 1]
        # They reached the new page by history sync (no chat.new_message): only the catch-up read them.
        assert set(wanted[1:]) <= set(_page(host, user)._script("return window.__fake.synced();"))
        assert _inbox(container, user, wanted[2])[3] == "Two of the red ones"
    finally:
        host.close()
        phone.stop()


def test_every_wpp_member_the_product_calls_exists_in_the_real_bundle_and_the_stand_in(fake_whatsapp, tmp_path):
    bundle = Path(__file__).resolve().parents[2] / "node_modules" / "@wppconnect" / "wa-js" / "dist" / \
        "wppconnect-wa.js"
    check = """return arguments[0].filter((path) => typeof path.split('.').reduce(
                   (o, k) => (o == null ? undefined : o[k]), window.WPP) !== 'function');"""
    for url, wa_js in ((fake_whatsapp.replace("index.html", "blank.html"), bundle), (fake_whatsapp, None)):
        browser = BrowserSession(BrowserOptions(url, tmp_path / ("real" if wa_js else "fake"), wa_js_path=wa_js))
        try:
            browser.open()
            assert browser._script(check, list(WPP_CALLS)) == [], url
        finally:
            browser.close()
