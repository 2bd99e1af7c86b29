"""Accounts: sign-up creates a tenant, sign-in, reset and change password, CSRF and rate limits."""

from __future__ import annotations

import re
import uuid

import pytest

from api import create_app
from services.repositories.bot_config import BotConfigRepository
from services.runtime.embedded import free_port
from services.runtime.seed import DEMO_EMAIL
from services.usecases import accounts
from tests.conftest import wait_for
from tests.dashboard.conftest import Browser


def test_sign_up_creates_the_tenant_and_signs_in(browser, container):
    email = browser.sign_up(name="Kofi Foods")
    page = browser.get("/dashboard")
    assert page.status_code == 200 and "Overview" in page.get_data(as_text=True)
    with container.system_uow() as uow:
        user_id = uow.users.find_by_email(email).id
    with container.tenant_uow(user_id) as uow:
        assert BotConfigRepository(uow.conn).stored()["enabled"] is True
        assert uow.tenants.profile(user_id).display_name == "Kofi Foods"
        assert uow.conn.execute("select status from public.sessions").fetchone()[0] == "STOPPED"
        actions = [r[0] for r in uow.conn.execute("select action from public.audit_logs order by id")]
        assert "tenant.provisioned" in actions and "account.created" in actions


def test_sign_up_errors_keep_what_was_typed(browser):
    response = browser.post("/signup", {"display_name": "Shop", "email": "not-an-email", "password": "short"},
                            page="/signup")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html and "not-an-email" in html and "Enter an email address like" in html
    weak = browser.post("/signup", {"display_name": "Shop", "email": "weak@example.com", "password": "short"},
                        page="/signup")
    assert weak.status_code == 400 and "at least 10 characters" in weak.get_data(as_text=True)


def test_the_same_email_twice_is_refused_without_losing_the_first_account(browser, other_browser):
    email = browser.sign_up()
    again = other_browser.post("/signup", {"display_name": "X", "email": email.upper(),
                                           "password": "another long password"}, page="/signup")
    assert again.status_code == 400 and "sign in or reset" in again.get_data(as_text=True)
    browser.post("/logout", page="/dashboard")
    signed = browser.post("/login", {"email": email, "password": "correct horse battery"})
    assert signed.status_code == 302


def test_sign_in_and_reset_take_the_email_as_sign_up_does(browser, other_browser, inbox, container):
    email = browser.sign_up(email=f"  Owner-{uuid.uuid4().hex[:8]}@Example.com ").strip().lower()
    browser.post("/logout", page="/dashboard")
    typed = f" {email.upper()}  "
    assert browser.post("/login", {"email": typed, "password": "correct horse battery"}).status_code == 302
    assert other_browser.post("/reset", {"email": typed}, page="/reset").status_code == 302
    assert "/reset/" in inbox.wait_for(email).body
    assert accounts.user_id_for_email(container.system_uow, typed) is not None


@pytest.mark.parametrize("path", ["/signup", "/login", "/reset"])
def test_every_account_form_checks_the_email_by_the_same_rule(browser, path):
    form = {"display_name": "Shop", "email": "demo@salesboy.local", "password": "correct horse battery"}
    refused = browser.post(path, form, page=path)
    assert refused.status_code == 400 and "Enter an email address like name@example.com." in \
        refused.get_data(as_text=True)
    # The demo account's address (salesboy up --demo) is one every form takes. (A short password keeps the
    # sign-up from creating the demo account here: only the email is looked at.)
    taken = browser.post(path, {**form, "email": DEMO_EMAIL, "password": "short"}, page=path)
    assert taken.status_code == {"/signup": 400, "/login": 401, "/reset": 302}[path], taken.get_data(as_text=True)
    assert "Enter an email address like" not in taken.get_data(as_text=True)


def test_sign_up_mistakes_do_not_use_up_the_sign_up_limit(settings, container, mail_worker):
    app = create_app(settings.model_copy(update={"signup_rate_limit": "2 per hour"}), container)
    browser = Browser(app.test_client())
    browser.client.environ_base["REMOTE_ADDR"] = f"203.0.113.{uuid.uuid4().int % 250}"
    email = f"typo-{uuid.uuid4().hex[:8]}@example.com"
    for mistake in ({"email": "not-an-email"}, {"password": "short"}, {"display_name": ""}, {"email": "x@"}):
        form = {"display_name": "Shop", "email": email, "password": "correct horse battery", **mistake}
        assert browser.post("/signup", form, page="/signup").status_code == 400
    browser.sign_up(email=email)  # the same address, after four mistakes: not locked out
    browser.post("/logout", page="/dashboard")
    taken = browser.post("/signup", {"display_name": "Shop", "email": email, "password": "correct horse battery"},
                         page="/signup")
    assert taken.status_code == 400  # a real attempt (the email is taken): it counts
    refused = browser.post("/signup", {"display_name": "Shop", "email": "later@example.com",
                                       "password": "correct horse battery"}, page="/signup")
    assert refused.status_code == 429 and "Too many sign-ups from here" in refused.get_data(as_text=True)


def test_pages_need_a_session(browser):
    response = browser.get("/dashboard/kb")
    assert response.status_code == 302 and "/login?next=/dashboard/kb" in response.headers["Location"]


