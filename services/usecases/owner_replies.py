"""The owner answers a customer from the dashboard, through the linked WhatsApp.

The reply takes the bot's own road (an outbox row, then outbound.deliver), so it is sent once
however often the form is posted, and it pauses the bot in that chat as a reply typed on the
phone does (pipelines/filters.py: "sent by the owner").
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

from schemas.jobs import DeliverReply
from schemas.messages import PLAYGROUND_SUFFIX
from services.repositories.db import PublishAfterCommitError
from services.usecases.tenant_data import TenantData

log = logging.getLogger(__name__)


class NoSuchChatError(LookupError):
    pass


def reply(deps: TenantData, user_id: uuid.UUID, chat_id: str, text: str, request_key: str) -> uuid.UUID:
    """Queue the owner's reply; `request_key` (one per form shown) makes a repeated post a no-op."""
    if chat_id.endswith(PLAYGROUND_SUFFIX):
        raise NoSuchChatError("the playground is answered by the bot only")
    try:
        return _queue(deps, user_id, chat_id, text, request_key)
    except PublishAfterCommitError as exc:
        # Stored and committed: the stuck-reply sweeper sends it once the broker answers again.
        log.error("owner reply stored; its delivery is left for the sweeper", extra={"error": str(exc)})
        (unsent,) = exc.jobs  # the reply's one DeliverReply
        return unsent.outbox_id  # type: ignore[attr-defined]  # the one job queued here: a DeliverReply


def _queue(deps: TenantData, user_id: uuid.UUID, chat_id: str, text: str, request_key: str) -> uuid.UUID:
    with deps.tenant_uow(user_id) as uow:
        chat = uow.conn.execute("select 1 from public.chats where chat_id = %s", [chat_id]).fetchone()
        if chat is None:
            raise NoSuchChatError(chat_id)
        known = uow.conn.execute("select id from public.outbox where reply_key = %s",
                                 [f"owner:{request_key}"]).fetchone()
        if known is not None:
            return known[0]  # the same form posted again: already on its way
        minutes = uow.bot_config.get().owner_pause_minutes
        sealed = deps.keyring.seal(text, tenant=user_id, chat=chat_id)
        job = DeliverReply(user_id=user_id, outbox_id=uuid.uuid4())
        outbox_id = uow.outbox.add_reply(user_id=user_id, reply_key=f"owner:{request_key}", inbox_id=None,
                                         chat_id=chat_id, body=sealed, trace_id=job.trace_id)
        if minutes:
            uow.chats.pause_chat(user_id, chat_id, datetime.now(UTC) + timedelta(minutes=minutes))
        uow.audit.log(user_id, "chat.owner_replied", {"chat_id": chat_id, "via": "dashboard"})
        uow.publish_after_commit(DeliverReply(user_id=user_id, outbox_id=outbox_id, trace_id=job.trace_id))
    return outbox_id
