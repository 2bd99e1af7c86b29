"""Supabase mode: the same pages, with logins in Supabase Auth (supabase-py against a local GoTrue)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from pydantic import ValidationError

from schemas.settings import Settings
from services.repositories.bot_config import BotConfigRepository
from services.usecases.accounts_supabase import SupabaseAccounts
from tests.conftest import wait_for
from tests.fakes.gotrue_server import FakeGoTrue


@pytest.fixture
def gotrue(owner_database_url):
    server = FakeGoTrue(owner_database_url)
    yield server
    server.stop()


@pytest.fixture
def container(container, gotrue):
    """The App with its logins in Supabase Auth (the fake GoTrue), the backend AUTH_BACKEND=supabase builds."""
    accounts = SupabaseAccounts(gotrue.url, gotrue.api_key, timeout=5)
    return dataclasses.replace(container, accounts=accounts,
                               account_deps=dataclasses.replace(container.account_deps, backend=accounts))


def test_sign_up_sign_in_and_change_password(gotrue, browser, other_browser, container):
    email = browser.sign_up(name="Supa Shop")
    with container.system_uow() as uow:
        user_id = uow.users.find_by_email(email).id
    with container.tenant_uow(user_id) as uow:
        assert BotConfigRepository(uow.conn).stored()["enabled"] is True
    assert browser.get("/dashboard").status_code == 200
    again = other_browser.post("/signup", {"display_name": "X", "email": email, "password": "another long one"},
                               page="/signup")
    assert again.status_code == 400 and "sign in or reset" in again.get_data(as_text=True)
    assert other_browser.post("/login", {"email": email, "password": "wrong password"}).status_code == 401
    assert other_browser.post("/login", {"email": email, "password": "correct horse battery"}).status_code == 302
    changed = browser.post("/account/password", {"current_password": "correct horse battery",
                                                  "password": "a supabase password", "confirm": "a supabase password"},
                           page="/account/password")
    assert changed.status_code == 302
    assert other_browser.get("/dashboard").status_code == 302  # the other session is signed out
    wrong = browser.post("/account/password", {"current_password": "not it", "password": "whatever long",
                                                "confirm": "whatever long"}, page="/account/password")
    assert wrong.status_code == 400 and "current password is not right" in wrong.get_data(as_text=True)


def test_reset_through_supabase_email(gotrue, browser, other_browser, mail_worker):
    email = browser.sign_up()
    # The mail worker asks Supabase for the email, off the request: it runs with the Supabase backend too.
    with mail_worker.configured(AUTH_BACKEND="supabase", SUPABASE_URL=gotrue.url, SUPABASE_ANON_KEY=gotrue.api_key):
        other_browser.post("/reset", {"email": "nobody@example.com"}, page="/reset")
        assert other_browser.post("/reset", {"email": email}, page="/reset").status_code == 302
        wait_for(lambda: gotrue.emails, message="Supabase to send the reset email")
    assert [e.to for e in gotrue.emails] == [email]
    sent = gotrue.emails[0]
    assert sent.redirect_to.endswith("/reset")
    path = f"/reset/{sent.token_hash}"
    done = other_browser.post(path, {"password": "a fresh password", "confirm": "a fresh password"}, page=path)
    assert done.status_code == 302 and other_browser.get("/dashboard").status_code == 200
    reused = other_browser.post(path, {"password": "another fresh one", "confirm": "another fresh one"}, page=path)
    assert reused.status_code == 400 and "ask for a new one" in reused.get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 302  # the reset signed the old session out
    assert browser.post("/login", {"email": email, "password": "a fresh password"}).status_code == 302


def test_email_confirmation_and_an_unreachable_service(gotrue, browser):
    gotrue.confirm_email = True
    email = f"confirm-{uuid.uuid4().hex[:8]}@example.com"
    answer = browser.post("/signup", {"display_name": "Later", "email": email, "password": "correct horse battery"},
                          page="/signup", follow_redirects=True)
    assert "confirm your email" in answer.get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 302
    assert browser.post("/login", {"email": email, "password": "correct horse battery"}).status_code == 401
    gotrue.down = True
    down = browser.post("/login", {"email": email, "password": "correct horse battery"})
    assert down.status_code == 503 and "not reachable" in down.get_data(as_text=True)
    # A reset answers as ever: the mail worker asks Supabase later, and retries while it is down.
    reset = browser.post("/reset", {"email": email}, page="/reset", follow_redirects=True)
    assert "If an account exists" in reset.get_data(as_text=True)


def test_supabase_mode_needs_its_url_and_key(tmp_path):
    with pytest.raises(ValidationError, match="SUPABASE_ANON_KEY"):
        Settings(_env_file=None, AUTH_BACKEND="supabase", SUPABASE_URL="http://127.0.0.1:1")
    ok = Settings(_env_file=None, AUTH_BACKEND="supabase", SUPABASE_URL="http://127.0.0.1:1", SUPABASE_ANON_KEY="k")
    assert ok.auth_backend == "supabase"
