"""What the owner (or their own system, through the REST API) sends through the linked WhatsApp:
text, or a file (image or document) with a caption.

The send goes through the host that holds the session's lease, counted against the
session's send limit, and paced like a person (typing indicator, then send). Each
send is an outbox row, so it is logged and a redelivered job never sends twice.

The REST caller is promised WhatsApp's message id in the response, so this, in the API
process, waits (bounded) for the host's answer: the one wait allowed, as no Celery task
waits here. The host marks the row as it does for replies; a caller that timed out is
told the message was not sent, and its row is failed first, so no later attempt sends it
behind the caller's back (the host leaves a failed row alone).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import redis

from pipelines.filenames import safe_filename
from schemas.jobs import SendThroughSession
from services.adapters.ports import SessionCommands, Storage
from services.core.crypto import Keyring
from services.core.errors import PermanentError
from services.handlers.messages import API_SEND_PREFIX
from services.repositories.db import PublishAfterCommitError, TenantUow
from services.whatsapp.host import MessageRefusedError  # loaded here so the host's errors come back typed
from services.whatsapp.leases import lease_owner
from services.whatsapp.pacing import SendLimitError, SendWindow

MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
MAX_MEDIA_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 4096


class MediaRefusedError(ValueError):
    """A send refused before it reached WhatsApp: `status` is the HTTP answer, `code` the error name."""

    def __init__(self, status: int, message: str, *, code: str = "media_refused",
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.retry_after = retry_after


SendRefusedError = MediaRefusedError


@dataclass(frozen=True)
class SendDeps:
    """What a send asked for through the REST API uses: its row, its file, the pace, and the host's answer."""

    tenant_uow: TenantUow
    keyring: Keyring
    storage: Storage
    redis: redis.Redis
    commands: SessionCommands
    sends_per_minute: int  # the hosts' own limit, so the API refuses what a host would


def _sniff(data: bytes) -> str | None:
    signatures = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png", b"%PDF-": "application/pdf"}
    for magic, kind in signatures.items():
        if data.startswith(magic):
            return kind
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else None


def _linked_host(deps: SendDeps, user_id: uuid.UUID) -> str:
    """The queue of the host whose linked session can send now, or a refusal saying why not."""
    owner = lease_owner(deps.redis, user_id)
    with deps.tenant_uow(user_id) as uow:
        row = uow.conn.execute("select status from public.sessions").fetchone()
    status = row[0] if row else "STOPPED"
    if owner is None or status != "WORKING":
        raise SendRefusedError(409, f"WhatsApp is not linked for this account (status {status}): start the session "
                               "and scan the QR code first.", code="session_not_linked")
    wait = SendWindow(deps.redis, deps.sends_per_minute).wait_seconds(user_id)
    if wait > 0:
        raise SendRefusedError(429, f"This number may send {deps.sends_per_minute} messages "
                               f"a minute; try again in {wait:.0f} s.", code="send_limit", retry_after=wait)
    return owner


def send_text(deps: SendDeps, user_id: uuid.UUID, *, chat_id: str, text: str, timeout: float = 60.0) -> str:
    text = text.strip()
    if not text:
        raise SendRefusedError(400, "the message has no text", code="invalid_request")
    if len(text) > MAX_TEXT_CHARS:
        raise SendRefusedError(413, f"messages up to {MAX_TEXT_CHARS} characters can be sent", code="too_long")
    owner = _linked_host(deps, user_id)
    return _send(deps, user_id, owner, chat_id=chat_id, text=text, media_path=None, timeout=timeout,
                 audit={"chat_id": chat_id, "chars": len(text)}, action="session.text_sent")


