"""Which of the message stages' transactions commit without waiting for the disk (`synchronous_commit = off`):
only those redone should their commit be lost (inbound.filter's, a verdict for rag.respond, the answer), never
one whose effect outside Postgres a redo would not repeat (a task handed to n8n, a canned reply, the reply
recorded as sent). See REDONE_IF_LOST in services/handlers/messages.py."""

from __future__ import annotations

import dataclasses
import json
import uuid

import pytest

from schemas.jobs import ClassifyIntent, FilterInbound
from services.handlers.messages import REDONE_IF_LOST, classify_intent, filter_inbound
from services.repositories.inbox import answer_reply_id
from tests.unit.handlers.support import customer_says, indexed_document

FAQ = ["Delivery costs 5 dollars and takes two days within the city."]
TASKS = {"allowed_task_types": ["create_order"], "debounce_seconds": 0,
         "intents": [{"key": "tiling_quote", "kind": "task",
                      "examples": ["I need a quote for tiling my bathroom", "quote me for tiling a kitchen floor",
                                   "send me a tiling quote for 20 square metres"]}]}


@pytest.fixture
def instant(message_deps):
    """Replies with no typing pause: delivered, and recorded as sent, by the task that wrote them."""
    return dataclasses.replace(message_deps, typing_delay_ms_per_char=0)


def test_an_answered_question_commits_its_stages_lazily_and_its_send_durably(backend, keyring, tenant, vectors,
                                                                             embedder, instant, transport) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 0}
    indexed_document(backend, vectors, embedder, tenant, "faq.txt", FAQ)
    row = customer_says(backend, keyring, tenant, "how much does delivery cost?")
    filter_inbound(FilterInbound(user_id=tenant, inbox_id=row["id"], trace_id=row["trace_id"]), deps=instant)

    assert backend.db.inbox[row["id"]]["status"] == "answered" and len(transport.sent) == 1
    filtered, classified, answered, sent = backend.db.commits
    assert filtered.inbox_moves == (("received", "filtered"),) and filtered.settings == REDONE_IF_LOST
    assert classified.inbox_moves == (("filtered", "classified"),) and classified.settings == REDONE_IF_LOST
    assert answered.inbox_moves == (("classified", "answered"),) and answered.settings == REDONE_IF_LOST
    assert "outbox" in answered.tables
    assert sent.tables >= {"outbox"} and not sent.inbox_moves and sent.settings == {}
    # The reply went out under its answer's own id: a redone answer would send it under the same one.
    [reply] = backend.db.outbox.values()
    assert reply["id"] == answer_reply_id(row["id"], f"{row['id']}:0") and reply["status"] == "sent"


def test_a_verdict_acted_on_commits_durably(backend, keyring, tenant, instant) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, **json.loads(json.dumps(TASKS))}
    row = customer_says(backend, keyring, tenant, "I need a quote for tiling my bathroom", status="filtered")
    classify_intent(ClassifyIntent(user_id=tenant, inbox_id=row["id"], trace_id=row["trace_id"]), deps=instant)

    assert backend.db.tasks
    [verdict, *_rest] = backend.db.commits
    assert "tasks" in verdict.tables and verdict.settings == {}
    assert all(commit.settings == {} for commit in backend.db.commits)


def test_answer_reply_ids_are_the_same_for_the_same_message_and_key() -> None:
    message, other = uuid.uuid4(), uuid.uuid4()
    assert answer_reply_id(message, f"{message}:0") == answer_reply_id(message, f"{message}:0")
    assert answer_reply_id(message, f"{message}:0") != answer_reply_id(message, f"{message}:1")
    assert answer_reply_id(message, "k") != answer_reply_id(other, "k")
    assert answer_reply_id(message, "k").version == 5
