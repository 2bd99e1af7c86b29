"""Replies through the tenant's own linked WhatsApp, when a host runs it.

`outbound.deliver` runs anywhere; the browser lives on one host. The send goes to
that host's queue (found through the session lease) and the deliver stage waits
for the provider's message id. The host remembers each sent outbox id for a day,
so a redelivered send returns the first message id instead of sending again.
"""

from __future__ import annotations

import uuid

from schemas.jobs import SendThroughSession
from services.errors import TransientError
from services.whatsapp.leases import lease_owner

SENT_TTL_SECONDS = 86_400


class SessionTransport:
    def __init__(self, celery, redis_client, *, fallback, timeout: float = 60.0) -> None:
        self._celery = celery
        self._redis = redis_client
        self._fallback = fallback
        self._timeout = timeout

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, idempotency_key: str) -> str:
        owner = lease_owner(self._redis, user_id)
        if owner is None:
            return self._fallback.send_text(user_id, chat_id, text, idempotency_key)
        job = SendThroughSession(user_id=user_id, outbox_id=uuid.UUID(idempotency_key))
        result = self._celery.send_task(job.task_name, kwargs={"payload": job.payload()}, queue=owner)
        try:
            # deliver runs inside a task and waits on purpose: the send happens on another host.
            return result.get(timeout=self._timeout, propagate=True, disable_sync_subtasks=False)
        except Exception as exc:  # the host's answer (or its absence) decides: retry the delivery later
            raise TransientError(f"WhatsApp session on {owner} did not send: {type(exc).__name__}: {exc}") from exc
        finally:
            result.forget()


def _mimetype(path: str) -> str:
    import mimetypes

    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def send_through_host(job: SendThroughSession, *, host, tenant_uow, keyring, redis_client, storage) -> str:
    """On the host: send the outbox row's text once, however often this runs."""
    from services.crypto import Sealed

    marker = f"salesboy:sent:{job.outbox_id}"
    already = redis_client.get(marker)
    if already:
        return already.decode()
    with tenant_uow(job.user_id) as uow:
        row = uow.messages.reply(job.outbox_id)
    if row is None:
        raise LookupError("no such reply")
    text = keyring.open(Sealed(row["body_ciphertext"], row["body_nonce"], row["body_key_id"]),
                        tenant=job.user_id, chat=row["chat_id"])
    if job.media_path:
        if not job.media_path.startswith(f"{job.user_id}/"):
            raise PermissionError("media outside the tenant's folder")
        data = storage.get("media", job.media_path)
        provider_id = host.send_file(job.user_id, row["chat_id"], data, mimetype=_mimetype(job.media_path),
                                     filename=job.media_path.rsplit("/", 1)[-1], caption=text)
    else:
        provider_id = host.send_text(job.user_id, row["chat_id"], text, paced=job.paced)
    redis_client.set(marker, provider_id, ex=SENT_TTL_SECONDS)
    return provider_id
