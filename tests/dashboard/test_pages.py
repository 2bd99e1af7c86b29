"""Dashboard pages: each renders for a new account, changes what it says, refuses bad input, keeps tenants apart."""

from __future__ import annotations

import uuid
from html.parser import HTMLParser

import pytest

from schemas.bot import BotSettings
from services.repositories.audience import AudienceRepository
from services.repositories.bot_config import BotConfigRepository
from services.usecases import tasks

PAGES = ["/dashboard", "/dashboard/sessions", "/dashboard/kb", "/dashboard/groups", "/dashboard/whitelist",
         "/dashboard/logs", "/dashboard/logs?tab=audit", "/dashboard/logs?tab=tasks", "/dashboard/settings/bot",
         "/dashboard/settings/intents", "/dashboard/playground", "/account/password", "/account"]


def _user(container, email: str) -> uuid.UUID:
    with container.system_uow() as uow:
        return uow.users.find_by_email(email).id


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_a_strict_content_security_policy(browser, path):
    browser.sign_up()
    response = browser.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:3000]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert 'aria-current="page"' in response.get_data(as_text=True) or path.startswith("/account")


def test_stylesheet_is_served_locally(browser):
    css = browser.get("/assets/vendor/pico.min.css")
    assert css.status_code == 200 and b"--pico" in css.data
    assert browser.get("/assets/vendor/../../package.json").status_code == 404


def test_whitelist_add_import_search_remove(browser, container):
    email = browser.sign_up()
    bad = browser.post("/dashboard/whitelist", {"phone": "08012345678", "name": "Ama"}, page="/dashboard/whitelist")
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "Start with + and the country code" in html and 'value="08012345678"' in html and 'value="Ama"' in html
    assert browser.post("/dashboard/whitelist", {"phone": "+234 801 234 5678", "name": "Ama"},
                        page="/dashboard/whitelist").status_code == 302
    report = browser.post("/dashboard/whitelist/import", {
        "lines": "phone,name\n+2348012345678,Ama again\n+14155550123,Bob\nnot a number,Eve\n+999123,Zed\n"},
        page="/dashboard/whitelist")
    html = report.get_data(as_text=True)
    assert "1 added, 1 already listed, 2 not valid" in html
    assert "This is not a phone number" in html and "Start with + and the country code" in html
    found = browser.get("/dashboard/whitelist?q=bob").get_data(as_text=True).split('id="contacts"')[1]
    assert "+14155550123" in found and "+2348012345678" not in found
    with container.tenant_uow(_user(container, email)) as uow:
        contacts = AudienceRepository(uow.conn).whitelist()
    assert sorted(c.phone for c in contacts) == ["+14155550123", "+2348012345678"]
    bob = next(c for c in contacts if c.phone == "+14155550123")
    assert browser.post(f"/dashboard/whitelist/{bob.id}/delete", page="/dashboard/whitelist").status_code == 302
    assert "+14155550123" not in browser.get("/dashboard/whitelist").get_data(as_text=True).split('id="contacts"')[1]
    browser.post("/dashboard/whitelist/mode", {"enabled": "on"}, page="/dashboard/whitelist")
    with container.tenant_uow(_user(container, email)) as uow:
        assert BotConfigRepository(uow.conn).stored()["whitelist_enabled"] is True


def test_markup_in_names_prompts_and_messages_is_shown_as_text(browser, container):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    email = browser.sign_up(name=payload)
    browser.post("/dashboard/whitelist", {"phone": "+2348012345670", "name": payload}, page="/dashboard/whitelist")
    page = browser.get("/dashboard/whitelist").get_data(as_text=True)
    assert payload not in page and "&lt;script&gt;alert(" in page
    user_id = _user(container, email)
    sealed = container.keyring.seal(payload, tenant=user_id, chat="2348012345670@c.us")
    with container.tenant_uow(user_id) as uow:
        uow.chat_logs.log(user_id=user_id, chat_id="2348012345670@c.us", direction="inbound", body=sealed,
                          inbox_id=None, outcome="ignored", reason=payload, intent=None, trace={})
    logs = browser.get("/dashboard/logs").get_data(as_text=True)
    assert payload not in logs and "&lt;script&gt;" in logs
    thread = browser.get("/dashboard/logs/chats/2348012345670@c.us").get_data(as_text=True)
    assert payload not in thread and thread.count("&lt;script&gt;") >= 2


