"""A WhatsApp session retrying by itself is shown as the failure and the wait, on the page and over REST."""

from __future__ import annotations

from pipelines import session_status
from tests.dashboard.test_model_settings import _api_key
from tests.dashboard.test_pages import _user


def test_a_session_that_cannot_reach_whatsapp_web_says_so_and_when_it_retries(browser, container):
    email = browser.sign_up()
    headers = _api_key(browser)
    with container.system_uow() as uow:
        uow.conn.execute("insert into public.sessions (user_id, status, last_error) values (%s, 'STARTING', %s) "
                         "on conflict (user_id) do update set status = excluded.status, "
                         "last_error = excluded.last_error",
                         [_user(container, email), session_status.retrying(session_status.UNREACHABLE, 16)])
    html = browser.get("/dashboard/sessions").get_data(as_text=True)
    assert "Cannot reach WhatsApp Web; retrying in 16 s." in html
    assert "A QR code appears here in a few seconds" not in html and "Waiting for a QR code" not in html.split(
        'id="link-panel"')[0]
    assert 'id="link-panel" hidden' in " ".join(html.split())
    body = browser.client.get("/api/session", headers=headers).get_json()
    assert body["status"] == "STARTING" and body["status_text"] == "Cannot reach WhatsApp Web"
    assert body["message"].startswith("Cannot reach WhatsApp Web; retrying in 16 s.") and "QR" not in body["message"]
    assert body["last_error"].endswith("tries again by itself in 16 s.") and "Start WhatsApp" not in body["last_error"]
    assert "Start WhatsApp" not in html.split('id="session-error"')[1].split("</p>")[0]
