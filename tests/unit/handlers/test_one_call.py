"""One model call per message (model_calls 1, the default with a model): intent.classify asks nothing and
hands the message on; rag.respond asks once, in JSON mode, for the verdict and the reply together, and acts
on the verdict: a question's reply is sent (or the don't-know reply when the documents do not answer), a
request becomes a task and a wish for a person hands the chat over, with the model's reply left unsent.
Each message runs through both stages here, so the calls counted are all the message cost."""

from __future__ import annotations

import pytest

from pipelines import tasks as task_words
from schemas.jobs import ClassifyIntent, DeliverReply, DispatchTask, FilterInbound, RespondWithRag
from services.core.crypto import open_task_payload
from services.handlers import messages
from services.handlers.messages import ONE_CALL, classify_intent, filter_inbound, respond
from tests.unit.handlers.fakes import FakeChatLogRepository
from tests.unit.handlers.support import customer_says, indexed_document, open_body

MODEL = "openai/gpt-4o-mini"
FAQ = ["Delivery costs 5 dollars and takes two days within the city.",
       "Our shop is at 12 Market Street, next to the bank.",
       "We accept cards, cash and mobile money."]
DONT_KNOW = "I'm not sure; the team will get back to you."
ANSWER = "Delivery is 5 dollars in the city and takes two days."
HOURS = "We are open 9 to 17, Monday to Saturday."


def _verdict(intent: str = "Response", reply: str | None = ANSWER, **fields) -> dict:
    """The model's JSON answer in the shape the one-call prompt asks for."""
    return {"intent": intent, "confidence": 0.9, "task_type": fields.pop("task_type", None),
            "payload": fields.pop("payload", {}), "raw_analysis": "the customer's last message",
            **({"reply": reply} if reply is not None else {}), **fields}


@pytest.fixture
def shop(backend, vectors, embedder, tenant) -> dict:
    """A business with a model and no model_calls saved: the default, one call."""
    backend.db.bot_config[tenant] = {"user_id": tenant, "dont_know_reply": DONT_KNOW, "debounce_seconds": 0,
                                     "models": [MODEL], "allowed_task_types": ["book_calendar"],
                                     "n8n_urls": {"book_calendar": "https://n8n.example.com/webhook/bookings"}}
    indexed_document(backend, vectors, embedder, tenant, "faq.txt", FAQ)
    return backend.db.bot_config[tenant]


def _message(backend, deps, keyring, tenant, chat, text: str) -> dict:
    """The message through intent.classify, which asks no model and leaves the verdict to rag.respond, run by
    the same task right after it, with its claim made by classify's own transaction."""
    inbound = customer_says(backend, keyring, tenant, text, status="filtered")
    asked = []
    respond_stage = messages._respond

    def respond_after_classify(job, deps, then, claim=None):
        classified = backend.db.inbox[inbound["id"]]
        assert chat.calls == []
        assert (classified["status"], classified["intent"]) == ("classified", None)
        assert classified["trace"]["intent"]["method"] == ONE_CALL
        assert claim is not None and claim.row.status == "classified" and claim.question == text
        asked.append(job)
        respond_stage(job, deps, then, claim)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(messages, "_respond", respond_after_classify)
        classify_intent(ClassifyIntent(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]),
                        deps=deps)
    assert len(asked) == 1 and backend.publisher.jobs(RespondWithRag) == []
    return backend.db.inbox[inbound["id"]]


def _replies(backend, keyring) -> list[str]:
    return [open_body(keyring, row) for row in backend.db.outbox.values()]


def test_a_question_costs_one_json_call_whose_reply_is_sent(backend, keyring, tenant, message_deps, chat,
                                                            shop) -> None:
    chat.texts = [_verdict()]
    stored = _message(backend, message_deps, keyring, tenant, chat, "how much does delivery cost?")
    assert chat.json_modes == [True]
    system = chat.calls[0][0]["content"]
    assert FAQ[0] in system and "write the reply" in system  # the passages and the classification, together
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert _replies(backend, keyring) == [ANSWER]
    assert backend.publisher.jobs(DeliverReply)
    assert stored["trace"]["intent"]["method"] == f"llm:{MODEL}" and stored["trace"]["intent"]["label"] == "Response"
    respond_trace = stored["trace"]["respond"]
    assert (respond_trace["answer"], respond_trace["model"], respond_trace["fallbacks"]) == ("model", MODEL, [])
    assert backend.db.tasks == {}