def test_bot_settings_are_validated_and_saved(browser, container):
    email = browser.sign_up()
    form = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    assert "Sorry, I don" in form
    bad = browser.post("/dashboard/settings/bot", {
        "enabled": "on", "system_prompt": "You are Kofi's assistant.", "temperature": "7", "max_reply_chars": "800",
        "language": "en", "tone": "friendly", "dont_know_reply": "Ask Kofi.", "owner_pause_minutes": "30",
        "debounce_seconds": "4", "min_relevance": "0.3", "history_turns": "6", "models": "bad model name!",
        "n8n_urls": "send_email = not-a-url", "intent_examples": "Nonsense: hi"}, page="/dashboard/settings/bot")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Use a number no bigger than 2." in html and "You are Kofi&#39;s assistant." in html
    assert html.count('aria-invalid="true"') >= 3
    # Every problem at once, at the top, in the owner's words.
    summary = html.split('id="form-problems"')[1].split("</div>")[0]
    assert "Please fix these" in summary and "Temperature" in summary and "Models" in summary
    assert "Input should" not in html and "String should" not in html
    good = browser.post("/dashboard/settings/bot", {
        "enabled": "on", "system_prompt": "You are Kofi's assistant.", "temperature": "0.4", "max_reply_chars": "800",
        "language": "en", "tone": "formal", "dont_know_reply": "Ask Kofi.", "owner_pause_minutes": "15",
        "debounce_seconds": "2", "min_relevance": "0.3", "history_turns": "4", "business_name": "Kofi Foods",
        "business_hours": "Mon-Fri 8-17", "models": "operator/house\nopenai/gpt-4o-mini | http://127.0.0.1:9/v1",
        "allowed_task_types": "send_email, create_order", "n8n_urls": "send_email = https://93.184.215.14/webhook/mail",
        "intent_examples": "Task:create_order: I need five crates\nHumanHandoff: get me Kofi",
        "owner_notify_phone": "+2348012345679"}, page="/dashboard/settings/bot")
    assert good.status_code == 302
    with container.tenant_uow(_user(container, email)) as uow:
        config = BotConfigRepository(uow.conn).stored()
    assert config["system_prompt"] == "You are Kofi's assistant." and config["tone"] == "formal"
    assert config["models"] == [{"model": "operator/house"},
                                {"model": "openai/gpt-4o-mini", "api_base": "http://127.0.0.1:9/v1"}]
    assert config["allowed_task_types"] == ["send_email", "create_order"]
    assert config["intent_examples"] == {"Task:create_order": ["I need five crates"], "HumanHandoff": ["get me Kofi"]}
    assert config["business"]["name"] == "Kofi Foods" and config["handoff_when_unknown"] is False
    shown = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    assert "operator/house\nopenai/gpt-4o-mini | http://127.0.0.1:9/v1" in shown


