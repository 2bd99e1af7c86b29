"""A business's own intents end to end: webhook -> intent stage -> canned answer, documents, n8n task
or hand-off, with the decided label and the top three in the trace (never the customer's words)."""

from __future__ import annotations

import json

from services.usecases import provider_keys
from tests.conftest import LLM_KEY, wait_for
from tests.fakes.gateway_server import chat_completion
from tests.integration.messaging import _configure, _final, _message, _post, _replies

INTENTS = [
    {"key": "opening_hours", "name": "Öffnungszeiten <script>", "kind": "answer",
     "reply": "We are open Monday to Saturday, 9:00 to 18:00.",
     "examples": ["when are you open?", "what are your opening hours?", "are you open on saturday?",
                  "what time do you close today?", "are you open on sunday?"]},
    {"key": "delivery_area", "name": "Delivery area", "kind": "answer",
     "examples": ["do you deliver to my town?", "which cities do you deliver to?", "can you ship to Accra?",
                  "is delivery available in my area?"]},
    {"key": "repair_quote", "name": "Repair quote", "kind": "task",
     "examples": ["please give me a quote to repair my bike", "I need a repair quote for my wheel",
                  "quote me for fixing my gears please", "how much would you charge to fix this? send me a quote",
                  "please quote the repair of my brakes"]},
    {"key": "complaint", "name": "Complaint", "kind": "handoff",
     "examples": ["your repair was terrible and I want my money back", "I am furious about the service",
                  "this is the worst shop, I want to complain", "I want to make a formal complaint"]},
]


def _intent_trace(client, headers, inbox_id):
    return _final(client, headers, inbox_id)["stages"]["intent"]


def test_each_kind_of_business_intent_goes_end_to_end(client, shop, gateway, n8n):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, intents=INTENTS)

    canned = _message(user, "Are you open on Sunday?", sender_phone="+2348071000001")
    inbox_id = _post(client, canned).get_json()["inbox_id"]
    (reply,) = _replies(gateway, canned["chat_id"])
    assert reply["text"] == "We are open Monday to Saturday, 9:00 to 18:00."
    final = _final(client, headers, inbox_id)
    assert final["status"] == "answered" and final["stages"]["respond"]["answer"] == "canned"
    stage = final["stages"]["intent"]
    assert stage["label"] == "Answer:opening_hours" and stage["intent"] == "Response"
    assert stage["top"][0]["label"] == "Answer:opening_hours" and len(stage["top"]) <= 3
    assert "Sunday" not in str(stage)

    documents = _message(user, "Do you deliver to Accra?", sender_phone="+2348071000002")
    inbox_id = _post(client, documents).get_json()["inbox_id"]
    (reply,) = _replies(gateway, documents["chat_id"])
    assert "Accra" in reply["text"]  # from the FAQ: the intent has no reply of its own
    final = _final(client, headers, inbox_id)
    assert final["stages"]["intent"]["label"] == "Answer:delivery_area"
    assert final["stages"]["respond"]["answer"] == "extractive"

    task = _message(user, "Please give me a quote to repair my bike wheel", sender_phone="+2348071000003")
    inbox_id = _post(client, task).get_json()["inbox_id"]
    (reply,) = _replies(gateway, task["chat_id"])
    assert "handling your request" in reply["text"]
    assert _intent_trace(client, headers, inbox_id)["label"] == "Task:repair_quote"
    with container.tenant_uow(user) as uow:
        row = wait_for(lambda: uow.conn.execute(
            "select id, task_type, status from public.tasks where inbox_id = %s", [inbox_id]).fetchone(),
            timeout=30, message="the task")
    assert row[1] == "repair_quote"
    wait_for(lambda: n8n.tasks_for(str(row[0])), timeout=30, message="the task to reach n8n")
    assert n8n.tasks_for(str(row[0]))[0]["path"] == "/webhook/repair_quote"

    handoff = _message(user, "I want to make a formal complaint, I am furious about the service",
                       sender_phone="+2348071000004")
    inbox_id = _post(client, handoff).get_json()["inbox_id"]
    (reply,) = _replies(gateway, handoff["chat_id"])
    assert "member of our team" in reply["text"]
    final = _final(client, headers, inbox_id)
    assert final["status"] == "handed_off" and final["stages"]["intent"]["label"] == "HumanHandoff"


def test_a_plain_question_using_booking_words_is_answered_not_booked(client, shop, gateway):
    user, headers = shop
    question = _message(user, "Do I need to book in advance?", sender_phone="+2348071000005")
    inbox_id = _post(client, question).get_json()["inbox_id"]
    _replies(gateway, question["chat_id"])
    stage = _intent_trace(client, headers, inbox_id)
    assert stage["label"] == "Response" and stage["intent"] == "Response"


def test_with_a_model_the_business_answer_is_still_picked_from_its_examples(client, shop, gateway, llm):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    systems = []

    def chat(body):
        systems.append(body["messages"][0]["content"])
        return 200, chat_completion(body["model"], json.dumps(
            {"intent": "Response", "confidence": 0.9, "task_type": None, "payload": {}, "raw_analysis": "a question"}))

    llm.routes[("POST", "/v1/chat/completions")] = chat
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="test")
    _configure(container, user, intents=INTENTS, model_calls=2,
               models=[{"model": "openai/house", "api_base": llm.base_url}])
    message = _message(user, "What time do you close today?", sender_phone="+2348071000006")
    inbox_id = _post(client, message).get_json()["inbox_id"]
    (reply,) = _replies(gateway, message["chat_id"])
    assert reply["text"] == "We are open Monday to Saturday, 9:00 to 18:00."
    stage = _intent_trace(client, headers, inbox_id)
    assert stage["label"] == "Answer:opening_hours" and stage["method"] == "llm:openai/house"
    # The model was told the business's own task and hand-off, by key and example.
    assert "repair_quote" in systems[0] and "HumanHandoff for complaint" in systems[0]


def test_small_talk_is_answered_by_the_bot_and_a_greeting_with_a_question_from_the_documents(client, shop, gateway):
    user, headers = shop
    container = client.application.extensions["salesboy"]
    _configure(container, user, business={"name": "Kofi Foods"})
    expected = {"Hi": "Hello, welcome to Kofi Foods! How can I help you today?",
                "Good morning": "Hello, welcome to Kofi Foods! How can I help you today?",
                "Thank you!": "You're welcome! Is there anything else I can help you with?"}
    for n, (text, wanted) in enumerate(expected.items()):
        said = _message(user, text, sender_phone=f"+234807200000{n}")
        inbox_id = _post(client, said).get_json()["inbox_id"]
        (reply,) = _replies(gateway, said["chat_id"])
        assert reply["text"] == wanted
        final = _final(client, headers, inbox_id)
        assert final["status"] == "answered" and final["stages"]["respond"]["answer"] == "canned"
    question = _message(user, "hi, do you deliver to Accra?", sender_phone="+2348072000009")
    inbox_id = _post(client, question).get_json()["inbox_id"]
    (reply,) = _replies(gateway, question["chat_id"])
    assert "Accra" in reply["text"]
    final = _final(client, headers, inbox_id)
    assert final["stages"]["intent"]["label"] == "Response" and final["stages"]["respond"]["answer"] == "extractive"
