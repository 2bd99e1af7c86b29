"""SQL for `chat_logs`: the sealed turns of each conversation, as the dashboard and the answer stage read them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg.types.json import Jsonb

from services.core.crypto import Sealed
from services.repositories.repositories import Repository


@dataclass(frozen=True)
class LoggedTurn:
    """One logged turn of a conversation, still sealed."""

    direction: str  # inbound (the customer) or outbound (the business)
    ciphertext: bytes
    nonce: bytes
    key_id: str
    created_at: datetime

    @property
    def body(self) -> Sealed:
        return Sealed(self.ciphertext, self.nonce, self.key_id)


class ChatLogRepository(Repository):
    def log(self, *, user_id: uuid.UUID, chat_id: str, direction: str, body: Sealed, inbox_id: uuid.UUID | None,
            outcome: str | None, reason: str | None, intent: str | None, trace: dict, phone: str | None = None,
            lid: str | None = None) -> None:
        self.conn.execute(
            """insert into public.chat_logs (user_id, chat_id, contact_phone, contact_lid, direction, inbox_id,
                   outcome, reason, intent, trace, ciphertext, nonce, key_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            [user_id, chat_id, phone, lid, direction, inbox_id, outcome, reason, intent, Jsonb(trace),
             body.ciphertext, body.nonce, body.key_id],
        )

    def history(self, chat_id: str, before: datetime, limit: int) -> list[LoggedTurn]:
        """The chat's last `limit` logged turns before `before`, oldest first."""
        rows = self._records(
            LoggedTurn,
            """select direction, ciphertext, nonce, key_id, created_at from public.chat_logs
               where chat_id = %s and created_at < %s and (direction = 'outbound' or outcome is distinct from
               'ignored') order by created_at desc limit %s""",
            [chat_id, before, limit],
        )
        return list(reversed(rows))
