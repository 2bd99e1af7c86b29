"""outbound.deliver: a reply is sent once and recorded; a refusal fails it with the reason, an outage leaves it
to be retried; a reply for a linked WhatsApp is handed to the host running it. Plus the give-up handlers."""

from __future__ import annotations

import dataclasses

import pytest

from schemas.jobs import ClassifyIntent, DeliverReply, SendThroughSession
from services.core.errors import PermanentError, TransientError
from services.handlers.messages import deliver, fail_inbound, fail_reply
from tests.unit.handlers.support import customer_says, open_body


def _reply(backend, keyring, tenant, text: str = "We open at 9.", chat_id: str = "15550001111@c.us",
           **values) -> dict:
    with backend.tenant_uow(tenant) as uow:
        outbox_id = uow.outbox.add_reply(user_id=tenant, reply_key=f"{chat_id}:0", inbox_id=None, chat_id=chat_id,
                                         body=keyring.seal(text, tenant=tenant, chat=chat_id),
                                         trace_id="0" * 32)
    backend.db.outbox[outbox_id].update(values)
    return backend.db.outbox[outbox_id]


def _deliver(deps, row) -> None:
    deliver(DeliverReply(user_id=row["user_id"], outbox_id=row["id"], trace_id=row["trace_id"]), deps=deps)


def test_a_reply_is_sent_recorded_and_announced(backend, keyring, tenant, message_deps, transport, events) -> None:
    row = _reply(backend, keyring, tenant)
    _deliver(message_deps, row)
    assert transport.sent == [{"user_id": tenant, "chat_id": row["chat_id"], "text": "We open at 9.",
                               "key": str(row["id"])}]
    assert (row["status"], row["provider_message_id"], row["attempts"]) == ("sent", "wamid.out.1", 1)
    [logged] = backend.db.chat_logs
    assert logged["direction"] == "outbound" and open_body(keyring, logged, prefix="") == "We open at 9."
    assert events.published == [(tenant, "message.sent", {"outbox_id": str(row["id"]), "chat_id": row["chat_id"]})]


def test_a_sent_reply_is_not_sent_again(backend, keyring, tenant, message_deps, transport) -> None:
    row = _reply(backend, keyring, tenant)
    _deliver(message_deps, row)
    _deliver(message_deps, row)
    assert len(transport.sent) == 1 and len(backend.db.chat_logs) == 1


def test_a_refused_reply_fails_with_the_reason(backend, keyring, tenant, message_deps, transport) -> None:
    transport.fail_with = PermanentError("the number is not on WhatsApp")
    row = _reply(backend, keyring, tenant)
    with pytest.raises(PermanentError):
        _deliver(message_deps, row)
    assert (row["status"], row["last_error"]) == ("failed", "the number is not on WhatsApp")
    assert backend.db.chat_logs == []


def test_an_outage_leaves_the_reply_to_be_retried(backend, keyring, tenant, message_deps, transport) -> None:
    transport.fail_with = TransientError("gateway timed out")
    row = _reply(backend, keyring, tenant)
    with pytest.raises(TransientError):
        _deliver(message_deps, row)
    assert (row["status"], row["attempts"]) == ("sending", 1)
    transport.fail_with = None
    _deliver(message_deps, row)  # the retry
    assert (row["status"], row["attempts"]) == ("sent", 2)


def test_a_reply_for_a_linked_whatsapp_goes_to_the_host_running_it(backend, keyring, tenant, message_deps,
                                                                   transport) -> None:
    deps = dataclasses.replace(message_deps, session_owner=lambda user_id: "sessions.host-a")
    row = _reply(backend, keyring, tenant)
    _deliver(deps, row)
    [(job, _, queue)] = backend.publisher.sent
    assert isinstance(job, SendThroughSession) and job.outbox_id == row["id"] and queue == "sessions.host-a"
    assert transport.sent == [] and row["status"] == "sending"  # the host records the outcome


def test_a_playground_reply_never_goes_to_the_phone(backend, keyring, tenant, message_deps, transport) -> None:
    deps = dataclasses.replace(message_deps, session_owner=lambda user_id: "sessions.host-a")
    row = _reply(backend, keyring, tenant, chat_id="owner@playground")
    _deliver(deps, row)
    assert backend.publisher.sent == [] and [s["chat_id"] for s in transport.sent] == ["owner@playground"]


def test_a_given_up_reply_is_failed_with_the_error_unless_it_went_out(backend, keyring, tenant,
                                                                      message_deps) -> None:
    pending = _reply(backend, keyring, tenant, status="sending")
    sent = _reply(backend, keyring, tenant, chat_id="15550002222@c.us", status="sent")
    for row in (pending, sent):
        fail_reply(DeliverReply(user_id=tenant, outbox_id=row["id"]), TransientError("gateway down"),
                   deps=message_deps)
    assert (pending["status"], pending["last_error"]) == ("failed", "TransientError: gateway down")
    assert sent["status"] == "sent"


@pytest.mark.parametrize(("status", "after"), [("filtered", "failed"), ("classified", "failed"),
                                               ("answered", "answered"), ("ignored", "ignored")])
def test_a_given_up_message_is_failed_unless_it_was_finished(backend, keyring, tenant, message_deps, status,
                                                             after) -> None:
    row = customer_says(backend, keyring, tenant, "hello", status=status)
    fail_inbound(ClassifyIntent(user_id=tenant, inbox_id=row["id"]), ValueError("bad settings"), deps=message_deps)
    assert backend.db.inbox[row["id"]]["status"] == after
    if after == "failed":
        assert backend.db.inbox[row["id"]]["decision_reason"] == "ValueError: bad settings"
