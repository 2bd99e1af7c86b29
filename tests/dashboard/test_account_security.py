"""Account weak spots, tried through the front door: link poisoning, enumeration, lock-out, CSRF with API keys."""

from __future__ import annotations

import re
import statistics
import time
import uuid

import pytest

from api import create_app
from services.adapters.mailer import LogMailer, MailNotConfiguredError, make_mailer
from services.usecases.apikeys import create_api_key
from tests.dashboard.conftest import TOKEN, Browser

PASSWORD = "correct horse battery"


def _user_id(container, email: str) -> uuid.UUID:
    with container.system_uow() as uow:
        return uow.users.find_by_email(email).id


def _app(settings, container, **limits):
    relaxed = {"login_rate_limit": "1000 per minute", "login_rate_limit_per_ip": "1000 per minute",
               "signup_rate_limit": "1000 per minute"}
    return create_app(settings.model_copy(update={**relaxed, **limits}), container)


def _production_app(settings, container, **values):
    # A copy is not validated again: production's other requirements (secrets, PUBLIC_URL) are not what is tried here.
    return _app(settings, container, **{"env": "production", "smtp_host": "127.0.0.1", **values})


def test_a_forged_host_header_never_reaches_the_reset_email(browser, inbox):
    email = browser.sign_up()
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    client = browser.client
    token = TOKEN.search(client.get("/reset", headers=forged).get_data(as_text=True)).group(1)
    answer = client.post("/reset", data={"csrf_token": token, "email": email}, headers=forged)
    assert answer.status_code == 302
    body = inbox.wait_for(email).body
    assert "evil.example" not in body
    # PUBLIC_URL is unset in tests: links start from API_HOST:API_PORT, never from the request.
    link = re.search(r"http://127\.0\.0\.1:8000/reset/(\S+)", body)
    assert link, body
    done = browser.post(f"/reset/{link.group(1)}", {"password": "brand new password", "confirm": "brand new password"},
                        page=f"/reset/{link.group(1)}")
    assert done.status_code == 302


def _median_post_seconds(client, path: str, forms: list[dict], token: str) -> float:
    times = []
    for form in forms:
        started = time.perf_counter()
        response = client.post(path, data={"csrf_token": token, **form})
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    return statistics.median(times)


def _iqr(values: list[float]) -> float:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return q3 - q1


def _same_time(first: float, second: float) -> bool:
    return abs(first - second) <= 0.2 * max(first, second)


def test_a_reset_takes_as_long_for_an_unknown_email_as_for_an_account(settings, container, inbox):
    app = _app(settings, container)
    owner = Browser(app.test_client())
    email = owner.sign_up()
    client = app.test_client()
    token = TOKEN.search(client.get("/reset").get_data(as_text=True)).group(1)
    _median_post_seconds(client, "/reset", [{"email": email}, {"email": "warm-up@example.com"}], token)
    known, unknown = [], []
    for i in range(20):  # interleaved, so drift in the machine's load falls on both alike
        known.append(_median_post_seconds(client, "/reset", [{"email": email}], token))
        unknown.append(_median_post_seconds(client, "/reset", [{"email": f"nobody-{i}@example.com"}], token))
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    # Within 20%, or within the spread a loaded machine puts between runs of the same request (each kind's
    # own spread: pooled, two distinct timings would look like spread).
    spread = max(_iqr(known), _iqr(unknown))
    assert _same_time(known_median, unknown_median) or abs(known_median - unknown_median) <= spread, \
        (known_median, unknown_median, spread)
    assert inbox.wait_for(email, count=21).body.count("/reset/") == 1  # the emails did go out


def test_production_sign_up_answers_the_same_for_a_taken_email_and_needs_confirmation(settings, container, inbox):
    app = _production_app(settings, container)
    # The owner of the taken address signed up before (any mode: the account is what matters).
    owner_email = f"owner-{uuid.uuid4().hex[:8]}@example.com"
    Browser(_app(settings, container).test_client()).sign_up(owner_email)

    client = app.test_client()
    token = TOKEN.search(client.get("/signup").get_data(as_text=True)).group(1)
    form = {"display_name": "Shop", "password": PASSWORD}
    answers = {}
    for kind, address in (("taken", owner_email), ("new", f"new-{uuid.uuid4().hex[:8]}@example.com")):
        response = client.post("/signup", data={"csrf_token": token, "email": address, **form},
                               follow_redirects=True)
        answers[kind] = (response.status_code, re.sub(r'value="[^"]*"', "", response.get_data(as_text=True)))
    assert answers["taken"] == answers["new"]
    assert "confirm your email with the link we sent" in answers["new"][1]

    times = {"taken": [], "new": []}
    for _ in range(20):
        times["taken"].append(_median_post_seconds(client, "/signup", [{"email": owner_email, **form}], token))
        times["new"].append(_median_post_seconds(
            client, "/signup", [{"email": f"new-{uuid.uuid4().hex[:8]}@example.com", **form}], token))
    taken_median, new_median = statistics.median(times["taken"]), statistics.median(times["new"])
    assert _same_time(taken_median, new_median), (taken_median, new_median)

    note = inbox.wait_for(owner_email)
    assert "already has one" in note.body and "/signup/confirm/" not in note.body


