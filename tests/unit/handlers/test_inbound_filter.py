"""inbound.filter: which messages go on to be answered, and the reason recorded for each one that does not."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from schemas.jobs import ClassifyIntent, FilterInbound
from services.handlers.messages import filter_inbound
from tests.unit.handlers.support import customer_says, open_body


def _filter(backend, deps, row) -> dict:
    filter_inbound(FilterInbound(user_id=row["user_id"], inbox_id=row["id"], trace_id=row["trace_id"]), deps=deps)
    return backend.db.inbox[row["id"]]


def _ignored_for(backend, deps, row, reason: str) -> None:
    stored = _filter(backend, deps, row)
    assert (stored["status"], stored["decision_reason"]) == ("ignored", reason)
    assert stored["trace"]["filter"]["reason"] == reason
    assert backend.publisher.sent == []
    [logged] = backend.db.chat_logs
    assert (logged["direction"], logged["outcome"], logged["reason"]) == ("inbound", "ignored", reason)
    assert open_body(deps.keyring, logged, prefix="") == open_body(deps.keyring, row)


def test_a_message_to_answer_is_filtered_and_classified_after_the_debounce_window(
        backend, keyring, tenant, message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 7}
    row = customer_says(backend, keyring, tenant, "do you deliver on Sundays?")
    stored = _filter(backend, message_deps, row)
    assert (stored["status"], stored["decision_reason"]) == ("filtered", "answer")
    [(job, countdown, queue)] = backend.publisher.sent
    assert isinstance(job, ClassifyIntent) and job.inbox_id == row["id"] and job.trace_id == row["trace_id"]
    assert (countdown, queue) == (7, None)
    assert backend.db.chat_logs == []  # logged once, when the message is answered
    chat = backend.db.chats[(tenant, row["chat_id"])]
    assert chat["contact_phone"] == row["sender_phone"]


def test_a_tenant_without_settings_has_the_bot_off(backend, keyring, tenant, message_deps) -> None:
    row = customer_says(backend, keyring, tenant, "hello")
    _ignored_for(backend, message_deps, row, "the bot is switched off")


@pytest.mark.parametrize(("whitelisted", "status"), [(True, "filtered"), (False, "ignored")])
def test_with_the_whitelist_on_only_listed_contacts_are_answered(backend, keyring, tenant, message_deps,
                                                                  whitelisted, status) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "whitelist_enabled": True}
    row = customer_says(backend, keyring, tenant, "hello", sender_phone="+15550002222")
    backend.db.whitelists.append({"user_id": tenant, "phone": "+15550002222" if whitelisted else "+15559999999",
                                  "lid": None})
    stored = _filter(backend, message_deps, row)
    assert stored["status"] == status
    if not whitelisted:
        assert stored["decision_reason"] == "the contact is not on the whitelist"


def test_another_tenants_whitelist_lets_nobody_through(backend, keyring, tenant, message_deps) -> None:


    backend.db.bot_config[tenant] = {"user_id": tenant, "whitelist_enabled": True}
    backend.db.whitelists.append({"user_id": uuid.uuid4(), "phone": "+15550002222", "lid": None})
    row = customer_says(backend, keyring, tenant, "hello", sender_phone="+15550002222")
    _ignored_for(backend, message_deps, row, "the contact is not on the whitelist")


@pytest.mark.parametrize(("group", "mentions_me", "reason"), [
    (None, True, "auto-reply is off for this group"),
    ({"auto_reply": False, "mention_only": False}, True, "auto-reply is off for this group"),
    ({"auto_reply": True, "mention_only": True}, False, "the business was not mentioned in the group"),
    ({"auto_reply": True, "mention_only": True}, True, None),
    ({"auto_reply": True, "mention_only": False}, False, None),
])
def test_groups_are_answered_only_as_their_settings_say(backend, keyring, tenant, message_deps, group, mentions_me,
                                                         reason) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "whitelist_enabled": True}  # groups skip the whitelist
    chat_id = "120363000000000001@g.us"
    if group is not None:
        backend.db.group_settings[(tenant, chat_id)] = {"user_id": tenant, "group_id": chat_id, **group}
    row = customer_says(backend, keyring, tenant, "what are your prices?", chat_id=chat_id, is_group=True,
                        mentions_me=mentions_me)
    if reason:
        _ignored_for(backend, message_deps, row, reason)
    else:
        assert _filter(backend, message_deps, row)["status"] == "filtered"


def test_the_owners_own_message_pauses_the_chat(backend, keyring, tenant, message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "owner_pause_minutes": 30}
    row = customer_says(backend, keyring, tenant, "I'll handle this one", from_me=True)
    before = datetime.now(UTC)
    _ignored_for(backend, message_deps, row, "sent by the owner")
    paused = backend.db.chats[(tenant, row["chat_id"])]["paused_until"]
    assert before + timedelta(minutes=30) <= paused <= datetime.now(UTC) + timedelta(minutes=30)
    # The customer's next message, within the pause, is left to the owner.
    after = customer_says(backend, keyring, tenant, "thanks!")
    backend.db.chat_logs.clear()
    _ignored_for(backend, message_deps, after, "paused: the owner replied in this chat recently")


def test_a_chat_a_person_handles_is_left_alone(backend, keyring, tenant, message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant}
    backend.db.add_chat(user_id=tenant, chat_id="15550001111@c.us", handoff_active=True)
    row = customer_says(backend, keyring, tenant, "hello?")
    _ignored_for(backend, message_deps, row, "a person is handling this chat")


def test_a_media_only_message_is_not_answered(backend, keyring, tenant, message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant}
    row = customer_says(backend, keyring, tenant, "", media_ref="media/photo.jpg")
    _ignored_for(backend, message_deps, row, "no text to answer (media only)")


def test_without_a_debounce_window_the_same_task_classifies_and_answers(backend, keyring, tenant, message_deps,
                                                                         transport) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 0, "dont_know_reply": "We'll ask."}
    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0)
    row = customer_says(backend, keyring, tenant, "do you deliver on Sundays?")
    stored = _filter(backend, deps, row)
    assert stored["status"] == "answered"
    assert set(stored["trace"]) >= {"filter", "intent", "respond"}  # each stage's own entry
    assert [sent["text"] for sent in transport.sent] == ["We'll ask."]
    assert backend.publisher.sent == []
    logged = len(backend.db.chat_logs)  # the message and the reply
    _filter(backend, deps, row)  # handed out again: nothing more
    assert len(transport.sent) == 1 and len(backend.db.chat_logs) == logged == 2


def test_a_job_handed_out_again_before_its_classification_finished_carries_on(backend, keyring, tenant,
                                                                               message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 0}
    row = customer_says(backend, keyring, tenant, "do you deliver on Sundays?", status="filtered")
    assert _filter(backend, message_deps, row)["status"] == "answered"


def test_a_redelivered_or_stale_job_changes_nothing(backend, keyring, tenant, message_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant}
    row = customer_says(backend, keyring, tenant, "hello")
    _filter(backend, message_deps, row)
    _filter(backend, message_deps, row)  # the broker delivered the job twice
    assert len(backend.publisher.jobs(ClassifyIntent)) == 1
    assert backend.db.inbox[row["id"]]["attempts"] == 1
    answered = customer_says(backend, keyring, tenant, "hi", status="answered")
    assert _filter(backend, message_deps, answered)["status"] == "answered"
    assert len(backend.publisher.sent) == 1


def test_a_redelivered_job_leaves_the_chat_as_it_was(backend, keyring, tenant, message_deps) -> None:
    """The claim writes the chat's row only for a message still `received` (one statement in Postgres)."""
    backend.db.bot_config[tenant] = {"user_id": tenant}
    row = customer_says(backend, keyring, tenant, "hello")
    _filter(backend, message_deps, row)
    backend.db.chats.clear()  # as if the chat had been deleted since
    _filter(backend, message_deps, row)  # the broker delivered the job again
    assert backend.db.chats == {}