def send_media(deps: SendDeps, user_id: uuid.UUID, *, chat_id: str, filename: str, data: bytes, caption: str,
               timeout: float = 60.0) -> str:
    if not data:
        raise MediaRefusedError(400, "the file is empty")
    if len(data) > MAX_MEDIA_BYTES:
        raise MediaRefusedError(413, f"files up to {MAX_MEDIA_BYTES // (1024 * 1024)} MB can be sent")
    kind = _sniff(data)
    if kind not in MEDIA_TYPES:
        raise MediaRefusedError(415, "send a JPEG, PNG or WebP image, or a PDF")
    owner = _linked_host(deps, user_id)
    extension = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}[kind]
    name = safe_filename(filename.rsplit(".", 1)[0] if "." in filename else filename) + extension
    path = f"{user_id}/outgoing/{uuid.uuid4()}/{name}"
    deps.storage.put("media", path, data, kind)
    return _send(deps, user_id, owner, chat_id=chat_id, text=caption, media_path=path, timeout=timeout,
                 audit={"chat_id": chat_id, "file": name}, action="session.media_sent")


def _send(deps: SendDeps, user_id: uuid.UUID, owner: str, *, chat_id: str, text: str, media_path: str | None,
          timeout: float, audit: dict, action: str) -> str:
    try:
        outbox_id, job = _queue(deps, user_id, owner, chat_id=chat_id, text=text, media_path=media_path,
                                audit=audit, action=action)
    except PublishAfterCommitError as exc:
        # The host never got it: say so now, and fail the row so the sweeper never sends it later.
        (unsent,) = exc.jobs
        with deps.tenant_uow(user_id) as uow:
            uow.outbox.fail_unsent(unsent.outbox_id,  # type: ignore[attr-defined]  # the one job queued here
                                   f"not queued: {exc}"[:1000])
        raise SendRefusedError(502, "WhatsApp did not take the message; try again in a moment.",
                               code="not_sent") from exc
    try:
        provider_id = deps.commands.wait_for_result(job, timeout)
    except Exception as exc:
        # Failed unless the host got there first, so the stuck-reply sweeper never sends it again behind the
        # caller's back (the host leaves a failed row alone).
        with deps.tenant_uow(user_id) as uow:
            uow.outbox.fail_unsent(outbox_id, f"{type(exc).__name__}: {exc}"[:1000])
        raise _refusal(deps, exc) from exc
    if provider_id is None:
        raise SendRefusedError(502, "WhatsApp did not take the message; try again in a moment.", code="not_sent")
    return provider_id


def _queue(deps: SendDeps, user_id: uuid.UUID, owner: str, *, chat_id: str, text: str, media_path: str | None,
           audit: dict, action: str) -> tuple[uuid.UUID, SendThroughSession]:
    """The send's outbox row, claimed (`sending`), and its job, published to the host's queue on commit."""
    send_id = uuid.uuid4()
    with deps.tenant_uow(user_id) as uow:
        outbox_id = uow.outbox.add_reply(
            user_id=user_id, reply_key=f"{API_SEND_PREFIX}{send_id}", inbox_id=None, chat_id=chat_id,
            body=deps.keyring.seal(text, tenant=user_id, chat=chat_id), trace_id=send_id.hex)
        uow.outbox.set_reply(outbox_id, status="sending", count_attempt=True)
        uow.audit.log(user_id, action, audit)
        job = SendThroughSession(user_id=user_id, outbox_id=outbox_id, media_path=media_path, paced=True,
                                 trace_id=send_id.hex)
        uow.publish_after_commit(job, queue=owner)
    return outbox_id, job


def _refusal(deps: SendDeps, exc: Exception) -> SendRefusedError:
    """What the REST caller hears for the host's answer (or the lack of one)."""
    if isinstance(exc, SendLimitError):
        wait = getattr(exc, "wait_seconds", 60.0)  # absent when rebuilt from the result backend
        return SendRefusedError(429, f"This number may send {deps.sends_per_minute} "
                                f"messages a minute; try again in {wait:.0f} s.", code="send_limit",
                                retry_after=wait)
    if isinstance(exc, LookupError):
        return SendRefusedError(409, "WhatsApp is not linked for this account: start the session and scan the "
                                "QR code first.", code="session_not_linked")
    if isinstance(exc, (MessageRefusedError, PermanentError)):
        return SendRefusedError(422, f"WhatsApp refused the message: {exc}", code="refused")
    return SendRefusedError(502, "WhatsApp did not take the message; try again in a moment.", code="not_sent")
