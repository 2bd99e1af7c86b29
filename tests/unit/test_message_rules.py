import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from pipelines.answers import (
    Passage,
    ReplyStyle,
    Turn,
    compose_prompt,
    declines,
    question_with_context,
    split_reply,
    truncate,
)
from pipelines.filters import ChatRules, decide, superseded
from pipelines.intent import extract_payload, intent_instructions, parse_llm_answer, parse_llm_intent, repair_message
from schemas.messages import InboundMessage, IntentResult

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def message(**overrides):
    values = {"tenant": uuid.uuid4(), "provider_message_id": "wamid.1", "chat_id": "2348012345678@c.us",
              "sender_phone": "+2348012345678", "text": "How much is delivery?", "timestamp": NOW}
    return InboundMessage(**{**values, **overrides})


def rules(**overrides):
    values = {"bot_enabled": True, "whitelist_enabled": False, "whitelisted": False, "group_auto_reply": False,
              "group_mention_only": True, "handoff_active": False, "paused_until": None, "owner_pause_minutes": 30}
    return ChatRules(**{**values, **overrides})


@pytest.mark.parametrize(("msg", "chat", "answer", "reason"), [
    ({}, {}, True, "answer"),
    ({"from_me": True}, {}, False, "sent by the owner"),
    ({"chat_id": "status@broadcast"}, {}, False, "status or broadcast"),
    ({}, {"bot_enabled": False}, False, "switched off"),
    ({"chat_id": "1203630@g.us", "is_group": True}, {}, False, "auto-reply is off"),
    ({"chat_id": "1203630@g.us", "is_group": True}, {"group_auto_reply": True}, False, "not mentioned"),
    ({"chat_id": "1203630@g.us", "is_group": True, "mentions_me": True}, {"group_auto_reply": True}, True, "answer"),
    ({"chat_id": "1203630@g.us", "is_group": True}, {"group_auto_reply": True, "group_mention_only": False},
     True, "answer"),
    ({}, {"whitelist_enabled": True}, False, "not on the whitelist"),
    ({}, {"whitelist_enabled": True, "whitelisted": True}, True, "answer"),
    ({}, {"handoff_active": True}, False, "a person is handling"),
    ({}, {"paused_until": NOW + timedelta(minutes=5)}, False, "paused"),
    ({}, {"paused_until": NOW - timedelta(minutes=5)}, True, "answer"),
    ({"text": "", "media_ref": "media/x.jpg"}, {}, False, "media only"),
])
def test_decisions(msg, chat, answer, reason):
    decision = decide(message(**msg), rules(**chat), NOW)
    assert decision.answer is answer and reason in decision.reason


def test_the_owner_typing_pauses_the_chat():
    decision = decide(message(from_me=True), rules(owner_pause_minutes=45), NOW)
    assert decision.pause_chat_until == NOW + timedelta(minutes=45)
    assert decide(message(from_me=True), rules(owner_pause_minutes=0), NOW).pause_chat_until is None


def test_bursts_are_answered_once():
    assert superseded(NOW, [NOW + timedelta(seconds=2)], 4)
    assert not superseded(NOW, [NOW + timedelta(seconds=10)], 4)
    assert not superseded(NOW, [], 4)


@pytest.mark.parametrize("bad", [
    {"chat_id": "not-a-chat"}, {"sender_phone": "0801234"}, {"sender_lid": "abc"}, {"text": "", "media_ref": None},
    {"timestamp": datetime(2026, 1, 1)}, {"text": "x" * 5000}, {"extra": 1},
])
def test_inbound_payloads_are_validated(bad):
    with pytest.raises(ValidationError):
        message(**bad)


def test_payload_extraction():
    payload = extract_payload("Please send 3 bags of rice to ada@example.com, call +234 801 234 5678 "
                              "tomorrow at 3pm or on 2026-12-01 14:30; also two boxes of soap")
    assert payload["emails"] == ["ada@example.com"]
    assert payload["phones"] == ["+2348012345678"]
    assert "tomorrow" in [d.lower() for d in payload["dates"]] and "2026-12-01" in payload["dates"]
    assert "3pm" in payload["times"] and "14:30" in payload["times"]
    assert {"quantity": 3, "unit": "bags"} in payload["quantities"]
    assert {"quantity": 2, "unit": "boxes"} in payload["quantities"]
    assert extract_payload("hello there") == {}


def test_llm_verdicts_are_parsed_strictly_with_readable_errors():
    good = parse_llm_intent('```json\n{"intent": "Task", "confidence": 1, "task_type": "send_email", '
                            '"payload": {"emails": ["a@b.co"]}, "raw_analysis": "wants the catalogue"}\n```',
                            ["send_email"])
    assert good == IntentResult(intent="Task", confidence=1.0, task_type="send_email",
                                payload={"emails": ["a@b.co"]}, raw_analysis="wants the catalogue",
                                label="Task:send_email")
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_llm_intent("Sure! The intent is Response.", [])
    with pytest.raises(ValueError, match="one JSON object"):
        parse_llm_intent("[1, 2]", [])
    with pytest.raises(ValueError, match="intent"):
        parse_llm_intent('{"intent": "Chat", "confidence": 0.5}', [])
    with pytest.raises(ValueError, match="task_type"):
        parse_llm_intent('{"intent": "Task", "confidence": 0.5}', ["send_email"])
    downgraded = parse_llm_intent('{"intent": "Task", "confidence": 0.8, "task_type": "wire_money"}', ["send_email"])
    assert downgraded.intent == "Response"
    assert "could not be used: boom" in repair_message("boom")


