"""With a model configured, a message costs one model call by default (model_calls 1): the intent verdict
and the reply come from one JSON answer made in rag.respond; model_calls 2 keeps a call per stage. Against
the local OpenAI-compatible server through litellm (with its retries), the real embedding model, Postgres
and Redis; the pipeline runs in-process so each message's requests can be counted."""

from __future__ import annotations

import json
import uuid

import pytest

from services.usecases import provider_keys
from tests.conftest import LLM_KEY
from tests.fakes.gateway_server import chat_completion
from tests.integration.inline_messages import ask, inline_container, shop
from tests.integration.messaging import _configure

ANSWER = "Yes, we deliver to Abuja within 3 working days."


def _verdict(intent="Response", reply=ANSWER, **extra):
    return json.dumps({"intent": intent, "confidence": 0.9, "task_type": extra.pop("task_type", None),
                       "payload": extra.pop("payload", {}), "raw_analysis": "asks about delivery",
                       **({"reply": reply} if reply is not None else {}), **extra})


@pytest.fixture
def inline(settings, llm):
    llm.reset()
    # litellm's retry path on, as in production (LLM_RETRIES=1): a retried call would show in the counts.
    container, publisher, _counting = inline_container(settings.model_copy(update={"llm_retries": 1}))
    yield container, publisher
    container.close()
    llm.reset()


@pytest.fixture
def model(inline, llm):
    """A tenant whose own OpenAI-compatible server is the local fake, under a model name of this test's."""
    container, publisher = inline
    name = f"onecall-{uuid.uuid4().hex[:8]}"
    user = shop(container, publisher, models=[{"model": f"openai/{name}", "api_base": llm.base_url}])
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="test")
    return user, name


def _calls(llm, name):
    return [r.json for r in llm.requests if r.path == "/v1/chat/completions" and (r.json or {}).get("model") == name]


def test_one_call_gives_the_verdict_and_the_answer(inline, model, llm):
    container, publisher = inline
    user, name = model
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict()))

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja?")

    assert replies == [ANSWER]
    (call,) = _calls(llm, name)
    system = call["messages"][0]["content"]
    assert "Abuja" in system and "write the reply" in system  # the passages and the classification, together
    assert call["response_format"] == {"type": "json_object"}
    assert trace["intent"]["method"] == f"llm:openai/{name}" and trace["intent"]["label"] == "Response"
    assert trace["respond"]["answer"] == "model" and trace["respond"]["model"] == f"openai/{name}"


def test_two_calls_when_the_setting_says_so(inline, model, llm):
    container, publisher = inline
    user, name = model
    _configure(container, user, model_calls=2)

    def chat(body):
        if "Classify the customer's last message" in body["messages"][0]["content"]:
            return 200, chat_completion(body["model"], _verdict(reply=None))
        return 200, chat_completion(body["model"], ANSWER)

    llm.routes[("POST", "/v1/chat/completions")] = chat
    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja?")
    assert replies == [ANSWER]
    assert len(_calls(llm, name)) == 2
    assert trace["intent"]["method"] == f"llm:openai/{name}" and trace["respond"]["answer"] == "model"


def test_a_bad_json_answer_is_repaired(inline, model, llm):
    container, publisher = inline
    user, name = model
    answers = iter(["Sure! We deliver to Abuja.", _verdict(reply=""), _verdict()])
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], next(answers)))

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja?")

    assert replies == [ANSWER]
    _first, second, third = _calls(llm, name)
    assert "not valid JSON" in second["messages"][-1]["content"]
    assert "reply: the message to send is required" in third["messages"][-1]["content"]
    assert trace["respond"]["answer"] == "model" and trace["respond"]["fallbacks"] == []


def test_a_failing_provider_falls_back_with_its_own_error_in_the_trace(inline, model, llm):
    container, publisher = inline
    user, name = model
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (
        503, {"error": {"message": "the house model is overloaded", "type": "server_error"}})

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja?")

    assert len(replies) == 1 and "Abuja" in replies[0]  # the extractive answer from the FAQ
    assert len(_calls(llm, name)) >= 2  # litellm retried before giving up
    assert trace["intent"]["method"] == "embeddings (after the models failed)"
    assert trace["respond"]["answer"] == "extractive"
    (failure,) = trace["respond"]["fallbacks"]
    assert failure["model"] == f"openai/{name}" and "the house model is overloaded" in failure["error"]
    assert LLM_KEY not in failure["error"]


