"""The dashboard's playground: the owner writes as a customer and the real pipeline answers.

Playground chats (`…@playground`) pass every stage like a WhatsApp chat; only the
last step differs: the reply is shown in the dashboard instead of being sent.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from schemas.messages import PLAYGROUND_SUFFIX, InboundMessage
from services.repositories.conversations import ChatLogEntry, ConversationRepository
from services.usecases.inbound import accept
from services.usecases.message_views import readable
from services.usecases.tenant_data import TenantData


@dataclass(frozen=True)
class PlaygroundTurn(ChatLogEntry):
    """A logged turn opened for display; a reply also carries what was decided for the question it answers."""

    text: str
    answer_trace: dict
    answer_intent: str | None
    answer_status: str | None


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


def conversation(deps: TenantData, user_id: uuid.UUID, chat_id: str,
                 limit: int = 50) -> tuple[list[PlaygroundTurn], int]:
    """The chat's logged turns, oldest first, and how many messages are still being answered."""
    with deps.tenant_uow(user_id) as uow:
        repo = ConversationRepository(uow.conn)
        rows = repo.chat_logs(contact=None, since=None, until=None, intent=None, outcome=None, chat_id=chat_id,
                              limit=limit)
        pending = repo.pending_in_chat(chat_id)
    rows.reverse()
    # The inbound row carries what each stage decided; show it beside the answer it led to.
    decided = {row.inbox_id: row for row in rows if row.direction == "inbound"}
    turns = []
    for row in rows:
        inbound = decided.get(row.inbox_id) if row.direction == "outbound" else None
        turns.append(PlaygroundTurn(**vars(row), text=readable(deps, user_id, row),
                                    answer_trace=(inbound.trace if inbound else None) or {},
                                    answer_intent=inbound.intent if inbound else None,
                                    answer_status=inbound.outcome if inbound else None))
    return turns, pending