def test_a_task_verdict_creates_the_task_and_not_the_models_reply(backend, keyring, tenant, message_deps, chat,
                                                                 shop) -> None:
    chat.texts = [_verdict("Task", reply="Booked you in for Friday!", task_type="book_calendar",
                           payload={"when": "Friday 10am"})]
    stored = _message(backend, message_deps, keyring, tenant, chat, "see you friday then, 10am works")
    assert len(chat.calls) == 1
    [task] = backend.db.tasks.values()
    assert (task["task_type"], task["status"], task["inbox_id"]) == ("book_calendar", "pending", stored["id"])
    assert open_task_payload(keyring, task)["when"] == "Friday 10am"
    [dispatch] = backend.publisher.jobs(DispatchTask)
    assert dispatch.task_id == task["id"]
    assert _replies(backend, keyring) == [task_words.ACKNOWLEDGED]
    assert (stored["status"], stored["intent"]) == ("answered", "Task")
    assert stored["trace"]["intent"]["label"] == "Task:book_calendar"
    assert (stored["trace"]["respond"]["answer"], stored["trace"]["respond"]["acted_on"]) == (
        "none", "Task:book_calendar")
    assert stored["trace"]["reply"]["kind"] == "task"
    assert backend.db.chat_logs[0]["outcome"] == "task"


def test_a_hand_off_verdict_hands_the_chat_over(backend, keyring, tenant, message_deps, chat, shop) -> None:
    chat.texts = [_verdict("HumanHandoff", reply="Let me sort that out for you myself.")]
    stored = _message(backend, message_deps, keyring, tenant, chat, "I want to talk to the manager about my order")
    assert len(chat.calls) == 1
    assert (stored["status"], stored["intent"]) == ("handed_off", "HumanHandoff")
    assert backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]
    [task] = backend.db.tasks.values()
    assert task["task_type"] == task_words.HANDOFF
    assert _replies(backend, keyring) == [task_words.HANDOFF_REPLY]
    assert stored["trace"]["reply"]["kind"] == "handed_off"
    assert backend.db.chat_logs[0]["outcome"] == "handed_off"


def test_an_unusable_json_answer_is_sent_back_for_repair(backend, keyring, tenant, message_deps, chat,
                                                         shop) -> None:
    chat.texts = ["Sure! Delivery is 5 dollars.", _verdict(reply=""), _verdict()]
    stored = _message(backend, message_deps, keyring, tenant, chat, "how much does delivery cost?")
    assert chat.json_modes == [True, True, True]
    assert "not valid JSON" in chat.calls[1][-1]["content"]
    assert "reply: the message to send is required" in chat.calls[2][-1]["content"]
    assert _replies(backend, keyring) == [ANSWER]
    assert (stored["trace"]["respond"]["answer"], stored["trace"]["respond"]["fallbacks"]) == ("model", [])
    assert stored["trace"]["intent"]["method"] == f"llm:{MODEL}"


def test_a_failing_model_falls_back_to_the_classifier_and_the_documents(backend, keyring, tenant, message_deps,
                                                                        chat, shop) -> None:
    chat.error = "ServiceUnavailableError: the house model is overloaded"
    stored = _message(backend, message_deps, keyring, tenant, chat, "how much does delivery cost?")
    assert len(chat.calls) == 1
    assert stored["trace"]["intent"]["method"] == "embeddings (after the models failed)"
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert stored["trace"]["respond"]["answer"] == "extractive"
    assert _replies(backend, keyring) == [FAQ[0]]
    assert stored["trace"]["respond"]["fallbacks"] == [{"model": MODEL, "error": chat.error}]


def test_a_model_that_never_gives_usable_json_falls_back_too(backend, keyring, tenant, message_deps, chat,
                                                             shop) -> None:
    chat.texts = ["Delivery is 5 dollars."] * 3
    stored = _message(backend, message_deps, keyring, tenant, chat, "how much does delivery cost?")
    assert len(chat.calls) == 3  # the answer and its two repairs
    assert stored["trace"]["intent"]["method"] == "embeddings (after the models failed)"
    assert _replies(backend, keyring) == [FAQ[0]]
    [failure] = stored["trace"]["respond"]["fallbacks"]
    assert failure["model"] == MODEL and failure["error"].startswith("unusable answer after 2 repairs")