def test_production_sign_up_is_confirmed_by_the_emailed_link(settings, container, inbox):
    app = _production_app(settings, container)
    browser = Browser(app.test_client())
    email = f"confirm-{uuid.uuid4().hex[:8]}@example.com"
    browser.post("/signup", {"display_name": "Kofi Foods", "email": email, "password": PASSWORD}, page="/signup")
    assert browser.post("/login", {"email": email, "password": PASSWORD}).status_code == 401  # not yet

    token = re.search(r"/signup/confirm/(\S+)", inbox.wait_for(email).body).group(1)
    path = f"/signup/confirm/{token}"
    assert "Confirm and sign in" in browser.get(path).get_data(as_text=True)  # opening the link uses nothing up
    confirmed = browser.post(path, page=path, follow_redirects=True)
    assert "Your email is confirmed" in confirmed.get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 200
    with container.tenant_uow(_user_id(container, email)) as uow:
        assert uow.tenants.profile(_user_id(container, email)).display_name == "Kofi Foods"
    again = Browser(app.test_client()).post(path, page=path)
    assert again.status_code == 400 and "already used" in again.get_data(as_text=True)
    forged = Browser(app.test_client()).post("/signup/confirm/forged", page="/signup")
    assert forged.status_code == 400 and "not valid" in forged.get_data(as_text=True)


def test_production_without_smtp_refuses_resets_and_sign_ups_and_logs_no_link(settings, container, caplog):
    app = _production_app(settings, container, smtp_host=None)
    browser = Browser(app.test_client())
    reset = browser.post("/reset", {"email": "someone@example.com"}, page="/reset")
    assert reset.status_code == 503 and "cannot send email" in reset.get_data(as_text=True)
    sign_up = browser.post("/signup", {"display_name": "Shop", "email": "new@example.com", "password": PASSWORD},
                           page="/signup")
    assert sign_up.status_code == 503 and "cannot send email" in sign_up.get_data(as_text=True)
    assert "SMTP_HOST is not set" in caplog.text and "/reset/" not in caplog.text
    with container.system_uow() as uow:
        assert uow.conn.execute("select count(*) from public.account_email_requests "
                                "where email in ('someone@example.com', 'new@example.com')").fetchone()[0] == 0


def test_a_bogus_api_key_is_no_way_around_csrf(browser, other_browser, container):
    browser.sign_up()
    bogus = {"X-API-KEY": "sbk_made-up-key"}
    # Judged by the key alone: refused as a bad key, never let through on the session's cookie.
    api = browser.client.post("/api/session/start", headers=bogus)
    assert api.status_code == 401 and "not valid" in api.get_json()["message"]
    bearer = browser.client.post("/api/session/start", headers={"Authorization": "Bearer sbk_made-up-key"})
    assert bearer.status_code == 401
    form = browser.client.post("/dashboard/whitelist", data={"phone": "+2348012345678"}, headers=bogus)
    assert form.status_code == 401
    assert "No contacts yet." in browser.get("/dashboard/whitelist").get_data(as_text=True)


def test_a_valid_api_key_alone_decides_the_tenant(browser, other_browser, container):
    owner = browser.sign_up()
    key_holder = other_browser.sign_up()
    key, _ = create_api_key(container.tenant_uow, _user_id(container, key_holder), "ci")
    started = browser.client.post("/api/session/start", headers={"X-API-KEY": key})  # the owner's cookie rides along
    assert started.status_code == 202
    with container.tenant_uow(_user_id(container, key_holder)) as uow:
        assert "session.start_requested" in [row.action for row in uow.audit.recent(5)]
    with container.tenant_uow(_user_id(container, owner)) as uow:
        assert "session.start_requested" not in [row.action for row in uow.audit.recent(5)]
    # A dashboard form with a key: the key skips CSRF, so the cookie must count for nothing.
    page = browser.client.post("/dashboard/whitelist", data={"phone": "+2348012345678"}, headers={"X-API-KEY": key})
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert "No contacts yet." in browser.get("/dashboard/whitelist").get_data(as_text=True)


def test_sprayed_wrong_passwords_do_not_lock_the_owner_out_from_elsewhere(settings, container):
    app = _app(settings, container, login_rate_limit="5 per minute")
    owner = Browser(app.test_client())
    email = owner.sign_up()
    owner.post("/logout", page="/dashboard")
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = f"198.51.100.{uuid.uuid4().int % 250}"
    token = TOKEN.search(attacker.get("/login").get_data(as_text=True)).group(1)
    codes = [attacker.post("/login", data={"csrf_token": token, "email": email, "password": "guess guess"}).status_code
             for _ in range(7)]
    assert codes == [401] * 5 + [429] * 2
    owner.client.environ_base["REMOTE_ADDR"] = f"192.0.2.{uuid.uuid4().int % 250}"
    assert owner.post("/login", {"email": email, "password": PASSWORD}).status_code == 302


def test_sign_up_is_rate_limited_per_address_with_a_clear_message(settings, container):
    app = _app(settings, container, signup_rate_limit="2 per hour")
    browser = Browser(app.test_client())
    browser.client.environ_base["REMOTE_ADDR"] = f"203.0.113.{uuid.uuid4().int % 250}"
    for _ in range(2):
        browser.sign_up()
        browser.post("/logout", page="/dashboard")
    refused = browser.post("/signup", {"display_name": "Shop", "email": "third@example.com", "password": PASSWORD},
                           page="/signup")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Too many sign-ups from here" in html and "2 per 1 hour" in html
    assert 'value="third@example.com"' in html  # what was typed stays


@pytest.mark.parametrize("mode", ["test", "production"])
def test_mail_is_never_written_to_the_log_in_production(settings, mode, caplog):
    mailer = make_mailer(settings.model_copy(update={"env": mode, "smtp_host": None}))
    if mode == "test":
        assert isinstance(mailer, LogMailer)
        return
    with pytest.raises(MailNotConfiguredError):
        mailer.send("owner@example.com", "Reset your Salesboy password", "http://x/reset/secret-token")
    assert "secret-token" not in caplog.text