class Forms(HTMLParser):
    """Each form on a page: its action and fields, with every name attribute a field carries (duplicates kept)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.forms.append({"action": dict(attrs).get("action", ""), "fields": []})
        elif tag in ("input", "textarea", "select") and self.forms:
            self.forms[-1]["fields"].append({"names": [v for k, v in attrs if k == "name"], "attrs": attrs})


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


@pytest.mark.parametrize("path", PAGES)
def test_every_form_field_carries_one_name(browser, path):
    browser.sign_up()
    for form in forms_of(browser.get(path).get_data(as_text=True)):
        for field in form["fields"]:
            assert len(field["names"]) <= 1, f"{path} {form['action']}: {field['attrs']}"


def test_an_api_key_is_created_with_the_form_the_page_shows(browser):
    browser.sign_up()
    page = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    form = next(f for f in forms_of(page) if f["action"].endswith("/dashboard/settings/api-keys"))
    typed = next(f for f in form["fields"] if dict(f["attrs"]).get("type") == "text")
    data = {f["names"][0]: dict(f["attrs"]).get("value", "") for f in form["fields"] if f["names"]}
    data[typed["names"][0]] = "shop site"
    created = browser.client.post(form["action"], data=data)
    html = created.get_data(as_text=True)
    assert created.status_code == 200, html[:2000]
    assert 'id="new-api-key">sbk_' in html and "shop site" in html


def test_saving_the_settings_form_as_shown_changes_nothing(browser, container):
    email = browser.sign_up()
    page = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    form = next(f for f in forms_of(page) if f["action"].endswith("/dashboard/settings/bot"))
    data = {}
    for field in form["fields"]:
        attrs = dict(field["attrs"])
        if field["names"] and (attrs.get("type") != "checkbox" or "checked" in attrs):
            data[field["names"][0]] = attrs.get("value", "")
    data["system_prompt"] = ""
    data["dont_know_reply"] = "Sorry, I don't have that information."
    saved = browser.client.post(form["action"], data=data)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    with container.tenant_uow(_user(container, email)) as uow:
        assert BotConfigRepository(uow.conn).stored()["enabled"] is True


def test_api_keys_are_shown_once_and_can_be_revoked(browser):
    browser.sign_up()
    empty = browser.post("/dashboard/settings/api-keys", {"name": ""}, page="/dashboard/settings/bot")
    assert empty.status_code == 400
    created = browser.post("/dashboard/settings/api-keys", {"name": "shop site"}, page="/dashboard/settings/bot")
    key = created.get_data(as_text=True).split('id="new-api-key">')[1].split("<")[0]
    assert key.startswith("sbk_")
    assert browser.client.get("/api/kb", headers={"X-API-KEY": key}).status_code == 200
    assert key not in browser.get("/dashboard/settings/bot").get_data(as_text=True)
    page = browser.get("/dashboard/settings/bot").get_data(as_text=True)
    key_id = page.split("/dashboard/settings/api-keys/")[1].split("/revoke")[0]
    revoked = browser.post(f"/dashboard/settings/api-keys/{key_id}/revoke", page="/dashboard/settings/bot")
    assert revoked.status_code == 302
    assert browser.client.get("/api/kb", headers={"X-API-KEY": key}).status_code == 401


def test_groups_can_be_switched_on(browser, container):
    email = browser.sign_up()
    user_id = _user(container, email)
    with container.tenant_uow(user_id) as uow:
        AudienceRepository(uow.conn).remember_groups(user_id, [("12036302@g.us", "Wholesale buyers")])
    assert "Wholesale buyers" in browser.get("/dashboard/groups").get_data(as_text=True)
    browser.post("/dashboard/groups/12036302@g.us", {"auto_reply": "on"}, page="/dashboard/groups")
    with container.tenant_uow(user_id) as uow:
        group = AudienceRepository(uow.conn).groups()[0]
    assert group.auto_reply is True and group.mention_only is False
    refresh = browser.post("/dashboard/groups/refresh", page="/dashboard/groups", follow_redirects=True)
    assert "WhatsApp is not running" in refresh.get_data(as_text=True)


def test_another_tenants_ids_are_not_found(browser, other_browser, container):
    email = browser.sign_up()
    owner = _user(container, email)
    with container.tenant_uow(owner) as uow:
        AudienceRepository(uow.conn).add_contacts(owner, [("+2348012345671", "Private")])
        contact_id = AudienceRepository(uow.conn).whitelist()[0].id
        AudienceRepository(uow.conn).remember_groups(owner, [("99999@g.us", "Private group")])
    other_browser.sign_up()
    assert other_browser.post(f"/dashboard/whitelist/{contact_id}/delete",
                              page="/dashboard/whitelist").status_code == 404
    assert other_browser.post("/dashboard/groups/99999@g.us", {"auto_reply": "on"},
                              page="/dashboard/groups").status_code == 404
    assert other_browser.get(f"/dashboard/kb/{uuid.uuid4()}").status_code == 404
    assert other_browser.get(f"/dashboard/logs/messages/{uuid.uuid4()}").status_code == 404
    assert other_browser.get("/dashboard/logs/messages/not-an-id").status_code == 404
    assert "Private" not in other_browser.get("/dashboard/whitelist").get_data(as_text=True)
    with container.tenant_uow(owner) as uow:
        assert len(AudienceRepository(uow.conn).whitelist()) == 1
        assert AudienceRepository(uow.conn).groups()[0].auto_reply is False


def test_logs_filter_by_date_and_show_readable_errors(browser):
    browser.sign_up()
    bad = browser.get("/dashboard/logs?since=yesterday")
    assert bad.status_code == 400 and "use a date like" in bad.get_data(as_text=True)
    assert browser.get("/dashboard/logs?since=2026-01-01&until=2026-01-02&outcome=answered").status_code == 200


def test_bot_settings_through_the_rest_api_use_the_same_schema(browser):
    browser.sign_up()
    created = browser.post("/dashboard/settings/api-keys", {"name": "api"}, page="/dashboard/settings/bot")
    key = created.get_data(as_text=True).split('id="new-api-key">')[1].split("<")[0]
    headers = {"X-API-KEY": key}
    assert browser.client.get("/api/bot", headers=headers).get_json()["temperature"] == pytest.approx(0.2)
    bad = browser.client.patch("/api/bot", json={"temperature": 5, "surprise": 1}, headers=headers)
    assert bad.status_code == 422
    assert {f["field"] for f in bad.get_json()["fields"]} == {"temperature", "surprise"}
    assert browser.client.patch("/api/bot", data="nope", headers=headers).status_code == 400
    ok = browser.client.patch("/api/bot", json={"tone": "formal", "models": ["openai/gpt-4o-mini"]}, headers=headers)
    assert ok.status_code == 200 and ok.get_json()["models"] == [{"model": "openai/gpt-4o-mini", "api_base": None}]
    assert 'value="formal"' in browser.get("/dashboard/settings/bot").get_data(as_text=True)


def test_a_bot_settings_patch_merges_nested_objects_field_by_field(browser):
    browser.sign_up()
    created = browser.post("/dashboard/settings/api-keys", {"name": "api"}, page="/dashboard/settings/bot")
    headers = {"X-API-KEY": created.get_data(as_text=True).split('id="new-api-key">')[1].split("<")[0]}
    first = {"business": {"name": "Crumbs", "hours": "9-5", "phone": "+15550001"},
             "n8n_urls": {"send_email": "http://127.0.0.1:9/mail", "book_calendar": "http://127.0.0.1:9/cal"},
             "intent_examples": {"Response": ["what do you sell?"], "HumanHandoff": ["a person please"]},
             "task_settings": {"sender_name": "Crumbs", "booking_minutes": 45}}
    assert browser.client.patch("/api/bot", json=first, headers=headers).status_code == 200
    later = browser.client.patch("/api/bot", headers=headers, json={
        "business": {"about": "We bake."}, "n8n_urls": {"book_calendar": None},
        "intent_examples": {"Response": ["do you deliver?"]}, "task_settings": {"booking_minutes": 60}})
    assert later.status_code == 200, later.get_json()
    saved = browser.client.get("/api/bot", headers=headers).get_json()
    assert saved["business"] == {"name": "Crumbs", "hours": "9-5", "phone": "+15550001", "about": "We bake.",
                                 "address": "", "website": ""}
    assert saved["n8n_urls"] == {"send_email": "http://127.0.0.1:9/mail"}  # null removed only that one
    assert saved["intent_examples"] == {"Response": ["do you deliver?"], "HumanHandoff": ["a person please"]}
    assert saved["task_settings"]["sender_name"] == "Crumbs" and saved["task_settings"]["booking_minutes"] == 60
    # The dashboard's form, posted without the business fields (a page from before they existed), keeps them.
    form = {"enabled": "on", "temperature": "0.2", "max_reply_chars": "800", "language": "en", "tone": "friendly",
            "dont_know_reply": "Ask us.", "owner_pause_minutes": "30", "debounce_seconds": "4",
            "min_relevance": "0.3", "history_turns": "6"}
    assert browser.post("/dashboard/settings/bot", form, page="/dashboard/settings/bot").status_code == 302
    after_form = browser.client.get("/api/bot", headers=headers).get_json()
    assert after_form["business"] == saved["business"] and after_form["n8n_urls"] == saved["n8n_urls"]
    assert after_form["intent_examples"] == saved["intent_examples"] and after_form["max_reply_chars"] == 800


def test_a_chat_waiting_for_a_person_is_handed_back_to_the_bot(browser, container):
    user = _user(container, browser.sign_up())
    chat = "2348070000001@c.us"
    with container.tenant_uow(user) as uow:
        uow.chats.chat_rules(user, chat, phone="+2348070000001", lid=None, is_group=False, inbound_at=None)
        uow.chats.start_handoff(user, chat)
    assert "Hand back to the bot" in browser.get("/dashboard/logs").get_data(as_text=True)
    assert browser.post(f"/dashboard/logs/chats/{chat}/release", page="/dashboard/logs").status_code == 302
    again = browser.post(f"/dashboard/logs/chats/{chat}/release", page="/dashboard/logs")
    assert again.status_code == 404 and "waits for a person" in again.get_data(as_text=True)
    with container.tenant_uow(user) as uow:
        audited = uow.conn.execute("select detail from public.audit_logs where user_id = %s "
                                   "and action = 'chat.handoff_released'", [user]).fetchall()
    assert audited == [({"chat_id": chat, "via": "dashboard"},)]


def test_owner_alerts_show_as_a_banner_until_dismissed(browser, container):
    user_id = _user(container, browser.sign_up())
    rules = tasks.TaskRules(keyring=container.keyring, n8n_base_url=None, email_alerts=False)
    with container.tenant_uow(user_id) as uow:
        tasks.alert_owner(uow, rules, user_id=user_id, settings=BotSettings(), key="test:1", kind="task_failed",
                          title="Follow up with <b>2348011</b>: an order could not be completed",
                          detail="Reason: n8n answered 503", task_id=None, chat_id=None, trace_id="0" * 32)
        again = tasks.alert_owner(uow, rules, user_id=user_id, settings=BotSettings(), key="test:1",
                                  kind="task_failed", title="dup", detail="", task_id=None, chat_id=None,
                                  trace_id="0" * 32)
        (alert,) = uow.alerts.open()
    assert again is None
    page = browser.get("/dashboard/logs").get_data(as_text=True)
    assert 'class="owner-alerts"' in page and "&lt;b&gt;2348011&lt;/b&gt;" in page and "n8n answered 503" in page
    dismissed = browser.post(f"/dashboard/alerts/{alert.id}/dismiss", page="/dashboard/logs",
                             headers={"Referer": "http://localhost/dashboard/logs"})
    assert dismissed.status_code == 302 and dismissed.headers["Location"].endswith("/dashboard/logs")
    assert 'class="owner-alerts"' not in browser.get("/dashboard").get_data(as_text=True)
    assert browser.post(f"/dashboard/alerts/{alert.id}/dismiss", page="/dashboard").status_code == 404
