"""rag.respond: the answer found in the documents, the don't-know reply (and a hand-off when the business asks
for one), each written to the outbox once and delivered only after the transaction commits."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from schemas.jobs import DeliverReply, RespondWithRag, SendThroughSession
from services.core.errors import PermanentError, TransientError
from services.handlers.messages import deliver, respond
from tests.unit.handlers.fakes import FakeChatLogRepository
from tests.unit.handlers.support import customer_says, indexed_document, open_body

FAQ = ["Delivery costs 5 dollars and takes two days within the city.",
       "Our shop is at 12 Market Street, next to the bank.",
       "We accept cards, cash and mobile money."]
DONT_KNOW = "I'm not sure; the team will get back to you."


@pytest.fixture
def faq(backend, vectors, embedder, tenant) -> dict:
    backend.db.bot_config[tenant] = {"user_id": tenant, "dont_know_reply": DONT_KNOW, "debounce_seconds": 0}
    indexed_document(backend, vectors, embedder, tenant, "faq.txt", FAQ)
    return backend.db.bot_config[tenant]


def _respond(backend, deps, keyring, tenant, text: str, **row) -> dict:
    inbound = customer_says(backend, keyring, tenant, text, status="classified", **row)
    respond(RespondWithRag(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]), deps=deps)
    return backend.db.inbox[inbound["id"]]


def _replies(backend, keyring) -> list[tuple[str, str]]:
    return [(row["reply_key"], open_body(keyring, row)) for row in backend.db.outbox.values()]


def test_a_question_the_documents_answer_gets_that_answer(backend, keyring, tenant, message_deps, faq) -> None:
    stored = _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    assert stored["status"] == "answered"
    assert stored["trace"]["respond"]["answer"] == "extractive"
    assert _replies(backend, keyring) == [(f"{stored['id']}:0", FAQ[0])]
    [job] = backend.publisher.jobs()
    assert isinstance(job, DeliverReply) and job.outbox_id == next(iter(backend.db.outbox))
    [logged] = backend.db.chat_logs
    assert (logged["outcome"], logged["intent"]) == ("answered", "Response")
    assert not backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]


def test_a_question_they_do_not_answer_gets_the_dont_know_reply(backend, keyring, tenant, message_deps,
                                                                faq) -> None:
    stored = _respond(backend, message_deps, keyring, tenant, "do you repair motorbikes?")
    assert stored["status"] == "answered"
    assert stored["trace"]["respond"]["answer"] == "abstained"
    assert [text for _, text in _replies(backend, keyring)] == [DONT_KNOW]
    assert backend.db.chat_logs[0]["outcome"] == "answered"


def test_a_business_that_wants_it_hands_unknown_questions_to_a_person(backend, keyring, tenant, message_deps,
                                                                      faq) -> None:
    faq["handoff_when_unknown"] = True
    stored = _respond(backend, message_deps, keyring, tenant, "do you repair motorbikes?")
    assert stored["status"] == "handed_off"
    assert backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]
    assert [text for _, text in _replies(backend, keyring)] == [DONT_KNOW]
    assert backend.db.chat_logs[0]["outcome"] == "handed_off"


def test_a_models_answer_is_sent_when_one_is_configured(backend, keyring, tenant, message_deps, chat, faq) -> None:
    faq.update(models=["openai/gpt-4o-mini"], model_calls=2)  # the reply alone, the verdict made before
    chat.texts = ["Delivery is 5 dollars in the city, two days."]
    stored = _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    assert stored["trace"]["respond"]["answer"] == "model"
    assert [text for _, text in _replies(backend, keyring)] == ["Delivery is 5 dollars in the city, two days."]
    assert FAQ[0] in str(chat.calls[0])  # the passage found is what the model was given
    assert chat.json_modes == [False]  # a plain reply: the verdict is not asked for again


def test_a_model_that_finds_no_answer_hands_over_as_the_business_chose(backend, keyring, tenant, message_deps,
                                                                        chat, faq) -> None:
    faq.update(models=["openai/gpt-4o-mini"], model_calls=2, handoff_when_unknown=True)
    chat.texts = ["\u201cI\u2019m not sure, the team will get back to you\u201d"]  # its given reply, retyped
    stored = _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    respond_trace = stored["trace"]["respond"]
    assert respond_trace["answer"] == "abstained" and respond_trace["declined_by"] == "openai/gpt-4o-mini"
    assert stored["status"] == "handed_off" and backend.db.chats[(tenant, stored["chat_id"])]["handoff_active"]
    assert [text for _, text in _replies(backend, keyring)] == [DONT_KNOW]  # the business's own words
    assert backend.db.chat_logs[0]["outcome"] == "handed_off"


def test_a_model_reply_that_goes_on_past_the_dont_know_words_is_an_answer(backend, keyring, tenant, message_deps,
                                                                          chat, faq) -> None:
    faq.update(models=["openai/gpt-4o-mini"], model_calls=2, handoff_when_unknown=True)
    chat.texts = [f"{DONT_KNOW} Delivery is 5 dollars in the city, though."]
    stored = _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    assert stored["trace"]["respond"]["answer"] == "model" and stored["status"] == "answered"


def test_a_long_answer_goes_out_in_parts_each_delivered(backend, keyring, tenant, message_deps, chat, faq) -> None:
    faq.update(models=["openai/gpt-4o-mini"], model_calls=2, max_reply_chars=80)
    chat.texts = [" ".join(["Delivery is 5 dollars in the city and takes two days."] * 3)]
    stored = _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    replies = _replies(backend, keyring)
    assert len(replies) > 1 and all(len(text) <= 80 for _, text in replies)
    assert [key for key, _ in replies] == [f"{stored['id']}:{i}" for i in range(len(replies))]
    assert len(backend.publisher.jobs(DeliverReply)) == len(replies)


def test_a_burst_is_answered_as_one_question(backend, keyring, tenant, message_deps, faq) -> None:
    faq["debounce_seconds"] = 10
    first = customer_says(backend, keyring, tenant, "hi", status="ignored")
    stored = _respond(backend, message_deps, keyring, tenant, "where is your shop?",
                      created_at=first["created_at"] + timedelta(seconds=3))
    assert [text for _, text in _replies(backend, keyring)] == [FAQ[1]]
    assert open_body(keyring, backend.db.chat_logs[0], prefix="") == "where is your shop?"  # the ignored one left out
    assert stored["status"] == "answered"


def test_nothing_is_written_or_sent_when_the_transaction_fails(backend, keyring, tenant, message_deps, faq,
                                                               monkeypatch) -> None:
    def broken_log(self, **_values):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(FakeChatLogRepository, "log", broken_log)
    with pytest.raises(RuntimeError):
        _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?")
    assert backend.db.outbox == {}
    assert backend.publisher.sent == []
    assert next(iter(backend.db.inbox.values()))["status"] == "classified"  # the redelivered job answers it


def test_a_redelivered_job_answers_once(backend, keyring, tenant, message_deps, faq) -> None:
    stored = _respond(backend, message_deps, keyring, tenant, "where is your shop?")
    respond(RespondWithRag(user_id=tenant, inbox_id=stored["id"]), deps=message_deps)
    assert len(backend.db.outbox) == 1 and len(backend.publisher.sent) == 1 and len(backend.db.chat_logs) == 1


def test_without_a_typing_pause_the_reply_is_delivered_by_the_same_task(backend, keyring, tenant, message_deps,
                                                                         transport, faq) -> None:
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0)
    stored = _respond(backend, deps, keyring, tenant, "how much does delivery cost?")
    assert stored["status"] == "answered"
    assert [sent["text"] for sent in transport.sent] == [FAQ[0]]
    assert [row["status"] for row in backend.db.outbox.values()] == ["sent"]
    assert backend.publisher.sent == []
    respond(RespondWithRag(user_id=tenant, inbox_id=stored["id"]), deps=deps)  # redelivered: nothing again
    assert len(transport.sent) == 1


def test_a_delivery_that_fails_transiently_is_queued_to_retry_on_its_own(backend, keyring, tenant, message_deps,
                                                                          transport, faq) -> None:
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0)
    transport.fail_with = TransientError("gateway down")
    stored = _respond(backend, deps, keyring, tenant, "how much does delivery cost?")
    assert stored["status"] == "answered"
    [reply] = backend.db.outbox.values()
    [job] = backend.publisher.jobs()
    assert isinstance(job, DeliverReply) and job.outbox_id == reply["id"]
    transport.fail_with = None
    deliver(job, deps=deps)
    assert [sent["text"] for sent in transport.sent] == [FAQ[0]]
    assert backend.db.outbox[reply["id"]]["status"] == "sent"


def test_a_refused_delivery_fails_its_reply_and_the_task(backend, keyring, tenant, message_deps, transport,
                                                         faq) -> None:
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0)
    transport.fail_with = PermanentError("not on WhatsApp")
    with pytest.raises(PermanentError):
        _respond(backend, deps, keyring, tenant, "how much does delivery cost?")
    [reply] = backend.db.outbox.values()
    assert reply["status"] == "failed" and "not on WhatsApp" in reply["last_error"]
    assert backend.publisher.sent == []


def test_a_reply_claimed_by_the_answer_and_cut_short_is_sent_once_by_the_sweepers_job(
        backend, keyring, tenant, message_deps, transport, faq, monkeypatch) -> None:
    """The answer's transaction leaves the reply `sending` (outbound.deliver's claim): a process that dies
    before the send leaves it to the sweeper, whose job sends it once."""
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0)

    def dies(*_args, **_kwargs):
        raise KeyboardInterrupt  # the process going away: no handler of the stages runs

    monkeypatch.setattr(transport, "send_text", dies)
    with pytest.raises(KeyboardInterrupt):
        _respond(backend, deps, keyring, tenant, "how much does delivery cost?")
    [reply] = backend.db.outbox.values()
    assert (reply["status"], reply["attempts"]) == ("sending", 1)
    monkeypatch.undo()
    deliver(DeliverReply(user_id=tenant, outbox_id=reply["id"], trace_id=reply["trace_id"]), deps=deps)
    deliver(DeliverReply(user_id=tenant, outbox_id=reply["id"], trace_id=reply["trace_id"]), deps=deps)
    assert [sent["text"] for sent in transport.sent] == [FAQ[0]] and reply["status"] == "sent"


def test_a_reply_a_session_host_sends_is_claimed_by_outbound_deliver_itself(backend, keyring, tenant, message_deps,
                                                                            transport, faq) -> None:
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0, session_owner=lambda _user: "host-1")
    _respond(backend, deps, keyring, tenant, "how much does delivery cost?")
    [reply] = backend.db.outbox.values()
    assert (reply["status"], reply["attempts"]) == ("sending", 1) and transport.sent == []
    [(job, queue)] = [(job, queue) for job, _countdown, queue in backend.publisher.sent]
    assert isinstance(job, SendThroughSession) and job.outbox_id == reply["id"] and queue == "host-1"


@pytest.mark.parametrize("status", ["filtered", "answered", "handed_off", "failed"])
def test_a_job_that_finds_the_message_moved_on_reads_nothing(backend, keyring, tenant, message_deps, faq, chat,
                                                             monkeypatch, status) -> None:
    read = []
    monkeypatch.setattr(FakeChatLogRepository, "history", lambda self, *args: read.append(args) or [])
    inbound = customer_says(backend, keyring, tenant, "where is your shop?", status=status)
    respond(RespondWithRag(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]), deps=message_deps)
    assert read == [] and chat.calls == []
    assert backend.db.outbox == {} and backend.db.chat_logs == [] and backend.publisher.sent == []
    assert backend.db.inbox[inbound["id"]]["status"] == status


def test_its_own_claim_reads_as_many_turns_as_the_business_asks_for(backend, keyring, tenant, message_deps, faq,
                                                                    chat) -> None:
    faq.update(history_turns=2, models=["openai/gpt-4o-mini"])
    chat_id = "15550001111@c.us"
    for index, direction in enumerate(["inbound", "outbound", "inbound", "outbound"]):
        FakeChatLogRepository(backend.db, tenant).log(
            user_id=tenant, chat_id=chat_id, direction=direction,
            body=keyring.seal(f"turn {index}", tenant=tenant, chat=chat_id), inbox_id=None,
            outcome="answered" if direction == "inbound" else None, reason=None, intent=None, trace={})
        backend.db.clock.advance(1)
    chat.texts = ["Delivery is 5 dollars."]
    _respond(backend, message_deps, keyring, tenant, "how much does delivery cost?", chat_id=chat_id,
             intent="Response")
    said = " ".join(m["content"] for m in chat.calls[0])
    assert "turn 2" in said and "turn 3" in said and "turn 1" not in said
