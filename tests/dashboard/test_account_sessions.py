"""Dashboard sessions live in Postgres: signing out ends them for good, and the owner sees and ends each one."""

from __future__ import annotations

import re
import uuid

import psycopg

from services.usecases.accounts_local import hash_password
from tests.dashboard.conftest import Browser

COOKIE = "salesboy_session"


def _user_id(container, email: str) -> uuid.UUID:
    with container.system_uow() as uow:
        return uow.users.find_by_email(email).id


def _session_ids(html: str) -> list[str]:
    return re.findall(r'/account/sessions/([0-9a-f-]{36})/end', html)


def test_a_cookie_copied_before_logout_no_longer_works(app, browser):
    browser.sign_up()
    assert browser.get("/dashboard").status_code == 200
    stolen = browser.client.get_cookie(COOKIE).value
    browser.post("/logout", page="/dashboard")

    replay = app.test_client()
    replay.set_cookie(COOKIE, stolen)
    page = replay.get("/dashboard")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    replay.set_cookie(COOKIE, stolen)
    assert replay.get("/api/kb").status_code == 401


def test_sessions_are_listed_and_each_can_be_signed_out(app, browser, container):
    email = browser.sign_up()
    phone = Browser(app.test_client())
    phone.client.environ_base.update({"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 15) Phone",
                                      "REMOTE_ADDR": "203.0.113.77"})
    assert phone.post("/login", {"email": email, "password": "correct horse battery"}).status_code == 302

    listing = browser.get("/account").get_data(as_text=True)
    assert "(this browser)" in listing and "Android 15" in listing
    assert "203.0.113.0/24" in listing and "203.0.113.77" not in listing  # the network, not the address
    ids = _session_ids(listing)
    assert len(ids) == 2
    with container.tenant_uow(_user_id(container, email)) as uow:
        phone_id = uow.conn.execute("select id::text from public.account_sessions where revoked_at is null "
                                    "and user_agent like '%%Android%%'").fetchone()[0]

    ended = browser.post(f"/account/sessions/{phone_id}/end", page="/account", follow_redirects=True)
    assert "That device is signed out." in ended.get_data(as_text=True)
    assert "Account menu" not in phone.get("/login").get_data(as_text=True)  # no page shows it signed in
    assert phone.get("/dashboard").status_code == 302
    assert browser.get("/dashboard").status_code == 200
    assert len(_session_ids(browser.get("/account").get_data(as_text=True))) == 1

    # Everywhere else: every other browser is out, this one stays in.
    assert phone.post("/login", {"email": email, "password": "correct horse battery"}).status_code == 302
    laptop = Browser(app.test_client())
    assert laptop.post("/login", {"email": email, "password": "correct horse battery"}).status_code == 302
    others = browser.post("/account/sessions/end-others", page="/account", follow_redirects=True)
    assert "Signed out everywhere else (2 sessions)." in others.get_data(as_text=True)
    assert phone.get("/dashboard").status_code == laptop.get("/dashboard").status_code == 302
    assert browser.get("/dashboard").status_code == 200

    # Ending this browser's own session is signing out.
    (own,) = _session_ids(browser.get("/account").get_data(as_text=True))
    out = browser.post(f"/account/sessions/{own}/end", page="/account")
    assert out.status_code == 302 and "/login" in out.headers["Location"]
    assert browser.get("/dashboard").status_code == 302


def test_nobody_can_end_another_owners_session(browser, other_browser, container):
    email = browser.sign_up()
    with container.tenant_uow(_user_id(container, email)) as uow:
        victim_session = uow.conn.execute("select id::text from public.account_sessions").fetchone()[0]
    other_browser.sign_up()
    answer = other_browser.post(f"/account/sessions/{victim_session}/end", page="/account", follow_redirects=True)
    assert "That session had already ended." in answer.get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 200
    assert other_browser.post("/account/sessions/not-an-id/end", page="/account").status_code == 404


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, browser, container):
    email = browser.sign_up()
    other = Browser(app.test_client())
    other.post("/login", {"email": email, "password": "correct horse battery"})
    changed = browser.post("/account/password", {"current_password": "correct horse battery",
                                                  "password": "a new long password", "confirm": "a new long password"},
                           page="/account/password")
    assert changed.status_code == 302
    assert other.get("/dashboard").status_code == 302
    assert browser.get("/dashboard").status_code == 200
    assert len(_session_ids(browser.get("/account").get_data(as_text=True))) == 1


def test_a_password_changed_outside_the_dashboard_ends_every_session(browser, container):
    email = browser.sign_up()

    with container.system_uow() as uow:
        uow.users.set_password_hash(_user_id(container, email), hash_password("set by the operator"))
    assert browser.get("/dashboard").status_code == 302


def test_a_session_unused_for_a_week_has_ended(browser, owner_database_url, container):
    email = browser.sign_up()
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        conn.execute("update public.account_sessions set last_seen_at = now() - interval '8 days' "
                     "where user_id = %s", [_user_id(container, email)])
    assert browser.get("/dashboard").status_code == 302
