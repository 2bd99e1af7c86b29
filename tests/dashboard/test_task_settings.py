"""The task settings page: what the n8n workflows use, set by the owner in the dashboard."""

from __future__ import annotations

import html

from services.usecases import bot_settings
from tests.dashboard.test_model_settings import _user

PAGE = "/dashboard/settings/tasks"
FORM = {"owner_email": "owner@shop.test", "sender_email": "", "sender_name": "Ada's Shop",
        "order_url": "http://127.0.0.1:9/orders", "calendar_mode": "ics", "calendar_id": "primary",
        "booking_minutes": "45", "email_subject": "Our price list", "email_text": "Hello,\nHere it is.",
        "email_link": "https://shop.example.com/prices", "email_document_id": ""}


def _task_settings(container, email):
    return bot_settings.current(container.bot_config, _user(container, email)).task_settings


def test_the_owner_sets_what_the_workflows_use(browser, container):
    email = browser.sign_up()
    shown = browser.get(PAGE)
    assert shown.status_code == 200 and 'name="order_url"' in shown.get_data(as_text=True)
    saved = browser.post(PAGE, FORM, page=PAGE, follow_redirects=True)
    assert "Task settings saved." in saved.get_data(as_text=True)
    stored = _task_settings(container, email)
    assert stored.owner_email == "owner@shop.test" and stored.sender_email is None
    assert str(stored.order_url) == "http://127.0.0.1:9/orders" and stored.booking_minutes == 45
    assert stored.email_text == "Hello,\nHere it is." and stored.email_document_id is None
    again = browser.get(PAGE).get_data(as_text=True)
    assert 'value="http://127.0.0.1:9/orders"' in again and 'value="45"' in again


def test_bad_values_are_shown_under_their_fields_and_nothing_changes(browser, container):
    email = browser.sign_up()
    before = _task_settings(container, email)
    bad = {**FORM, "owner_email": "not an email", "booking_minutes": "2", "order_url": "orders please",
           "sender_name": '<b>"Ada"</b>'}
    answer = browser.post(PAGE, bad, page=PAGE)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 400
    for name in ("owner_email", "booking_minutes", "order_url", "sender_name"):
        assert f'id="e-{name}"' in text, name
    assert 'value="not an email"' in text  # what was typed is kept
    assert "<b>" not in html.unescape(text.split('id="f-sender_name"')[0][-10:])
    assert _task_settings(container, email) == before


def test_an_internal_order_address_is_refused(browser, container):
    email = browser.sign_up()
    answer = browser.post(PAGE, {**FORM, "order_url": "http://169.254.169.254/latest/meta-data/"}, page=PAGE)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 400 and 'id="e-order_url"' in text and "not allowed" in text.lower()
    assert _task_settings(container, email).order_url is None


def test_a_ready_document_can_be_attached(browser, container):
    email = browser.sign_up()
    user = _user(container, email)
    document = container.kb.upload(user, "prices.txt", b"Rice 10,000 naira a bag.")
    with container.system_uow() as uow:
        uow.conn.execute("update public.knowledge_base set status = 'ready' where id = %s", [document.id])
    page = browser.get(PAGE).get_data(as_text=True)
    assert f'value="{document.id}"' in page and "prices.txt" in page
    browser.post(PAGE, {**FORM, "email_document_id": str(document.id)}, page=PAGE)
    assert _task_settings(container, email).email_document_id == document.id
    wrong = browser.post(PAGE, {**FORM, "email_document_id": "not-a-document"}, page=PAGE)
    assert wrong.status_code == 400 and 'id="e-email_document_id"' in wrong.get_data(as_text=True)
