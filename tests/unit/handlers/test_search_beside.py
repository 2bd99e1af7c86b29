"""intent.classify starts rag.respond's search beside the verdict's transaction when the verdict is a question
for the documents: rag.respond takes it when it searched what the answer searches, and searches for itself
otherwise (a follow-up read with the message before it, a search that failed), so the reply is the one
rag.respond gives on its own."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Executor, Future

import psycopg
import pytest

from schemas.jobs import ClassifyIntent, SendThroughSession
from services.handlers.messages import classify_intent
from tests.unit.handlers.fakes import FakeChatLogRepository
from tests.unit.handlers.support import customer_says, indexed_document

FAQ = ["Delivery costs 5 dollars and takes two days within the city.",
       "Our shop is at 12 Market Street, next to the bank.",
       "We accept cards, cash and mobile money."]
CHAT = "15550001111@c.us"


class _AtOnce(Executor):
    """Runs a job as it is submitted, in the caller's thread (the fake database is one thread's): the search's
    outcome, made before the verdict's transaction opens, as a thread beside it may make it."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


@pytest.fixture
def shop(backend, vectors, embedder, tenant) -> dict:
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 0}
    indexed_document(backend, vectors, embedder, tenant, "faq.txt", FAQ)
    return backend.db.bot_config[tenant]


@pytest.fixture
def deps(message_deps):
    return dataclasses.replace(message_deps, searches=_AtOnce(), typing_delay_ms_per_char=0)


@pytest.fixture
def searches(backend, vectors, monkeypatch) -> list[tuple[str, list[float]]]:
    """Each search of the documents: the message's status when it was made, and the vector it searched."""
    made: list[tuple[str, list[float]]] = []
    query = vectors.query

    def noted(user_id, vector, *args, **kwargs):
        [status] = {row["status"] for row in backend.db.inbox.values()}
        made.append((status, vector))
        return query(user_id, vector, *args, **kwargs)

    monkeypatch.setattr(vectors, "query", noted)
    return made


def _classify(backend, deps, keyring, tenant, text: str) -> dict:
    inbound = customer_says(backend, keyring, tenant, text, status="filtered", chat_id=CHAT)
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=inbound["id"], trace_id=inbound["trace_id"]), deps=deps)
    return backend.db.inbox[inbound["id"]]


def test_a_question_is_searched_once_beside_its_verdict(backend, keyring, tenant, deps, shop, searches,
                                                        transport) -> None:
    stored = _classify(backend, deps, keyring, tenant, "how much does delivery cost?")
    assert (stored["status"], stored["intent"]) == ("answered", "Response")
    assert [status for status, _ in searches] == ["filtered"]  # before the verdict committed, not after it
    assert stored["trace"]["respond"]["answer"] == "extractive"
    assert [sent["text"] for sent in transport.sent] == [FAQ[0]]


def test_the_reply_is_the_one_rag_respond_gives_searching_for_itself(backend, keyring, tenant, deps, message_deps,
                                                                     shop, transport) -> None:
    _classify(backend, deps, keyring, tenant, "where is your shop?")
    alone = dataclasses.replace(deps, searches=None)
    customer_says(backend, keyring, tenant, "where is your shop?", status="filtered", chat_id="15550002222@c.us")
    [second] = [row for row in backend.db.inbox.values() if row["chat_id"] == "15550002222@c.us"]
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=second["id"], trace_id=second["trace_id"]), deps=alone)
    first, again = transport.sent
    assert first["text"] == again["text"] == FAQ[1]
    traces = [row["trace"]["respond"] for row in backend.db.inbox.values()]
    assert traces[0]["ranked"] == traces[1]["ranked"]


def test_a_follow_up_read_with_the_message_before_it_is_searched_again(backend, keyring, tenant, deps, shop,
                                                                       searches, embedder, transport) -> None:
    FakeChatLogRepository(backend.db, tenant).log(
        user_id=tenant, chat_id=CHAT, direction="inbound", body=keyring.seal("where is your shop?", tenant=tenant,
                                                                             chat=CHAT),
        inbox_id=None, outcome="answered", reason=None, intent="Response", trace={})
    backend.db.clock.advance(1)
    stored = _classify(backend, deps, keyring, tenant, "and is it near the bank?")
    assert stored["status"] == "answered"
    # The message alone beside the verdict; then what the answer searches: the message with the one before it.
    assert [status for status, _ in searches] == ["filtered", "classified"]
    [context] = embedder.embed(["where is your shop?\nand is it near the bank?"])
    assert searches[1][1] == pytest.approx(context)
    assert [sent["text"] for sent in transport.sent] == [FAQ[1]]


def test_a_search_beside_that_failed_is_made_again_by_rag_respond(backend, keyring, tenant, deps, shop, searches,
                                                                  vectors, monkeypatch, transport) -> None:
    query = vectors.query
    failures = [psycopg.OperationalError("server closed the connection")]

    def once_down(*args, **kwargs):
        if failures:
            raise failures.pop()
        return query(*args, **kwargs)

    monkeypatch.setattr(vectors, "query", once_down)
    stored = _classify(backend, deps, keyring, tenant, "how much does delivery cost?")
    assert stored["status"] == "answered" and failures == []
    assert [status for status, _ in searches] == ["classified"]  # the one that worked: rag.respond's own
    assert [sent["text"] for sent in transport.sent] == [FAQ[0]]


def test_a_verdict_acted_on_starts_no_search(backend, keyring, tenant, deps, shop, searches) -> None:
    stored = _classify(backend, deps, keyring, tenant, "I want to talk to a human")
    assert stored["status"] == "handed_off"
    assert searches == []


def test_with_a_debounce_window_the_answer_searches_for_itself(backend, keyring, tenant, deps, shop,
                                                               searches) -> None:
    shop["debounce_seconds"] = 4  # the question is the burst, not this message
    stored = _classify(backend, deps, keyring, tenant, "how much does delivery cost?")
    assert stored["status"] == "answered"
    assert [status for status, _ in searches] == ["classified"]


def test_a_reply_a_session_host_sends_is_still_handed_to_it(backend, keyring, tenant, deps, shop,
                                                             transport) -> None:
    hosted = dataclasses.replace(deps, session_owner=lambda _user: "host-1")
    _classify(backend, hosted, keyring, tenant, "how much does delivery cost?")
    [reply] = backend.db.outbox.values()
    assert (reply["status"], reply["attempts"]) == ("sending", 1) and transport.sent == []
    [(job, queue)] = [(job, queue) for job, _countdown, queue in backend.publisher.sent]
    assert isinstance(job, SendThroughSession) and job.outbox_id == reply["id"] and queue == "host-1"
