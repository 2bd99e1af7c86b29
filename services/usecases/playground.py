"""The dashboard's playground: the owner writes as a customer and the real pipeline answers.

Playground chats (`…@playground`) pass every stage like a WhatsApp chat; only the
last step differs: the reply is shown in the dashboard instead of being sent.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

from schemas.messages import PLAYGROUND_SUFFIX, InboundMessage
from services.repositories.conversations import ConversationRepository
from services.usecases.inbound import accept
from services.usecases.message_views import readable
from services.usecases.tenant_data import TenantData


class PlaygroundRouting:
    """A transport that keeps playground replies in Salesboy and hands every other chat to `inner`."""

    def __init__(self, inner, events) -> None:
        self._inner = inner
        self._events = events

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        if not chat_id.endswith(PLAYGROUND_SUFFIX):
            return self._inner.send_text(user_id, chat_id, text, idempotency_key)
        self._events.publish(user_id, "playground.reply", {"chat_id": chat_id, "outbox_id": idempotency_key})
        return f"playground.{idempotency_key}"

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


def new_chat_id() -> str:
    return f"{secrets.randbelow(10**12):012d}{PLAYGROUND_SUFFIX}"


def ask(deps: TenantData, user_id: uuid.UUID, chat_id: str, text: str) -> uuid.UUID:
    """Put the owner's message into the pipeline exactly as a WhatsApp message would arrive."""
    if not chat_id.endswith(PLAYGROUND_SUFFIX):
        raise ValueError("not a playground chat")
    message = InboundMessage(tenant=user_id, provider_message_id=f"playground.{uuid.uuid4().hex}", chat_id=chat_id,
                             text=text, timestamp=datetime.now(UTC))
    inbox_id, _ = accept(deps, message)
    return inbox_id


def conversation(deps: TenantData, user_id: uuid.UUID, chat_id: str, limit: int = 50) -> tuple[list[dict], int]:
    """The chat's logged turns, oldest first, and how many messages are still being answered."""
    with deps.tenant_uow(user_id) as uow:
        repo = ConversationRepository(uow.conn)
        rows = repo.chat_logs(contact=None, since=None, until=None, intent=None, outcome=None, chat_id=chat_id,
                              limit=limit)
        pending = repo.pending_in_chat(chat_id)
    rows.reverse()
    # The inbound row carries what each stage decided; show it beside the answer it led to.
    decided = {row["inbox_id"]: row for row in rows if row["direction"] == "inbound"}
    for row in rows:
        row["text"] = readable(deps, user_id, row)
        inbound = decided.get(row["inbox_id"]) if row["direction"] == "outbound" else None
        row["answer_trace"] = (inbound or {}).get("trace") or {}
        row["answer_intent"] = (inbound or {}).get("intent")
        row["answer_status"] = (inbound or {}).get("outcome")
    return rows, pending
