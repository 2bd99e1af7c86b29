"""The message stages' combined statements against Postgres, as the tenant: inbound.filter's claim (the chat
written and its rules read with it), intent.classify's verdict (the chat's history read with it) and rag.respond's
own claim (the business's settings and the chat's history read with it), and its answer (the message recorded,
logged and its replies written in one statement)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import psycopg
import pytest

from schemas.bot import BotSettings
from schemas.jobs import ProvisionTenant
from services.core.crypto import Sealed
from services.handlers.messages import REDONE_IF_LOST
from services.handlers.tenant import provision_tenant
from services.repositories.inbox import FilterClaim, InboundLog, NewReply, answer_reply_id
from tests.conftest import create_user

PHONE = "+2348070000123"


def _inbound(container, user: uuid.UUID, chat_id: str, *, phone: str | None = PHONE, from_me: bool = False,
             is_group: bool = False) -> uuid.UUID:
    with container.tenant_uow(user) as uow:
        inbox_id = uow.inbox.insert_inbound(
            user_id=user, provider_message_id=uuid.uuid4().hex, chat_id=chat_id, sender_phone=phone, sender_lid=None,
            is_group=is_group, from_me=from_me, mentions_me=False,
            body=container.keyring.seal("hello", tenant=user, chat=chat_id), media_ref=None,
            sent_at=datetime.now(UTC), trace_id=uuid.uuid4().hex)
    assert inbox_id is not None
    return inbox_id


def _claim(container, user: uuid.UUID, inbox_id: uuid.UUID) -> FilterClaim | None:
    with container.tenant_uow(user) as uow:
        return uow.inbox.claim_for_filter(inbox_id)


def _chat_row(container, user: uuid.UUID, chat_id: str) -> tuple | None:
    with container.tenant_uow(user) as uow:
        return uow.conn.execute(
            "select contact_phone, last_inbound_at from public.chats where chat_id = %s", [chat_id]).fetchone()


def test_the_filter_claim_writes_the_chat_and_reads_the_whitelist_of_its_own_business(container):
    shop, other = create_user(container), create_user(container)
    chat_id = f"{PHONE[1:]}@c.us"
    with container.tenant_uow(other) as uow:  # another business knows the same customer
        uow.conn.execute("insert into public.whitelists (user_id, phone) values (%s, %s)", [other, PHONE])
    inbox_id = _inbound(container, shop, chat_id)

    claimed = _claim(container, shop, inbox_id)
    assert claimed is not None and claimed.row.id == inbox_id and claimed.row.status == "received"
    assert claimed.chat is not None and not claimed.chat.whitelisted and not claimed.chat.handoff_active
    assert claimed.chat.group_auto_reply is None and isinstance(claimed.settings, BotSettings)
    assert _chat_row(container, shop, chat_id) == (PHONE, claimed.row.created_at)

    with container.tenant_uow(shop) as uow:
        uow.conn.execute("insert into public.whitelists (user_id, phone) values (%s, %s)", [shop, PHONE])
        uow.chats.start_handoff(shop, chat_id)
    again = _claim(container, shop, inbox_id)
    assert again is not None and again.chat is not None and again.chat.whitelisted and again.chat.handoff_active

    assert _claim(container, other, inbox_id) is None  # another business's message is not there for it


def test_a_message_past_received_leaves_its_chat_as_it_was(container):
    """A redelivered filter job changes nothing: no chat row is written from a message that moved on."""
    shop = create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    inbox_id = _inbound(container, shop, chat_id)
    with container.tenant_uow(shop) as uow:
        uow.inbox.set_inbound(inbox_id, status="filtered")
    claimed = _claim(container, shop, inbox_id)
    assert claimed is not None and claimed.row.status == "filtered" and claimed.chat is None
    assert _chat_row(container, shop, chat_id) is None


def test_the_filter_claim_reads_the_group_settings_of_its_own_business(container):
    shop, other = create_user(container), create_user(container)
    group = f"{uuid.uuid4().int % 10**12:012d}-1600000000@g.us"
    with container.tenant_uow(other) as uow:
        uow.conn.execute("insert into public.group_settings (user_id, group_id, auto_reply, mention_only) "
                         "values (%s, %s, true, true)", [other, group])
    first = _claim(container, shop, _inbound(container, shop, group, is_group=True))
    assert first is not None and first.chat is not None and first.chat.group_auto_reply is None
    with container.tenant_uow(shop) as uow:
        uow.conn.execute("insert into public.group_settings (user_id, group_id, auto_reply, mention_only) "
                         "values (%s, %s, true, false)", [shop, group])
    second = _claim(container, shop, _inbound(container, shop, group, is_group=True))
    assert second is not None and second.chat is not None
    assert (second.chat.group_auto_reply, second.chat.group_mention_only) == (True, False)


def test_an_owner_message_does_not_move_the_chats_last_inbound_time(container):
    shop = create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    customer = _claim(container, shop, _inbound(container, shop, chat_id))
    assert customer is not None
    owner = _claim(container, shop, _inbound(container, shop, chat_id, from_me=True, phone=None))
    assert owner is not None and owner.chat is not None
    assert _chat_row(container, shop, chat_id) == (PHONE, customer.row.created_at)


def test_the_verdict_statement_returns_the_history_as_history_reads_it(container):
    shop, other = create_user(container), create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    turns = [("inbound", "answered"), ("outbound", None), ("inbound", "ignored"), ("inbound", "answered"),
             ("outbound", None)]
    for index, (direction, outcome) in enumerate(turns):
        for user in (shop, other):  # the other business has a chat of the same id: never part of this history
            with container.tenant_uow(user) as uow:
                uow.chat_logs.log(user_id=user, chat_id=chat_id, direction=direction,
                                  body=container.keyring.seal(f"turn {index}", tenant=user, chat=chat_id),
                                  inbox_id=None, outcome=outcome, reason=None, intent=None, trace={})
    inbox_id = _inbound(container, shop, chat_id)
    with container.tenant_uow(shop) as uow:
        row = uow.inbox.inbound(inbox_id)
        assert row is not None
        expected = uow.chat_logs.history(chat_id, row.created_at, 3)
        assert uow.inbox.advance_inbound_with_history(
            inbox_id, expected="filtered", status="classified", intent="Response", trace={}, turns=3) is None
    with container.tenant_uow(shop) as uow:
        assert uow.inbox.inbound(inbox_id).status == "received"  # type: ignore[union-attr]  # not advanced
        advanced = uow.inbox.advance_inbound_with_history(
            inbox_id, expected="received", status="classified", intent="Response", trace={"intent": {"ms": 1}},
            turns=3)
    assert advanced is not None
    row, history = advanced
    assert (row.status, row.intent, row.trace) == ("classified", "Response", {"intent": {"ms": 1}})
    assert history == expected and [t.direction for t in history] == ["outbound", "inbound", "outbound"]
    assert [container.keyring.open(t.body, tenant=shop, chat=chat_id) for t in history] == [
        "turn 1", "turn 3", "turn 4"]

    first_message = _inbound(container, shop, f"{uuid.uuid4().int % 10**12:012d}@c.us")
    with container.tenant_uow(shop) as uow:
        quiet = uow.inbox.advance_inbound_with_history(
            first_message, expected="received", status="classified", intent=None, trace={}, turns=3)
    assert quiet is not None and quiet[1] == []


def _logged(container, user: uuid.UUID, chat_id: str, turns: list[tuple[str, str | None]]) -> None:
    for index, (direction, outcome) in enumerate(turns):
        with container.tenant_uow(user) as uow:
            uow.chat_logs.log(user_id=user, chat_id=chat_id, direction=direction,
                              body=container.keyring.seal(f"turn {index}", tenant=user, chat=chat_id),
                              inbox_id=None, outcome=outcome, reason=None, intent=None, trace={})


def test_the_respond_claim_reads_the_history_of_its_own_business_as_history_reads_it(container):
    shop, other = create_user(container), create_user(container)
    provision_tenant(ProvisionTenant(user_id=shop), tenant_uow=container.tenant_uow)
    with container.tenant_uow(shop) as uow:
        uow.conn.execute("update public.bot_config set history_turns = 3 where user_id = %s", [shop])
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    turns = [("inbound", "answered"), ("outbound", None), ("inbound", "ignored"), ("inbound", "answered"),
             ("outbound", None)]
    _logged(container, shop, chat_id, turns)
    _logged(container, other, chat_id, turns * 2)  # another business has a chat of the same id
    inbox_id = _inbound(container, shop, chat_id)
    _logged(container, shop, chat_id, [("outbound", None)])  # after the message: not its history
    with container.tenant_uow(shop) as uow:
        uow.inbox.set_inbound(inbox_id, status="classified", trace={"intent": {"ms": 1}})

    with container.tenant_uow(shop) as uow:
        claimed = uow.inbox.claim_for_respond(inbox_id)
        assert claimed is not None
        expected = uow.chat_logs.history(chat_id, claimed.row.created_at, 3)
    assert (claimed.row.id, claimed.row.status, claimed.row.trace) == (inbox_id, "classified", {"intent": {"ms": 1}})
    assert claimed.settings.history_turns == 3 and claimed.settings.enabled
    assert claimed.history == expected and [t.direction for t in claimed.history] == ["outbound", "inbound", "outbound"]
    assert [container.keyring.open(t.body, tenant=shop, chat=chat_id) for t in claimed.history] == [
        "turn 1", "turn 3", "turn 4"]

    with container.tenant_uow(other) as uow:  # another business's message is not there for it
        assert uow.inbox.claim_for_respond(inbox_id) is None

    with container.tenant_uow(shop) as uow:  # the business asks for no history: none is read
        uow.conn.execute("update public.bot_config set history_turns = 0 where user_id = %s", [shop])
        quiet = uow.inbox.claim_for_respond(inbox_id)
    assert quiet is not None and quiet.history == [] and quiet.settings.history_turns == 0


def test_the_respond_claim_locks_the_message(container):
    shop = create_user(container)
    provision_tenant(ProvisionTenant(user_id=shop), tenant_uow=container.tenant_uow)
    inbox_id = _inbound(container, shop, f"{uuid.uuid4().int % 10**12:012d}@c.us")
    with container.tenant_uow(shop) as uow:
        uow.inbox.set_inbound(inbox_id, status="classified")
    with container.tenant_uow(shop) as uow:
        claimed = uow.inbox.claim_for_respond(inbox_id)
        assert claimed is not None and claimed.history == []  # the chat's first message
        with pytest.raises(psycopg.errors.LockNotAvailable), container.tenant_uow(shop) as second:
            second.conn.execute("select 1 from public.inbox where id = %s for update nowait", [inbox_id])


@pytest.mark.parametrize("status", ["filtered", "answered", "handed_off", "failed"])
def test_a_message_not_classified_is_neither_claimed_for_respond_nor_read(container, status):
    """A redelivered or stale rag.respond job that finds the message moved on gets nothing: no row, no history,
    and no lock held on the message."""
    shop = create_user(container)
    provision_tenant(ProvisionTenant(user_id=shop), tenant_uow=container.tenant_uow)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    _logged(container, shop, chat_id, [("inbound", "answered"), ("outbound", None)])
    inbox_id = _inbound(container, shop, chat_id)
    with container.tenant_uow(shop) as uow:
        uow.inbox.set_inbound(inbox_id, status=status)
    with container.tenant_uow(shop) as uow:
        assert uow.inbox.claim_for_respond(inbox_id) is None
        with container.tenant_uow(shop) as second:  # not locked by the claim that found nothing
            assert second.conn.execute("select status from public.inbox where id = %s for update nowait",
                                       [inbox_id]).fetchone() == (status,)


def _answer(container, user: uuid.UUID, inbox_id: uuid.UUID, chat_id: str, replies: list[tuple[str, str, bool]],
            *, handoff: bool = False):
    """rag.respond's answer statement, as the tenant `user`: (key, text, sending) for each reply."""
    with container.tenant_uow(user) as uow:
        return _answer_in(uow, container, user, inbox_id, chat_id, replies, handoff=handoff)