def test_wrong_password_and_unknown_email_get_the_same_answer(browser):
    email = browser.sign_up()
    browser.post("/logout", page="/dashboard")
    wrong = browser.post("/login", {"email": email, "password": "not the password"})
    unknown = browser.post("/login", {"email": "nobody@example.com", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    text = "That email and password do not match an account."
    assert text in wrong.get_data(as_text=True) and text in unknown.get_data(as_text=True)
    assert email in wrong.get_data(as_text=True)  # the email stays in the form


def test_login_redirects_only_to_this_site(browser):
    email = browser.sign_up()
    browser.post("/logout", page="/dashboard")
    evil = browser.post("/login", {"email": email, "password": "correct horse battery", "next": "//evil.example"})
    assert evil.headers["Location"] == "/dashboard"
    browser.post("/logout", page="/dashboard")
    good = browser.post("/login", {"email": email, "password": "correct horse battery", "next": "/dashboard/kb"})
    assert good.headers["Location"] == "/dashboard/kb"


def test_forms_without_a_valid_csrf_token_are_refused(browser):
    browser.sign_up()
    forged = browser.client.post("/dashboard/whitelist", data={"phone": "+2348012345678", "csrf_token": "forged"})
    assert forged.status_code == 400 and "did not come from Salesboy" in forged.get_data(as_text=True)
    missing = browser.client.post("/dashboard/whitelist", data={"phone": "+2348012345678"})
    assert missing.status_code == 400
    api = browser.client.post("/api/session/start")
    assert api.status_code == 400 and api.get_json()["error"] == "csrf_failed"
    assert "No contacts yet." in browser.get("/dashboard/whitelist").get_data(as_text=True)


def test_login_is_rate_limited(browser):
    email = f"limited-{uuid.uuid4().hex[:8]}@example.com"
    token = browser.token()
    address = {"REMOTE_ADDR": f"10.9.{uuid.uuid4().int % 250}.1"}
    codes = [browser.client.post("/login", data={"csrf_token": token, "email": email, "password": "wrong wrong"},
                                 environ_base=address).status_code
             for _ in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    page = browser.client.post("/login", data={"csrf_token": token, "email": email, "password": "wrong wrong"},
                               environ_base=address)
    assert "Too many attempts" in page.get_data(as_text=True)


def test_password_reset_round_trip(browser, other_browser, inbox):
    email = browser.sign_up()
    other_browser.post("/reset", {"email": "nobody-here@example.com"}, page="/reset")
    answer = other_browser.post("/reset", {"email": email}, page="/reset", follow_redirects=True)
    assert "If an account exists" in answer.get_data(as_text=True)
    link = re.search(r"http://\S+/reset/(\S+)", inbox.wait_for(email).body)
    token = link.group(1)
    mismatch = other_browser.post(f"/reset/{token}", {"password": "brand new password", "confirm": "different"},
                                  page=f"/reset/{token}")
    assert mismatch.status_code == 400 and "The two passwords are different" in mismatch.get_data(as_text=True)
    done = other_browser.post(f"/reset/{token}", {"password": "brand new password", "confirm": "brand new password"},
                              page=f"/reset/{token}")
    assert done.status_code == 302
    # Used once: the same link no longer works, and the old session is signed out.
    again = other_browser.post(f"/reset/{token}", {"password": "yet another password", "confirm":
                                                   "yet another password"}, page=f"/reset/{token}")
    assert again.status_code == 400 and "already used" in again.get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 302
    forged = other_browser.post("/reset/not-a-token", {"password": "brand new password", "confirm":
                                                        "brand new password"}, page="/reset/not-a-token")
    assert forged.status_code == 400 and "not valid" in forged.get_data(as_text=True)


def test_change_password(browser):
    email = browser.sign_up()
    wrong = browser.post("/account/password", {"current_password": "nope", "password": "a new long password",
                                                "confirm": "a new long password"}, page="/account/password")
    assert wrong.status_code == 400 and "current password is not right" in wrong.get_data(as_text=True)
    ok = browser.post("/account/password", {"current_password": "correct horse battery",
                                             "password": "a new long password", "confirm": "a new long password"},
                      page="/account/password")
    assert ok.status_code == 302
    assert browser.get("/dashboard").status_code == 200  # this session stays signed in
    browser.post("/logout", page="/dashboard")
    assert browser.post("/login", {"email": email, "password": "a new long password"}).status_code == 302


def test_a_mail_server_that_fails_changes_nothing_on_the_page_and_is_recorded(browser, mail_worker, container):
    email = browser.sign_up()
    with mail_worker.configured(SMTP_PORT=str(free_port())):  # nothing listens there
        failed = browser.post("/reset", {"email": email}, page="/reset", follow_redirects=True)
        assert "If an account exists" in failed.get_data(as_text=True)  # the same answer as ever

        def recorded():
            with container.system_uow() as uow:
                return uow.conn.execute(
                    "select reason from public.job_failures where task_name = 'mail.account' "
                    "and created_at > now() - interval '1 minute' order by id desc limit 1").fetchone()

        reason = wait_for(recorded, timeout=30, message="the failed email to be recorded")[0]
    assert "gave up after 3 attempts" in reason and email not in reason


def test_the_rest_api_honours_the_dashboard_session_until_the_password_changes(browser, other_browser):
    email = browser.sign_up()
    other_browser.post("/login", {"email": email, "password": "correct horse battery"})
    assert other_browser.get("/api/kb").status_code == 200
    browser.post("/account/password", {"current_password": "correct horse battery", "password": "changed password!",
                                       "confirm": "changed password!"}, page="/account/password")
    assert other_browser.get("/api/kb").status_code == 401
