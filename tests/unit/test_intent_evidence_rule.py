"""A message put as a question becomes a task or a hand-off only when its words ask for the action."""

import pytest

from pipelines.intent import DecisionRules, asked_as_question, asks_to_act, decide, extract_payload, message_form

ALLOWED = ["send_email", "book_calendar", "create_order"]


def _decided(text: str, probabilities: dict[str, float]):
    return decide(probabilities, rules=DecisionRules(), allowed_task_types=ALLOWED, payload=extract_payload(text),
                  form=message_form(text), text=text)


@pytest.mark.parametrize(("text", "asked"), [
    ("are you open on Sunday?", True),
    ("is it vegan? 🙂", True),
    ("can you deliver tomorrow?!", True),
    ("what time do you close tonight", True),  # a question in form, without the mark
    ("book me in for Friday at 10", False),
    ("I'll take the red one", False),
    ("hi. are you open on sunday", True),
    ("is 11 free? I'll take it", False),  # it ends as a request
    ("is anyone there? the bot is not helping", False),
])
def test_what_is_put_as_a_question(text, asked):
    assert asked_as_question(text) is asked


@pytest.mark.parametrize(("text", "acting"), [
    ("can I book a table for Sunday?", True),
    ("could you reserve a spot for me at the next tasting?", True),
    ("I want to order a birthday cake, is that possible?", True),
    ("please send the menu?", True),
    ("are you open on Sunday?", False),
    ("do you send invoices by email?", False),
    ("how far ahead can I book?", False),
    ("ok, can we book the room for friday?", True),
])
def test_words_that_ask_to_act(text, acting):
    assert asks_to_act(text) is acting


def test_an_hours_question_stays_a_question_however_sure_the_classifier_is():
    result = _decided("are you open on Sunday?", {"Task:book_calendar": 0.95, "Response": 0.05})
    assert (result.intent, result.label) == ("Response", "Response")
    assert "no evidence of acting" in result.raw_analysis


def test_a_question_asking_to_book_is_still_a_booking():
    result = _decided("can I book a table for Sunday?", {"Task:book_calendar": 0.7, "Response": 0.3})
    assert (result.intent, result.task_type) == ("Task", "book_calendar")


def test_a_question_asking_for_an_email_or_a_person_still_acts():
    email = _decided("could you email me the price list?", {"Task:send_email": 0.7, "Response": 0.3})
    assert email.label == "Task:send_email"
    person = _decided("can a real person call me back?", {"HumanHandoff": 0.7, "Response": 0.3})
    assert person.label == "HumanHandoff"


def test_a_request_ending_with_a_question_mark_needs_evidence_for_its_own_action():
    # "tomorrow" is a booking's date, which says nothing for an order: the order is answered instead.
    result = _decided("can you deliver tomorrow?", {"Task:create_order": 0.9, "Response": 0.1})
    assert result.label == "Response"


def test_the_fallback_is_the_best_answer_not_a_plain_response():
    result = _decided("do you have gift cards?", {"Task:create_order": 0.6, "Answer:gift_cards": 0.3,
                                                   "Response": 0.1})
    assert result.label == "Answer:gift_cards"


def test_statements_and_requests_without_a_question_are_decided_as_before():
    order = _decided("I want to order two loaves for Saturday", {"Task:create_order": 0.7, "Response": 0.3})
    assert order.label == "Task:create_order"
    booking = _decided("book me in for Friday at 10", {"Task:book_calendar": 0.6, "Response": 0.4})
    assert booking.label == "Task:book_calendar"


def test_a_question_asking_to_act_is_decided_by_the_question_rules():
    # No date, so no booking details: the words alone ask for it, and a question's clear lead decides it.
    sure = _decided("can I reserve a spot at the next tasting?", {"Task:book_calendar": 0.9, "Response": 0.1})
    assert sure.label == "Task:book_calendar"
    unsure = _decided("can I reserve a spot at the next tasting?", {"Task:book_calendar": 0.6, "Response": 0.4})
    assert unsure.label == "Response" and "not sure enough" in unsure.raw_analysis


@pytest.mark.parametrize("you", ["u", "ya", "ye"])
def test_you_spelt_short_is_read_as_you(you):
    for opening in ("can", "could", "would", "will"):
        assert message_form(f"{opening} {you} deliver on sunday") == message_form(f"{opening} you deliver on sunday")
    assert message_form(f"can {you} deliver on sunday") == "request"
    assert message_form("can uber drivers park outside") == "question"  # "u" only as a word of its own
