"""Replies through the tenant's own linked WhatsApp: the session host's half of a handoff.

`outbound.deliver` runs anywhere; the browser lives on one host. Deliver claims the outbox row
(status `sending`), publishes `sessions.send` to the queue of the host holding the session's lease
and is done: no task waits on another. Here, on that host, the reply goes out through wa-js and the
row carries the outcome: `sent` with WhatsApp's message id (with the chat log entry and the
`message.sent` event), or `failed` with the reason when retrying cannot help (the number is not on
WhatsApp, WhatsApp is not linked: raised as PermanentError, and the stage's give-up marks the row).
A host that dies mid-send leaves the row `sending`; the sweeper hands it over again after its deadline.

A row is sent once however often this runs:
- only a row still `sending` is sent (a `sent` one answers with its id, a `failed` one is left alone);
- the first send for an outbox id is remembered in Redis for a day, so a later attempt that finds it
  only does the bookkeeping the dead attempt did not finish;
- one attempt at a time holds a short claim on the outbox id; a redelivered job that finds it held
  leaves the row to that attempt (or, if it died, to the sweeper) instead of sending alongside;
- the page itself records each outbox id it sent (in the profile, which survives a crash), so an
  attempt after a host died between WhatsApp's ack and our bookkeeping returns the first message id.
"""

from __future__ import annotations

import logging
import mimetypes
import uuid
from collections.abc import Callable

from schemas.jobs import SendThroughSession
from services.adapters.ports import EventPublisher, Storage
from services.core.crypto import Keyring
from services.core.errors import PermanentError
from services.handlers.messages import record_sent
from services.repositories.outbox import ReplyRow

log = logging.getLogger(__name__)

SENT_TTL_SECONDS = 86_400
# Longer than one send can take (the page's script timeout, 30 s, plus the typing pause), shorter than
# the stuck-reply deadline, so the sweeper's resend after a host died finds it gone.
CLAIM_SECONDS = 60


def sent_key(outbox_id: uuid.UUID) -> str:
    return f"salesboy:sent:{outbox_id}"


def _claim_key(outbox_id: uuid.UUID) -> str:
    return f"salesboy:send-claim:{outbox_id}"


# Deletes the claim only while it is still this attempt's (an expired claim may be another's by now).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


def send_through_host(job: SendThroughSession, *, host, tenant_uow: Callable, keyring: Keyring, redis_client,
                      storage: Storage, events: EventPublisher) -> str | None:
    """On the host: send the outbox row once, mark it sent, and return WhatsApp's message id (None when the
    row is not this attempt's to send: failed meanwhile, gone, or being sent by another attempt)."""
    with tenant_uow(job.user_id) as uow:
        row = uow.outbox.reply(job.outbox_id)
    if row is None or row.status == "failed":
        return None  # deleted with its tenant, or given up (the caller was told): never sent behind its back
    if row.status == "sent":
        return row.provider_message_id
    text = keyring.open(row.body, tenant=job.user_id, chat=row.chat_id)
    earlier = redis_client.get(sent_key(job.outbox_id))
    if earlier:
        provider_id = earlier.decode()
    else:
        token = uuid.uuid4().hex
        if not redis_client.set(_claim_key(job.outbox_id), token, nx=True, ex=CLAIM_SECONDS):
            # Another attempt is sending it now (or died doing so): that one records the outcome, or the row
            # stays `sending` and the sweeper hands it over again once the claim has run out.
            log.info("another attempt holds this reply's send", extra={"outbox_id": str(job.outbox_id)})
            return None
        try:
            provider_id = _send(job, row, text, host=host, storage=storage)
            redis_client.set(sent_key(job.outbox_id), provider_id, ex=SENT_TTL_SECONDS)
        finally:
            redis_client.eval(_RELEASE, 1, _claim_key(job.outbox_id), token)
    record_sent(row, text, provider_id, tenant_uow=tenant_uow, keyring=keyring, events=events)
    return provider_id


def _send(job: SendThroughSession, row: ReplyRow, text: str, *, host, storage: Storage) -> str:
    key = str(job.outbox_id)
    if not job.media_path:
        return host.send_text(job.user_id, row.chat_id, text, paced=job.paced, key=key)
    if not job.media_path.startswith(f"{job.user_id}/"):
        raise PermanentError("media outside the tenant's folder")
    data = storage.get("media", job.media_path)
    return host.send_file(job.user_id, row.chat_id, data,
                          mimetype=mimetypes.guess_type(job.media_path)[0] or "application/octet-stream",
                          filename=job.media_path.rsplit("/", 1)[-1], caption=text, key=key)