def _answer_in(uow, container, user: uuid.UUID, inbox_id: uuid.UUID, chat_id: str,
               replies: list[tuple[str, str, bool]], *, handoff: bool = False):
    """`_answer` in the transaction `uow`."""
    log = InboundLog(container.keyring.seal("hello", tenant=user, chat=chat_id), outcome="answered",
                     reason="extractive", intent="Response")
    return uow.inbox.answer_inbound(
        inbox_id, expected="classified", status="answered", intent="Response", trace={"respond": {"ms": 2}},
        log=log, replies=[NewReply(key, container.keyring.seal(text, tenant=user, chat=chat_id), sending=sending)
                          for key, text, sending in replies], handoff=handoff)


def _outbox(container, user: uuid.UUID) -> dict[str, tuple]:
    """The business's replies by key: status, attempts, text, message, chat, trace id."""
    with container.tenant_uow(user) as uow:
        rows = uow.conn.execute(
            "select reply_key, status, attempts, body_ciphertext, body_nonce, body_key_id, inbox_id, chat_id, trace_id "
            "from public.outbox").fetchall()
    return {key: (status, attempts, container.keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user, chat=chat),
                  inbox_id, chat, trace_id)
            for key, status, attempts, ciphertext, nonce, key_id, inbox_id, chat, trace_id in rows}


