"""Turning vector hits into passages an owner (or a prompt) can read."""

from __future__ import annotations

import uuid

from services.adapters.ports import VectorHit
from services.repositories.kb_repository import HydratedChunk


def chunk_texts(tenant_uow, user_id: uuid.UUID, hits: list[VectorHit]) -> dict[str, HydratedChunk]:
    """Text, document and metadata of each hit, by chunk id."""
    rows = {h.chunk_id: h.chunk for h in hits if h.chunk is not None}
    missing = [h.chunk_id for h in hits if h.chunk is None]
    if missing:  # stores that keep only vectors (Pinecone): the text is in Postgres
        with tenant_uow(user_id) as uow:
            rows.update(uow.kb.hydrate(missing))
    return rows


def describe_location(meta: dict) -> str:
    if meta.get("kind") == "table":
        rows = f"rows {meta['row_start']}-{meta['row_end']}" if meta.get("row_start") != meta.get(
            "row_end") else f"row {meta.get('row_start')}"
        return f"{meta['sheet']}, {rows}" if meta.get("sheet") else rows
    parts = []
    if meta.get("page_start"):
        start, end = meta["page_start"], meta.get("page_end", meta["page_start"])
        parts.append(f"page {start}" if start == end else f"pages {start}-{end}")
    if meta.get("heading"):
        parts.append(f"\u201c{meta['heading']}\u201d")
    return ", ".join(parts) or "text"
