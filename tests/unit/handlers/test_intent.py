"""intent.classify: a question goes on to be answered from the documents, a business's own answer is sent as
is, a request becomes a task (handed to n8n, or failed with the customer told once), and a wish for a
person hands the chat over. Decided by the real classifier on the fake embedder's vectors, or by a model."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import psycopg
import pytest

from pipelines import intent
from pipelines import tasks as task_words
from schemas.jobs import ClassifyIntent, DeliverReply, DispatchTask, RespondWithRag
from services.core.crypto import open_task_payload
from services.handlers.messages import classify_intent
from services.usecases.tasks import TaskRules
from tests.unit.handlers.support import customer_says, open_body

HOURS = "We are open 9 to 17, Monday to Saturday."
# One example set for every test here: its head is fitted once per run.
CONFIG = {"allowed_task_types": ["book_calendar", "create_order"], "debounce_seconds": 4,
          "intents": [{"key": "opening_hours", "kind": "answer", "reply": HOURS,
                       "examples": ["when are you open", "what are your opening hours on weekends",
                                    "are you open on Sunday"]},
                      {"key": "warranty_claim", "kind": "answer",
                       "examples": ["how do I claim the warranty", "warranty claim for a broken kettle",
                                    "my kettle broke, can I claim the warranty"]},
                      {"key": "tiling_quote", "kind": "task",
                       "examples": ["I need a quote for tiling my bathroom", "quote me for tiling a kitchen floor",
                                    "send me a tiling quote for 20 square metres"]}]}


@pytest.fixture
def configured(backend, tenant):
    backend.db.bot_config[tenant] = {"user_id": tenant, **json.loads(json.dumps(CONFIG))}
    return backend.db.bot_config[tenant]


def _classify(backend, deps, keyring, tenant, text: str, **row) -> dict:
    inbound = customer_says(backend, keyring, tenant, text, status="filtered", **row)
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]), deps=deps)
    return backend.db.inbox[inbound["id"]]


def _replies(backend, keyring) -> list[str]:
    return [open_body(keyring, row) for row in backend.db.outbox.values()]


def test_a_question_goes_on_to_be_answered_from_the_documents(backend, keyring, tenant, message_deps,
                                                              configured) -> None:
    # rag.respond runs in the same task once the verdict is committed, as a stage of its own.
    stored = _classify(backend, message_deps, keyring, tenant, "how much is delivery?")
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert stored["trace"]["intent"]["method"] == "embeddings"
    assert stored["trace"]["respond"]["answer"] == "abstained"  # no documents here
    assert backend.publisher.jobs(RespondWithRag) == []
    [job] = backend.publisher.jobs()  # the reply waits out its typing pause in the broker
    assert isinstance(job, DeliverReply) and job.outbox_id == next(iter(backend.db.outbox))
    assert backend.db.tasks == {}


def test_a_question_whose_answering_fails_transiently_is_queued_to_retry_on_its_own(
        backend, keyring, tenant, message_deps, configured, vectors, monkeypatch) -> None:
    def outage(*_args, **_kwargs):
        raise psycopg.OperationalError("server closed the connection")

    monkeypatch.setattr(vectors, "query", outage)
    stored = _classify(backend, message_deps, keyring, tenant, "how much is delivery?")
    assert (stored["status"], stored["intent"]) == ("classified", "Response")  # the verdict is kept
    [job] = backend.publisher.jobs()
    assert isinstance(job, RespondWithRag) and job.inbox_id == stored["id"]
    assert backend.db.outbox == {}


def test_a_question_whose_answering_fails_otherwise_fails_the_task(backend, keyring, tenant, message_deps,
                                                                    configured, vectors, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(vectors, "query", broken)
    with pytest.raises(ValueError):  # recorded and given up on by the task, as rag.respond's own would be
        _classify(backend, message_deps, keyring, tenant, "how much is delivery?")
    assert backend.publisher.sent == [] and backend.db.outbox == {}


def test_a_business_answer_with_its_own_reply_is_sent_as_is(backend, keyring, tenant, message_deps,
                                                            configured) -> None:
    stored = _classify(backend, message_deps, keyring, tenant, "are you open on Sunday")
    assert stored["status"] == "answered"
    assert _replies(backend, keyring) == [HOURS]
    [reply] = backend.db.outbox.values()
    assert reply["reply_key"] == f"{stored['id']}:0"
    [(job, countdown, _)] = backend.publisher.sent
    assert isinstance(job, DeliverReply) and job.outbox_id == reply["id"]
    assert countdown == pytest.approx(len(HOURS) * 10 / 1000)  # the typing pause is the broker's countdown
    [logged] = backend.db.chat_logs
    assert (logged["outcome"], logged["reason"]) == ("answered", "Answer:opening_hours")


def test_a_request_without_a_workflow_fails_its_task_and_tells_the_customer_once(
        backend, keyring, tenant, message_deps, configured) -> None:
    stored = _classify(backend, message_deps, keyring, tenant, "book me a slot on Friday morning")
    assert stored["status"] == "answered"
    [task] = backend.db.tasks.values()
    assert (task["task_type"], task["status"]) == ("book_calendar", "failed")
    assert task["last_error"] == "no n8n workflow is configured for book_calendar"
    assert _replies(backend, keyring) == [task_words.FAILED]  # not also "we're handling it"
    [alert] = backend.db.alerts.values()
    assert alert["kind"] == "task_failed"
    assert backend.publisher.jobs(DispatchTask) == []
    assert backend.db.chat_logs[0]["outcome"] == "task"


def test_a_request_with_a_workflow_is_dispatched_and_acknowledged(backend, keyring, tenant, message_deps,
                                                                  configured) -> None:
    configured["n8n_urls"] = {"create_order": "https://n8n.example.com/webhook/orders"}
    stored = _classify(backend, message_deps, keyring, tenant, "please place an order for two bags of rice")
    [task] = backend.db.tasks.values()
    assert (task["task_type"], task["status"], task["inbox_id"]) == ("create_order", "pending", stored["id"])
    assert open_task_payload(keyring, task)["message"] == "please place an order for two bags of rice"
    [dispatch] = backend.publisher.jobs(DispatchTask)
    assert dispatch.task_id == task["id"]
    assert _replies(backend, keyring) == [task_words.ACKNOWLEDGED]
    assert stored["status"] == "answered"


def test_asking_for_a_person_hands_the_chat_over_and_alerts_the_owner(backend, keyring, tenant, message_deps,
                                                                      configured) -> None:
    configured["owner_notify_phone"] = "+15557770000"
    stored = _classify(backend, message_deps, keyring, tenant, "I want to talk to a human")
    assert (stored["status"], stored["intent"]) == ("handed_off", "HumanHandoff")
    assert backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]
    [task] = backend.db.tasks.values()
    assert (task["task_type"], task["status"]) == (task_words.HANDOFF, "succeeded")  # the alert is the hand-off
    [alert] = backend.db.alerts.values()
    assert alert["kind"] == "handoff"
    by_chat = {row["chat_id"]: open_body(keyring, row) for row in backend.db.outbox.values()}
    assert by_chat[stored["chat_id"]] == task_words.HANDOFF_REPLY
    assert "I want to talk to a human" in by_chat["15557770000@c.us"]  # the owner's note quotes the customer
    assert len(backend.publisher.jobs(DeliverReply)) == 2


def test_a_message_followed_within_the_window_is_answered_with_the_next_one(backend, keyring, tenant, message_deps,
                                                                            configured) -> None:
    first = customer_says(backend, keyring, tenant, "hi", status="filtered")
    customer_says(backend, keyring, tenant, "how much is delivery?", status="filtered",
                  created_at=first["created_at"] + timedelta(seconds=2))
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=first["id"]), deps=message_deps)
    stored = backend.db.inbox[first["id"]]
    assert (stored["status"], stored["decision_reason"]) == (
        "ignored", "answered together with the customer's next message")
    assert backend.publisher.sent == []


def test_a_stale_job_changes_nothing(backend, keyring, tenant, message_deps, configured) -> None:
    row = customer_says(backend, keyring, tenant, "I want to talk to a human", status="answered")
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=row["id"]), deps=message_deps)
    assert backend.db.inbox[row["id"]]["status"] == "answered"
    assert backend.db.tasks == {} and backend.publisher.sent == []


def test_a_models_unusable_answer_is_sent_back_for_repair(backend, keyring, tenant, message_deps, chat,
                                                          configured) -> None:
    configured.update(models=["openai/gpt-4o-mini"], model_calls=2)  # this stage asks the model itself
    deps = dataclasses.replace(message_deps, task_rules=TaskRules(keyring=keyring, n8n_base_url="http://n8n:5678",
                                                                  email_alerts=False))
    chat.texts = ["I think they want a booking",
                  json.dumps({"intent": "Task", "confidence": 0.9, "task_type": "book_calendar",
                              "payload": {"when": "Friday"}, "raw_analysis": "booking"})]
    stored = _classify(backend, deps, keyring, tenant, "see you friday then, 10am works")
    assert stored["trace"]["intent"]["method"] == "llm:openai/gpt-4o-mini"
    assert len(chat.calls) == 2 and "could not be used" in chat.calls[1][-1]["content"]
    [task] = backend.db.tasks.values()
    assert task["task_type"] == "book_calendar"
    assert open_task_payload(keyring, task)["when"] == "Friday"
    assert backend.publisher.jobs(DispatchTask)


def test_when_every_model_fails_the_classifier_decides(backend, keyring, tenant, message_deps, chat,
                                                       configured) -> None:
    configured.update(models=["openai/gpt-4o-mini"], model_calls=2)  # this stage asks the model itself
    stored = _classify(backend, message_deps, keyring, tenant, "how much is delivery?")
    assert len(chat.calls) == 1
    assert stored["trace"]["intent"]["method"] == "embeddings (after the models failed)"
    assert "respond" in stored["trace"] and backend.publisher.jobs(RespondWithRag) == []  # answered right after


def test_a_model_saying_question_gets_the_business_answer_the_examples_name(backend, keyring, tenant, message_deps,
                                                                            chat, configured) -> None:
    configured.update(models=["openai/gpt-4o-mini"], model_calls=2)  # this stage asks the model itself
    chat.texts = [json.dumps({"intent": "Response", "confidence": 0.8})]
    _classify(backend, message_deps, keyring, tenant, "when are you open")
    assert _replies(backend, keyring) == [HOURS]


def test_a_business_answer_without_a_reply_is_answered_from_the_documents(backend, keyring, tenant, message_deps,
                                                                          configured) -> None:
    stored = _classify(backend, message_deps, keyring, tenant, "how do I claim the warranty")
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert stored["trace"]["intent"]["label"] == "Answer:warranty_claim"  # the respond stage's routing hint
    assert stored["trace"]["respond"]["answer"] == "abstained"  # from the documents (none here), not canned


def test_a_business_task_intent_becomes_a_task_of_its_type(backend, keyring, tenant, message_deps,
                                                           configured) -> None:
    configured["n8n_urls"] = {"tiling_quote": "https://n8n.example.com/webhook/quotes"}
    _classify(backend, message_deps, keyring, tenant, "I need a quote for tiling my bathroom")
    [task] = backend.db.tasks.values()
    assert (task["task_type"], task["status"]) == ("tiling_quote", "pending")
    assert backend.publisher.jobs(DispatchTask)


def test_stricter_decision_rules_answer_instead_of_acting(backend, keyring, tenant, message_deps,
                                                          configured) -> None:
    strict = intent.DecisionRules(request_min_probability=0.999, statement_min_probability=0.999)
    stored = _classify(backend, dataclasses.replace(message_deps, intent_rules=strict), keyring, tenant,
                       "I want to talk to a human")
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert backend.db.tasks == {} and not backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]


def test_a_classify_job_handed_out_again_after_its_verdict_answers_once(backend, keyring, tenant, message_deps,
                                                                        configured) -> None:
    """Its process died while answering, after the verdict committed: the job handed out again answers."""
    inbound = customer_says(backend, keyring, tenant, "how much is delivery?", status="classified",
                            intent="Response")
    job = ClassifyIntent(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"])
    classify_intent(job, deps=message_deps)
    assert backend.db.inbox[inbound["id"]]["status"] == "answered"
    classify_intent(job, deps=message_deps)  # and once more: nothing new
    assert len(backend.db.outbox) == 1 and len(backend.db.chat_logs) == 1