def _inbound_turns(container, user: uuid.UUID, inbox_id: uuid.UUID) -> list[tuple]:
    with container.tenant_uow(user) as uow:
        return uow.conn.execute(
            "select direction, outcome, reason, intent, contact_phone, trace from public.chat_logs where inbox_id = %s",
            [inbox_id]).fetchall()


def _classified(container, user: uuid.UUID, chat_id: str) -> uuid.UUID:
    inbox_id = _inbound(container, user, chat_id)
    with container.tenant_uow(user) as uow:
        uow.inbox.set_inbound(inbox_id, status="classified")
    return inbox_id


def test_the_answer_statement_records_logs_and_writes_the_replies_once(container):
    """The message answered, its inbound turn logged and its replies written (one claimed for sending, one left
    `pending` for its typing pause) in one statement; a rerun (a redelivered job) writes nothing more."""
    shop = create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    inbox_id = _classified(container, shop, chat_id)
    with container.tenant_uow(shop) as uow:
        trace_id = uow.inbox.inbound(inbox_id).trace_id  # type: ignore[union-attr]
    replies = [(f"{inbox_id}:0", "Yes, we deliver.", True), (f"{inbox_id}:1", "It takes 3 days.", False)]

    written = _answer(container, shop, inbox_id, chat_id, replies)
    assert written is not None and set(written) == {f"{inbox_id}:0", f"{inbox_id}:1"}
    claimed, queued = written[f"{inbox_id}:0"], written[f"{inbox_id}:1"]
    assert (claimed.status, claimed.attempts, queued.status, queued.attempts) == ("sending", 1, "pending", 0)
    assert {claimed.user_id, queued.user_id} == {shop} and {claimed.inbox_id, queued.inbox_id} == {inbox_id}
    stored = _outbox(container, shop)
    assert stored == {
        f"{inbox_id}:0": ("sending", 1, "Yes, we deliver.", inbox_id, chat_id, trace_id),
        f"{inbox_id}:1": ("pending", 0, "It takes 3 days.", inbox_id, chat_id, trace_id),
    }
    assert _inbound_turns(container, shop, inbox_id) == [
        ("inbound", "answered", "extractive", "Response", PHONE, {"respond": {"ms": 2}})]
    with container.tenant_uow(shop) as uow:
        row = uow.inbox.inbound(inbox_id)
    assert row is not None and (row.status, row.intent, row.trace, row.attempts) == (
        "answered", "Response", {"respond": {"ms": 2}}, 2)

    # Redelivered: the message moved on, so nothing is logged, written or claimed again.
    assert _answer(container, shop, inbox_id, chat_id, replies) is None
    assert _outbox(container, shop) == stored
    assert len(_inbound_turns(container, shop, inbox_id)) == 1