def test_a_task_verdict_starts_the_task_instead_of_answering(inline, model, llm):
    container, publisher = inline
    user, name = model
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict(
        "Task", reply="", task_type="send_email", payload={"emails": ["ada@example.com"]})))

    trace, replies = ask(container, publisher, user, "Please email the price list to ada@example.com")

    assert len(_calls(llm, name)) == 1
    assert trace["intent"]["label"] == "Task:send_email" and trace["respond"]["answer"] == "none"
    assert trace["reply"]["kind"] == "task" and ANSWER not in replies
    with container.tenant_uow(user) as uow:
        rows = uow.conn.execute("select task_type from public.tasks where user_id = %s", [user]).fetchall()
    assert [r[0] for r in rows] == ["send_email"]


def test_a_business_answer_with_its_own_reply_is_still_sent(inline, model, llm):
    container, publisher = inline
    user, name = model
    _configure(container, user, intents=[
        {"key": "opening_hours", "kind": "answer", "reply": "We are open 9 to 6, Monday to Saturday.",
         "examples": ["when are you open?", "what are your opening hours?", "are you open on sunday?",
                      "what time do you close today?"]}])
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict()))

    trace, replies = ask(container, publisher, user, "What time do you close today?")

    assert replies == ["We are open 9 to 6, Monday to Saturday."]
    assert len(_calls(llm, name)) == 1
    assert trace["intent"]["label"] == "Answer:opening_hours" and trace["respond"]["answer"] == "canned"


def test_a_hand_off_verdict_hands_the_chat_over(inline, model, llm):
    container, publisher = inline
    user, name = model
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict(
        "HumanHandoff", reply="")))

    trace, replies = ask(container, publisher, user, "I want to speak to the manager about my broken order")

    assert len(_calls(llm, name)) == 1
    assert trace["intent"]["intent"] == "HumanHandoff" and trace["reply"]["kind"] == "handed_off"
    assert len(replies) == 1 and ANSWER not in replies


def test_when_the_documents_do_not_answer_the_model_reply_is_not_sent(inline, model, llm):
    container, publisher = inline
    user, name = model
    _configure(container, user, dont_know_reply="Let me check with the team.")
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict(
        reply="An African swallow flies at about 11 metres a second.")))

    trace, replies = ask(container, publisher, user, "What is the airspeed velocity of an unladen swallow?")

    assert replies == ["Let me check with the team."]
    assert len(_calls(llm, name)) == 1  # asked all the same: the verdict was needed
    assert trace["respond"]["answer"] == "abstained" and trace["intent"]["label"] == "Response"


def test_a_model_that_finds_no_answer_in_the_passages_hands_over_as_the_business_chose(inline, model, llm):
    container, publisher = inline
    user, name = model
    _configure(container, user, dont_know_reply="Let me check with the team.", handoff_when_unknown=True)
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict(
        reply="Let me check with the team!")))

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja on Sundays?")

    assert replies == ["Let me check with the team."]
    assert len(_calls(llm, name)) == 1
    assert trace["respond"]["answer"] == "abstained" and trace["respond"]["declined_by"] == f"openai/{name}"
    with container.tenant_uow(user) as uow:
        handed_over = uow.conn.execute("select handoff_active from public.chats where user_id = %s", [user]).fetchall()
    assert handed_over == [(True,)]


def test_a_model_that_says_the_passages_hold_no_answer_abstains_in_its_own_words_or_not(inline, model, llm):
    container, publisher = inline
    user, name = model
    _configure(container, user, dont_know_reply="Let me check with the team.")
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], _verdict(
        reply="Je ne trouve pas cette information, d\u00e9sol\u00e9.", answered=False)))

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja on Sundays?")

    assert replies == ["Let me check with the team."]  # the model's own words for it are not sent
    assert len(_calls(llm, name)) == 1
    assert trace["respond"]["answer"] == "abstained" and trace["respond"]["declined_by"] == f"openai/{name}"


def test_an_answered_flag_that_is_not_a_boolean_is_repaired(inline, model, llm):
    container, publisher = inline
    user, name = model
    answers = iter([_verdict(answered="yes"), _verdict(answered=True)])
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], next(answers)))

    trace, replies = ask(container, publisher, user, "Do you deliver to Abuja?")

    calls = _calls(llm, name)
    assert len(calls) == 2 and "answered: true or false" in calls[1]["messages"][-1]["content"]
    assert replies == [ANSWER] and trace["respond"]["answer"] == "model"