def test_documents_that_do_not_answer_get_the_dont_know_reply(backend, keyring, tenant, message_deps, chat,
                                                              shop) -> None:
    chat.texts = [_verdict(reply="Yes, we repair motorbikes of every make.")]
    stored = _message(backend, message_deps, keyring, tenant, chat, "do you repair motorbikes?")
    assert len(chat.calls) == 1  # asked all the same: the verdict was needed
    assert _replies(backend, keyring) == [DONT_KNOW]
    assert stored["trace"]["respond"]["answer"] == "abstained"
    assert (stored["status"], stored["trace"]["intent"]["label"]) == ("answered", "Response")


def test_a_business_answer_the_examples_pick_is_sent_instead_of_the_models(backend, keyring, tenant, message_deps,
                                                                          chat, shop) -> None:
    shop["intents"] = [{"key": "opening_hours", "kind": "answer", "reply": HOURS,
                        "examples": ["when are you open", "what are your opening hours on weekends",
                                     "are you open on Sunday"]}]
    chat.texts = [_verdict(reply="We open at 8 every day.")]
    stored = _message(backend, message_deps, keyring, tenant, chat, "are you open on Sunday")
    assert len(chat.calls) == 1
    assert _replies(backend, keyring) == [HOURS]
    assert stored["trace"]["intent"]["label"] == "Answer:opening_hours"
    assert stored["trace"]["respond"]["answer"] == "canned" and stored["status"] == "answered"


def test_a_business_answer_after_the_model_failed_keeps_the_providers_error(backend, keyring, tenant,
                                                                           message_deps, chat, shop) -> None:
    shop["intents"] = [{"key": "opening_hours", "kind": "answer", "reply": HOURS,
                        "examples": ["when are you open", "what are your opening hours on weekends",
                                     "are you open on Sunday"]}]
    chat.error = "ServiceUnavailableError: the house model is overloaded"
    stored = _message(backend, message_deps, keyring, tenant, chat, "are you open on Sunday")
    assert _replies(backend, keyring) == [HOURS]
    assert stored["trace"]["respond"]["answer"] == "canned"
    assert stored["trace"]["respond"]["fallbacks"] == [{"model": MODEL, "error": chat.error}]


def test_a_message_classify_already_decided_gets_a_plain_reply_call(backend, keyring, tenant, message_deps, chat,
                                                                   shop) -> None:
    """Classified before the business switched to one call: its verdict stands, only the reply is asked for."""
    chat.texts = [ANSWER]
    inbound = customer_says(backend, keyring, tenant, "how much does delivery cost?", status="classified",
                            intent="Response")
    respond(RespondWithRag(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]), deps=message_deps)
    assert chat.json_modes == [False]
    assert _replies(backend, keyring) == [ANSWER]
    assert backend.db.inbox[inbound["id"]]["trace"]["respond"]["answer"] == "model"


def test_a_message_goes_from_the_filter_to_its_reply_in_one_task_with_the_chats_history(
        backend, keyring, tenant, message_deps, chat, shop) -> None:
    """Each stage's claim rides the transaction of the stage before it: nothing is queued between them, and the
    model hears the chat's last turns (as many as the business asks for, read with the message's classification)."""
    shop["history_turns"] = 1
    chat_id = "15550001111@c.us"
    for text, direction in (("do you sell gift cards?", "inbound"), ("We do, from 10 dollars.", "outbound")):
        FakeChatLogRepository(backend.db, tenant).log(
            user_id=tenant, chat_id=chat_id, direction=direction, body=keyring.seal(text, tenant=tenant, chat=chat_id),
            inbox_id=None, outcome="answered" if direction == "inbound" else None, reason=None, intent=None, trace={})
        backend.db.clock.advance(1)
    chat.texts = [_verdict()]
    inbound = customer_says(backend, keyring, tenant, "how much does delivery cost?", chat_id=chat_id)

    filter_inbound(FilterInbound(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]),
                   deps=message_deps)

    assert backend.publisher.jobs(ClassifyIntent) == [] and backend.publisher.jobs(RespondWithRag) == []
    stored = backend.db.inbox[inbound["id"]]
    assert (stored["status"], stored["intent"]) == ("answered", "Response") and len(_replies(backend, keyring)) == 1
    assert [stage for stage in stored["trace"] if stage in ("filter", "intent", "respond")] == [
        "filter", "intent", "respond"]
    (call,) = chat.calls
    said = " ".join(m["content"] for m in call)
    assert "We do, from 10 dollars." in said and "do you sell gift cards?" not in said  # one turn, the last