class _CommitLost(Exception):
    """Stands for a Postgres crash that lost a commit made without waiting for the disk."""


def test_an_answer_written_again_after_its_commit_was_lost_sends_under_the_same_ids(container):
    """rag.respond's transaction does not wait for its commit to reach disk, and its reply may be sent before a
    crash loses that commit: the redone answer writes each reply under the id it had (the transport's
    `webhook-id`, on which the gateway drops the resend)."""
    shop = create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    inbox_id = _classified(container, shop, chat_id)
    replies = [(f"{inbox_id}:0", "Yes, we deliver.", True), (f"{inbox_id}:1", "It takes 3 days.", False)]

    first: dict = {}
    with pytest.raises(_CommitLost), container.tenant_uow(shop, settings=REDONE_IF_LOST) as uow:
        # The transaction runs with its commit not waited for, as the stage runs it.
        assert uow.conn.execute("show synchronous_commit").fetchone() == ("off",)
        first.update(_answer_in(uow, container, shop, inbox_id, chat_id, replies) or {})
        raise _CommitLost
    assert _outbox(container, shop) == {}  # the message is `classified` again, nothing written

    again = _answer(container, shop, inbox_id, chat_id, replies)
    assert again is not None
    ids = {key: answer_reply_id(inbox_id, key) for key, _text, _sending in replies}
    assert {key: row.id for key, row in first.items()} == {key: row.id for key, row in again.items()} == ids
    with container.tenant_uow(shop) as uow:
        assert dict(uow.conn.execute("select reply_key, id from public.outbox").fetchall()) == ids
        # Outside such a transaction, commits wait for the disk as configured.
        assert uow.conn.execute("show synchronous_commit").fetchone() == ("on",)


