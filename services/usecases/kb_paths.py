"""Where a knowledge-base document's files live in object storage (shared by uploads, ingestion, backups)."""

from __future__ import annotations

import uuid

KB_BUCKET = "knowledge-base"


def document_prefix(user_id: uuid.UUID, document_id: uuid.UUID) -> str:
    return f"{user_id}/{document_id}/"


def extracted_path(user_id: uuid.UUID, document_id: uuid.UUID) -> str:
    return document_prefix(user_id, document_id) + "extracted.json"