def test_another_tenants_job_cannot_reach_the_message(backend, keyring, tenant, message_deps) -> None:


    backend.db.bot_config[tenant] = {"user_id": tenant}
    row = customer_says(backend, keyring, tenant, "hello")
    filter_inbound(FilterInbound(user_id=uuid.uuid4(), inbox_id=row["id"]), deps=message_deps)
    assert backend.db.inbox[row["id"]]["status"] == "received"
    assert backend.publisher.sent == []


def test_without_a_debounce_window_or_typing_pause_each_claim_rides_the_transaction_before_it(
        backend, keyring, tenant, message_deps, transport) -> None:
    """filter (and intent.classify's claim), the verdict (and rag.respond's claim), the answer (and
    outbound.deliver's claim), the send's record: four of the stages' own transactions, where each stage
    claiming in one of its own took seven; plus the answer's read of the documents (with this fake vector
    store, the words' rarity; with pgvector, the search)."""
    backend.db.bot_config[tenant] = {"user_id": tenant, "debounce_seconds": 0, "dont_know_reply": "We'll ask."}
    opened = []

    def counted(user_id, *, settings=None):
        opened.append(user_id)
        return backend.tenant_uow(user_id, settings=settings)

    deps = dataclasses.replace(message_deps, typing_delay_ms_per_char=0, tenant_uow=counted)
    row = customer_says(backend, keyring, tenant, "do you deliver on Sundays?")
    stored = _filter(backend, deps, row)
    assert stored["status"] == "answered" and set(stored["trace"]) >= {"filter", "intent", "respond"}
    assert [sent["text"] for sent in transport.sent] == ["We'll ask."]
    [reply] = backend.db.outbox.values()
    assert (reply["status"], reply["attempts"]) == ("sent", 1)  # claimed once, by the answer's transaction
    assert opened == [tenant] * 5