def test_the_answer_statement_keeps_each_replys_conflict_rule(container):
    """A key written before: a reply to claim is claimed as `start_sending` would (or left, when it is done), a
    pending one is found as `add_reply` finds it; neither is written twice."""
    shop = create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    inbox_id = _classified(container, shop, chat_id)
    keys = [f"{inbox_id}:{index}" for index in range(3)]
    with container.tenant_uow(shop) as uow:
        for key in keys:
            uow.outbox.add_reply(user_id=shop, reply_key=key, inbox_id=inbox_id, chat_id=chat_id,
                                 body=container.keyring.seal(f"earlier {key}", tenant=shop, chat=chat_id),
                                 trace_id=uuid.uuid4().hex)
        sent = uow.conn.execute("select id from public.outbox where reply_key = %s", [keys[1]]).fetchone()
        uow.outbox.mark_sent(sent[0], "wamid.sent")  # type: ignore[index]

    written = _answer(container, shop, inbox_id, chat_id, [(keys[0], "now 0", True), (keys[1], "now 1", True),
                                                            (keys[2], "now 2", False)])
    assert written is not None and set(written) == {keys[0], keys[2]}  # the sent one is done: not claimed
    stored = _outbox(container, shop)
    assert {key: stored[key][:3] for key in keys} == {
        keys[0]: ("sending", 1, f"earlier {keys[0]}"),
        keys[1]: ("sent", 0, f"earlier {keys[1]}"),
        keys[2]: ("pending", 0, f"earlier {keys[2]}"),
    }
    assert (written[keys[0]].status, written[keys[2]].status) == ("sending", "pending")


def test_the_answer_statement_touches_no_other_business(container):
    """As another business the message is not there: nothing is recorded, logged or written. A reply of another
    business under the same key is never claimed or changed."""
    shop, other = create_user(container), create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    inbox_id = _classified(container, shop, chat_id)
    key = f"{inbox_id}:0"
    with container.tenant_uow(other) as uow:
        uow.outbox.add_reply(user_id=other, reply_key=key, inbox_id=None, chat_id=chat_id,
                             body=container.keyring.seal("the other's", tenant=other, chat=chat_id),
                             trace_id=uuid.uuid4().hex)
    before = _outbox(container, other)

    assert _answer(container, other, inbox_id, chat_id, [(key, "not yours", True)]) is None
    assert _outbox(container, other) == before and _outbox(container, shop) == {}
    assert _inbound_turns(container, shop, inbox_id) == []
    with container.tenant_uow(shop) as uow:
        assert uow.inbox.inbound(inbox_id).status == "classified"  # type: ignore[union-attr]

    written = _answer(container, shop, inbox_id, chat_id, [(key, "yours", True)])
    assert written is not None and written[key].user_id == shop and written[key].status == "sending"
    assert _outbox(container, other) == before  # same key, another business: untouched
    assert _outbox(container, shop)[key][:3] == ("sending", 1, "yours")


def _handoff_active(container, user: uuid.UUID, chat_id: str) -> bool:
    with container.tenant_uow(user) as uow:
        row = uow.conn.execute("select handoff_active from public.chats where chat_id = %s", [chat_id]).fetchone()
    assert row is not None
    return row[0]


def test_the_answer_statement_hands_the_chat_off_only_for_its_own_business(container):
    shop, other = create_user(container), create_user(container)
    chat_id = f"{uuid.uuid4().int % 10**12:012d}@c.us"
    for user in (shop, other):  # both businesses have a chat of this id (the filter's claim writes it)
        assert _claim(container, user, _inbound(container, user, chat_id)) is not None
    quiet, handed = _classified(container, shop, chat_id), _classified(container, shop, chat_id)

    assert _answer(container, shop, quiet, chat_id, [(f"{quiet}:0", "answered", True)]) is not None
    assert not _handoff_active(container, shop, chat_id)
    assert _answer(container, other, handed, chat_id, [(f"{handed}:0", "x", True)], handoff=True) is None
    assert not _handoff_active(container, shop, chat_id) and not _handoff_active(container, other, chat_id)

    assert _answer(container, shop, handed, chat_id, [(f"{handed}:0", "a person will reply", True)],
                   handoff=True) is not None
    assert _handoff_active(container, shop, chat_id) and not _handoff_active(container, other, chat_id)