def test_one_call_answers_carry_the_verdict_and_the_reply():
    verdict, reply, answered = parse_llm_answer('{"intent": "Response", "confidence": 0.9, "raw_analysis": "asks", '
                                                '"reply": " We deliver on Mondays. "}', [])
    assert verdict.label == "Response" and reply == "We deliver on Mondays." and answered is True
    task, reply, _ = parse_llm_answer('{"intent": "Task", "confidence": 0.9, "task_type": "send_email"}',
                                      ["send_email"])
    assert task.label == "Task:send_email" and reply == ""
    declined = parse_llm_answer('{"intent": "Response", "confidence": 0.9, "reply": "No idea, sorry!", '
                                '"answered": false}', [])
    assert declined.answered is False and declined.reply == "No idea, sorry!"
    for loose in ('"false"', "0"):
        with pytest.raises(ValueError, match="answered: true or false"):
            parse_llm_answer('{"intent": "Response", "confidence": 0.9, "reply": "hi", "answered": ' + loose + "}", [])
    assert parse_llm_answer('{"intent": "Response", "confidence": 0.9, "reply": "hi", "answered": null}', []).answered
    # a task's or a hand-off's verdict is acted on whatever the flag says: never a repair for it, never an abstention
    handoff = parse_llm_answer('{"intent": "HumanHandoff", "confidence": 0.9, "answered": "n/a"}', [])
    assert handoff.verdict.label == "HumanHandoff" and handoff.answered is True
    for missing in ('{"intent": "Response", "confidence": 0.9}', '{"intent": "Response", "confidence": 0.9, '
                    '"reply": "  "}', '{"intent": "Response", "confidence": 0.9, "reply": 3}'):
        with pytest.raises(ValueError, match="reply: the message to send is required"):
            parse_llm_answer(missing, [])
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_llm_answer("We deliver on Mondays.", [])
    with pytest.raises(ValueError, match="the JSON does not match the schema"):
        parse_llm_answer('{"intent": "Response", "confidence": 0.9, "reply": "hi", "mood": "good"}', [])
    assert "reply (" in intent_instructions([], with_reply=True) and "reply" not in intent_instructions([])
    assert "answered (" in intent_instructions([], with_reply=True) and "answered" not in intent_instructions([])


def test_follow_up_questions_fold_in_the_previous_one():
    history = [Turn("customer", "Do you sell the Barista Pro?"), Turn("business", "Yes.")]
    assert question_with_context("in red?", history) == "Do you sell the Barista Pro?\nin red?"
    long_question = "What is the warranty on the Barista Pro espresso machine please?"
    assert question_with_context(long_question, history) == long_question


def test_prompt_carries_rules_facts_context_and_history():
    messages = compose_prompt(system_prompt="You are Ada from Acme.", business={"name": "Acme", "hours": ""},
                              passages=[Passage("Delivery is free above 50k.", 0.8, "faq")],
                              history=[Turn("customer", "hi"), Turn("business", "Hello!")], question="Delivery?",
                              style=ReplyStyle(max_chars=300, language="French", tone="formal"),
                              dont_know="Let me check.")
    system = messages[0]["content"]
    assert system.startswith("You are Ada from Acme.") and "[1] Delivery is free above 50k." in system
    assert "- name: Acme" in system and "hours" not in system and "French" in system and "300" in system
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]


@pytest.mark.parametrize(("reply", "declined"), [
    ("Sorry, I don't know that yet.", True),
    ("\u201csorry i don\u2019t know that yet\u201d", True),  # typographic quotes and apostrophe
    ("  SORRY, I DON'T KNOW THAT YET!  ", True),
    ("\"Sorry, I don't know that yet.\"", True),
    ("Sorry, I don't know that yet. But our shop opens at 9.", False),  # an answer after all
    ("Sorry", False),
    ("", False),
])
def test_a_model_declines_with_the_dont_know_reply_it_was_given(reply, declined):
    assert declines(reply, "Sorry, I don't know that yet.") is declined


def test_a_decline_is_read_in_any_script_and_unicode_form():
    assert declines("لا أعرف ذلك.", "لا أعرف ذلك") and not declines("لا أعرف", "لا أعرف ذلك")
    assert declines("Caf\u00e9 closed, sorry", "Cafe\u0301 closed, sorry")  # composed and decomposed accents


def test_a_decline_matches_any_of_the_dont_know_texts_given():
    promised = "Sorry, I don't know. Someone from our team will reply."
    assert declines("Sorry, I don't know.", promised, "Sorry, I don't know.")
    assert not declines("Sorry, I don't know.", promised)


def test_a_dont_know_reply_of_no_words_is_matched_as_the_same_text():
    assert declines(" 🤷 ", "🤷") and not declines("👍", "🤷") and not declines("   ", "🤷")
    assert not declines("anything", "  ")  # an empty don't-know text matches nothing


def test_truncate_and_split():
    assert truncate("short", 10) == "short"
    assert truncate("one two three four five", 12).endswith("…") and len(truncate("one two three four", 12)) <= 12
    text = "First sentence here. Second one is here too. " * 10
    parts = split_reply(text, 60)
    assert all(len(p) <= 60 for p in parts) and " ".join(parts).split() == text.split()
    assert split_reply("x" * 130, 50) == ["x" * 50, "x" * 50, "x" * 30]
    assert split_reply("  ", 50) == []
