"""What the owner reads: threads per customer with a reply box, an overview of customers only, lists that page."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from services.repositories.activity import DONT_KNOW_ANSWER
from tests.dashboard.test_pages import _user

CHAT = "2348070000002@c.us"


def _message(container, user, chat, text, *, status="answered", trace=None, from_me=False, outcome="answered"):
    sealed = container.keyring.seal(text, tenant=user, chat=chat)
    with container.tenant_uow(user) as uow:
        inbox_id = uow.conn.execute(
            """insert into public.inbox (user_id, provider_message_id, chat_id, sender_phone, from_me, body_ciphertext,
                   body_nonce, body_key_id, status, trace_id, trace)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb) returning id""",
            [user, uuid.uuid4().hex, chat, "+" + chat.split("@")[0], from_me, sealed.ciphertext, sealed.nonce,
             sealed.key_id, status, uuid.uuid4().hex, json.dumps(trace or {})]).fetchone()[0]
        uow.chats.chat_rules(user, chat, phone="+" + chat.split("@")[0], lid=None, is_group=False,
                             inbound_at=datetime.now(UTC))
        uow.chat_logs.log(user_id=user, chat_id=chat, direction="inbound", body=sealed, inbox_id=inbox_id,
                          outcome=outcome, reason=(trace or {}).get("respond", {}).get("answer"), intent="Response",
                          trace=trace or {})
    return inbox_id


def test_a_conversation_is_a_thread_the_owner_can_reply_in(browser, container):
    user = _user(container, browser.sign_up())
    palm_oil = _message(container, user, CHAT, "Do you sell palm oil?",
                        trace={"respond": {"answer": DONT_KNOW_ANSWER, "chunks": []}})
    listing = browser.get("/dashboard/logs").get_data(as_text=True)
    assert "Do you sell palm oil?" in listing and "+2348070000002" in listing
    thread = browser.get(f"/dashboard/logs/chats/{CHAT}")
    html = thread.get_data(as_text=True)
    assert thread.status_code == 200 and "Do you sell palm oil?" in html and "Reply as your business" in html
    # The don't-know reply went out ("answered"), but the owner reads that the documents did not answer it.
    assert "Didn&#39;t know" in html and "Your documents did not answer this" in html
    why = browser.get(f"/dashboard/logs/messages/{palm_oil}")  # the thread's "why?" link
    assert why.status_code == 200 and 'data-status="answered">Didn&#39;t know<' in why.get_data(as_text=True)
    key = html.split('name="key" type="hidden" value="')[1].split('"')[0]
    empty = browser.post(f"/dashboard/logs/chats/{CHAT}/reply", {"key": key, "text": " "},
                         page=f"/dashboard/logs/chats/{CHAT}")
    assert empty.status_code == 400 and "Write a reply first." in empty.get_data(as_text=True)
    for _ in range(2):  # the same form posted twice sends one reply
        sent = browser.post(f"/dashboard/logs/chats/{CHAT}/reply",
                            {"key": key, "text": "Yes, 5 litres for 9,000."}, page=f"/dashboard/logs/chats/{CHAT}")
        assert sent.status_code == 302
    with container.tenant_uow(user) as uow:
        replies = uow.conn.execute("select reply_key, inbox_id from public.outbox where chat_id = %s",
                                   [CHAT]).fetchall()
        paused = uow.conn.execute("select paused_until from public.chats where chat_id = %s", [CHAT]).fetchone()[0]
        audited = uow.conn.execute("select count(*) from public.audit_logs where action = 'chat.owner_replied'"
                                   ).fetchone()[0]
    assert replies == [(f"owner:{key}", None)]
    assert paused is not None and paused > datetime.now(UTC) and audited == 1
    assert "bot is paused in this chat" in browser.get(f"/dashboard/logs/chats/{CHAT}").get_data(as_text=True)
    assert browser.post("/dashboard/logs/chats/nobody@c.us/reply", {"key": "k", "text": "hi"},
                        page="/dashboard/logs").status_code == 404


def test_the_overview_counts_customers_only_and_lists_questions_without_an_answer(browser, container):
    user = _user(container, browser.sign_up(name="Ama's Kitchen"))
    _message(container, user, CHAT, "Do you sell palm oil?", trace={"respond": {"answer": DONT_KNOW_ANSWER}})
    _message(container, user, "2348070000003@c.us", "do you sell palm oil",
             trace={"respond": {"answer": DONT_KNOW_ANSWER}})
    _message(container, user, "2348070000003@c.us", "Thanks",
             trace={"respond": {"answer": "extractive", "chunks": [1]}})
    for n in range(3):
        _message(container, user, f"00000000000{n}@playground", "Do you deliver?",
                 trace={"respond": {"answer": DONT_KNOW_ANSWER}})
    html = browser.get("/dashboard").get_data(as_text=True)
    assert "Ama&#39;s Kitchen" in html
    assert 'id="stat-messages">3<' in html  # the playground's three are not customers
    unanswered = html.split('id="unanswered"')[1]
    assert "asked 2 times" in unanswered and "Do you deliver?" not in unanswered
    assert "<svg" in html and "Customer messages per day" in html
    assert browser.get("/dashboard?days=90").status_code == 200
    assert "Pick a start before the end" in browser.get("/dashboard?since=2026-02-01&until=2026-01-01").get_data(
        as_text=True)
    assert "Do you deliver?" not in browser.get("/dashboard/logs").get_data(as_text=True)


def test_the_first_run_checklist_ticks_itself(browser, container):
    user = _user(container, browser.sign_up())
    first = browser.get("/dashboard").get_data(as_text=True)
    assert "0 of 4 done" in first and "Link WhatsApp" in first
    _message(container, user, "000000000009@playground", "Hello?")
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.sessions set status = 'WORKING', phone = '+2348000000000'")
    later = browser.get("/dashboard").get_data(as_text=True)
    assert "3 of 4 done" in later and "Upload documents" in later  # the bot is on from the start


def test_long_lists_say_how_much_is_shown_and_page_on(browser, container):
    user = _user(container, browser.sign_up())
    with container.tenant_uow(user) as uow:
        for n in range(60):
            uow.audit.log(user, "whitelist.added", {"phone": f"+23480100000{n:02d}"})
    first = browser.get("/dashboard/logs?tab=audit").get_data(as_text=True)
    assert "Showing 1\u201350 of 6" in first and "You added +2348010000059 to the whitelist." in first
    second = browser.get("/dashboard/logs?tab=audit&page=2").get_data(as_text=True)
    assert "Showing 51\u2013" in second and "Newer" in second
    assert "{&#34;" not in first and "kb.document" not in first


def test_a_chat_known_only_by_its_task_opens_instead_of_a_404(browser, container):
    """A task created over REST has no customer message behind it; the Tasks tab's link still opens."""
    user = _user(container, browser.sign_up())
    chat = "2348070000099@c.us"
    with container.tenant_uow(user) as uow:
        uow.conn.execute("insert into public.tasks (user_id, chat_id, task_type, trace_id) values (%s, %s, %s, %s)",
                         [user, chat, "create_order", uuid.uuid4().hex])
    opened = browser.get(f"/dashboard/logs/chats/{chat}")
    assert opened.status_code == 200 and "No messages in this chat yet." in opened.get_data(as_text=True)
    assert browser.get("/dashboard/logs/chats/2348070000098@c.us").status_code == 404


def test_the_playground_says_when_the_documents_did_not_answer(browser, container):
    user = _user(container, browser.sign_up())
    chat = "000000000042@playground"
    with browser.client.session_transaction() as kept:
        kept["playground_chat"] = chat
    _message(container, user, chat, "Do you sell tea?", trace={"respond": {"answer": DONT_KNOW_ANSWER, "chunks": []}})
    _message(container, user, chat, "How much is delivery?",
             trace={"respond": {"answer": "extractive", "chunks": [1]}})
    html = browser.get("/dashboard/playground").get_data(as_text=True)
    tea, delivery = html.split("Do you sell tea?")[1], html.split("How much is delivery?")[1]
    assert "Your documents did not answer this" in tea.split("</small>")[0]
    assert "Your documents did not answer this" not in delivery.split("</small>")[0]
