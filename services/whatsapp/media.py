"""The owner sends a file (image or document, with a caption) through their linked WhatsApp."""

from __future__ import annotations

import uuid

from pipelines.filenames import safe_filename
from schemas.jobs import SendThroughSession
from services.whatsapp.leases import lease_owner

MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
MAX_MEDIA_BYTES = 16 * 1024 * 1024


class MediaRefusedError(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _sniff(data: bytes) -> str | None:
    signatures = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png", b"%PDF-": "application/pdf"}
    for magic, kind in signatures.items():
        if data.startswith(magic):
            return kind
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else None


def send_media(container, user_id: uuid.UUID, *, chat_id: str, filename: str, data: bytes, caption: str,
               timeout: float = 60.0) -> str:
    if not data:
        raise MediaRefusedError(400, "the file is empty")
    if len(data) > MAX_MEDIA_BYTES:
        raise MediaRefusedError(413, f"files up to {MAX_MEDIA_BYTES // (1024 * 1024)} MB can be sent")
    kind = _sniff(data)
    if kind not in MEDIA_TYPES:
        raise MediaRefusedError(415, "send a JPEG, PNG or WebP image, or a PDF")
    owner = lease_owner(container.redis, user_id)
    if owner is None:
        raise MediaRefusedError(409, "WhatsApp is not running for this account: start it first")
    extension = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}[kind]
    name = safe_filename(filename.rsplit(".", 1)[0] if "." in filename else filename) + extension
    send_id = uuid.uuid4()
    path = f"{user_id}/outgoing/{send_id}/{name}"
    container.storage.put("media", path, data, kind)
    with container.tenant_uow(user_id) as uow:
        outbox_id = uow.messages.add_reply(
            user_id=user_id, reply_key=f"media:{send_id}", inbox_id=None, chat_id=chat_id,
            body=container.keyring.seal(caption, tenant=user_id, chat=chat_id), trace_id=send_id.hex)
        uow.messages.set_reply(outbox_id, status="sending", count_attempt=True)
        uow.audit.log(user_id, "session.media_sent", {"chat_id": chat_id, "file": name})
    job = SendThroughSession(user_id=user_id, outbox_id=outbox_id, media_path=path)
    result = container.celery.send_task(job.task_name, kwargs={"payload": job.payload()}, queue=owner)
    try:
        provider_id = result.get(timeout=timeout, propagate=True)
    finally:
        result.forget()
    with container.tenant_uow(user_id) as uow:
        uow.messages.set_reply(outbox_id, status="sent", provider_message_id=provider_id)
    return provider_id
