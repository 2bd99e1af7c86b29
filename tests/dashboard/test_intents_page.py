"""The business's own intents in the dashboard: add, edit, delete, clear problems, names escaped."""

from __future__ import annotations

from services.usecases import bot_settings
from tests.dashboard.test_model_settings import _api_key
from tests.dashboard.test_pages import _user

PAGE = "/dashboard/settings/intents"


def _intents(container, email):
    return bot_settings.current(container.bot_config, _user(container, email)).intents


def test_intents_are_added_edited_and_deleted_with_names_escaped(browser, container):
    email = browser.sign_up()
    assert "No intents of your own yet" in browser.get(PAGE).get_data(as_text=True)
    added = browser.post(PAGE, {"key": "opening_hours", "name": "Öffnungszeiten <script>alert(1)</script>",
                                "kind": "answer", "examples": "wann habt ihr offen?\n\nare you open on sunday?\n",
                                "reply": "Mo-Sa 9-18 Uhr"}, page=PAGE)
    assert added.status_code == 302
    (saved,) = _intents(container, email)
    assert saved.examples == ["wann habt ihr offen?", "are you open on sunday?"] and saved.kind == "answer"
    html = browser.get(PAGE).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "Öffnungszeiten &lt;script&gt;" in html
    form = browser.get(f"{PAGE}/opening_hours").get_data(as_text=True)
    assert 'name="original_key"' in form and "wann habt ihr offen?" in form
    assert browser.post(PAGE, {"original_key": "opening_hours", "key": "repair_quote", "name": "Quote",
                               "kind": "task", "examples": "quote my repair"}, page=PAGE).status_code == 302
    (edited,) = _intents(container, email)
    assert (edited.key, edited.kind) == ("repair_quote", "task")
    assert browser.post(f"{PAGE}/repair_quote/delete", page=PAGE).status_code == 302
    assert _intents(container, email) == []
    assert browser.post(f"{PAGE}/repair_quote/delete", page=PAGE).status_code == 404


def test_bad_intents_are_refused_with_the_owners_words(browser, container):
    email = browser.sign_up()
    bad_key = browser.post(PAGE, {"key": "Opening Hours", "kind": "answer", "examples": "open?"}, page=PAGE)
    html = bad_key.get_data(as_text=True)
    assert bad_key.status_code == 400 and 'aria-invalid="true"' in html and "String should" not in html
    assert 'value="Opening Hours"' in html and "like opening_hours" in html
    no_examples = browser.post(PAGE, {"key": "hours", "kind": "answer", "examples": ""}, page=PAGE)
    assert no_examples.status_code == 400
    reply_on_task = browser.post(PAGE, {"key": "quote", "kind": "task", "examples": "x", "reply": "hi"}, page=PAGE)
    assert reply_on_task.status_code == 400 and "Only an intent of kind answer" in reply_on_task.get_data(as_text=True)
    assert browser.post(PAGE, {"key": "hours", "kind": "answer", "examples": "open?"}, page=PAGE).status_code == 302
    twice = browser.post(PAGE, {"key": "hours", "kind": "answer", "examples": "closed?"}, page=PAGE)
    assert twice.status_code == 400 and "two intents have the key" in twice.get_data(as_text=True).lower()
    too_long = browser.post(PAGE, {"key": "long", "kind": "answer", "examples": "x" * 1001}, page=PAGE)
    assert too_long.status_code == 400 and "Line 1" in too_long.get_data(as_text=True)
    assert [i.key for i in _intents(container, email)] == ["hours"]


def test_intents_through_the_rest_api(browser, container):
    email = browser.sign_up()
    headers = _api_key(browser)
    hours = {"name": "Horaires", "kind": "answer", "examples": ["vous êtes ouverts dimanche ?"],
             "reply": "Fermé le dimanche."}
    put = browser.client.put("/api/bot/intents/opening_hours", headers=headers, json=hours)
    assert put.status_code == 200 and put.get_json()["key"] == "opening_hours"
    listed = browser.client.get("/api/v1/bot/intents", headers=headers).get_json()["intents"]
    assert [i["name"] for i in listed] == ["Horaires"]
    replaced = browser.client.put("/api/bot/intents/opening_hours", headers=headers,
                                  json={**hours, "examples": ["open on sunday?"]})
    assert replaced.get_json()["examples"] == ["open on sunday?"]
    bad = browser.client.put("/api/bot/intents/Bad-Key", headers=headers, json=hours)
    assert bad.status_code == 422 and bad.get_json()["fields"] == [
        {"field": "key",
         "problem": "Use lower case letters, digits and _, starting with a letter, like opening_hours."}]
    assert browser.client.put("/api/bot/intents/x", headers=headers,
                              json={**hours, "key": "y"}).status_code == 422
    assert browser.client.put("/api/bot/intents/x", headers=headers, json={"kind": "sometimes",
                                                                          "examples": ["a"]}).status_code == 422
    # PATCH /api/bot takes the whole list: duplicate keys and too many intents are refused.
    twice = browser.client.patch("/api/bot", headers=headers, json={"intents": [
        {"key": "a", "examples": ["x"]}, {"key": "a", "examples": ["y"]}]})
    assert twice.status_code == 422 and "two intents have the key" in str(twice.get_json())
    many = browser.client.patch("/api/bot", headers=headers, json={"intents": [
        {"key": f"k{n}", "examples": ["x"]} for n in range(501)]})
    assert many.status_code == 422
    whole = browser.client.patch("/api/bot", headers=headers, json={"intents": [
        {"key": "refund", "kind": "handoff", "examples": ["I want my money back"]}]})
    assert whole.status_code == 200 and whole.get_json()["intents"][0]["kind"] == "handoff"
    assert [i.key for i in _intents(container, email)] == ["refund"]
    assert browser.client.delete("/api/bot/intents/refund", headers=headers).status_code == 204
    assert browser.client.delete("/api/bot/intents/refund", headers=headers).status_code == 404
    assert _intents(container, email) == []


def test_rest_refusals_name_the_field_sent_and_say_what_is_wanted_without_a_pattern(browser):
    browser.sign_up()
    headers = _api_key(browser)
    for n in range(5):  # the refused intent is not the first: its place among the others is no field name
        assert browser.client.put(f"/api/bot/intents/i{n}", headers=headers,
                                  json={"examples": [f"question {n}"]}).status_code == 200
    empty = browser.client.put("/api/bot/intents/hours", headers=headers, json={"examples": []})
    assert empty.status_code == 422 and [f["field"] for f in empty.get_json()["fields"]] == ["examples"]
    email = browser.client.patch("/api/bot", headers=headers, json={"task_settings": {"owner_email": "kofi at shop"}})
    assert email.status_code == 422 and email.get_json()["fields"] == [
        {"field": "task_settings.owner_email", "problem": "Enter an email address like name@example.com."}]
