"""Messages as the owner reads them: decrypted, with the trace of what the bot did."""

from __future__ import annotations

import logging
import uuid

from services.crypto import DecryptionError, Sealed

log = logging.getLogger(__name__)
UNREADABLE = "[this message could not be decrypted: its key is missing or it was altered]"


def opened(container, user_id: uuid.UUID, *, ciphertext, nonce, key_id, chat_id: str) -> str:
    return container.keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user_id, chat=chat_id)


def readable(container, user_id: uuid.UUID, row: dict) -> str:
    """A chat-log body for display; one unreadable row is reported, not allowed to hide the rest."""
    try:
        return opened(container, user_id, ciphertext=row["ciphertext"], nonce=row["nonce"], key_id=row["key_id"],
                      chat_id=row["chat_id"])
    except DecryptionError as exc:
        log.error("chat log row could not be decrypted", extra={"chat_log_id": str(row.get("id")), "error": str(exc)})
        return UNREADABLE


def message_trace(container, user_id: uuid.UUID, inbox_id: uuid.UUID) -> dict | None:
    """One inbound message with its stages, decision, intent and replies; None if the tenant has no such message."""
    with container.tenant_uow(user_id) as uow:
        row = uow.messages.inbound(inbox_id)
        if row is None:
            return None
        replies = uow.conn.execute(
            "select id, reply_key, status, attempts, last_error, sent_at, body_ciphertext, body_nonce, body_key_id, "
            "chat_id from public.outbox where inbox_id = %s order by reply_key", [inbox_id]).fetchall()
    return {
        "id": str(row["id"]), "chat_id": row["chat_id"], "status": row["status"], "reason": row["decision_reason"],
        "contact": row.get("sender_phone") or row.get("sender_lid"),
        "intent": row["intent"], "received_at": row["created_at"].isoformat(),
        "text": opened(container, user_id, ciphertext=row["body_ciphertext"], nonce=row["body_nonce"],
                       key_id=row["body_key_id"], chat_id=row["chat_id"]),
        "stages": row["trace"],
        "replies": [{"id": str(r[0]), "key": r[1], "status": r[2], "attempts": r[3], "error": r[4],
                     "sent_at": r[5].isoformat() if r[5] else None,
                     "text": opened(container, user_id, ciphertext=r[6], nonce=r[7], key_id=r[8], chat_id=r[9])}
                    for r in replies],
    }
