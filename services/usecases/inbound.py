"""inbound.accept: the one door every inbound WhatsApp message comes through.

Accept = store the message (encrypted) in `inbox`, keyed by the provider's
message id, commit, then enqueue. A message seen before is a no-op. No model
work happens here, so a webhook is answered in milliseconds.
"""

from __future__ import annotations

import uuid
from typing import Protocol

import psycopg

from schemas.jobs import FilterInbound, new_trace_id
from schemas.messages import InboundMessage
from services.core.crypto import Keyring
from services.repositories.db import PublishAfterCommitError, UnitOfWork
from services.repositories.rows import existing


class UnknownTenantError(LookupError):
    pass


class InboundDoor(Protocol):
    """What accepting a message needs (the App and `TenantData` have it): the session host and the playground
    take this door too, and the composition root builds them, so none of them may import it."""

    @property
    def keyring(self) -> Keyring: ...

    def tenant_uow(self, user_id: uuid.UUID) -> UnitOfWork: ...


def accept(door: InboundDoor, message: InboundMessage) -> tuple[uuid.UUID, bool]:
    """Returns the inbox id and whether this call created it."""
    trace_id = new_trace_id()
    body = door.keyring.seal(message.text, tenant=message.tenant, chat=message.chat_id)
    try:
        with door.tenant_uow(message.tenant) as uow:
            inbox_id = uow.inbox.insert_inbound(
                user_id=message.tenant, provider_message_id=message.provider_message_id, chat_id=message.chat_id,
                sender_phone=message.sender_phone, sender_lid=message.sender_lid, is_group=message.is_group,
                from_me=message.from_me, mentions_me=message.mentions_me, body=body, media_ref=message.media_ref,
                sent_at=message.timestamp, trace_id=trace_id,
            )
            if inbox_id is None:
                return existing(uow.inbox.inbound_id(message.provider_message_id), "inbox row"), False
            uow.publish_after_commit(FilterInbound(user_id=message.tenant, inbox_id=inbox_id, trace_id=trace_id))
    except psycopg.errors.ForeignKeyViolation:
        raise UnknownTenantError(f"no Salesboy account {message.tenant}") from None
    except PublishAfterCommitError:
        # Stored and committed: the sweeper enqueues it once the broker is back.
        pass
    return inbox_id, True  # type: ignore[return-value]  # None only for a duplicate, returned above
