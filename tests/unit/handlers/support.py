"""Rows as the webhook and the stages store them, for the handler tests."""

from __future__ import annotations

import uuid

from services.adapters.ports import VectorItem
from services.core.crypto import Keyring, Sealed


def open_body(keyring: Keyring, row: dict, prefix: str = "body_") -> str:
    """A stored row's text, as the stages read it."""
    if prefix:
        sealed = Sealed(row[f"{prefix}ciphertext"], row[f"{prefix}nonce"], row[f"{prefix}key_id"])
    else:
        sealed = Sealed(row["ciphertext"], row["nonce"], row["key_id"])
    return keyring.open(sealed, tenant=row["user_id"], chat=row["chat_id"])


def customer_says(backend, keyring: Keyring, tenant: uuid.UUID, text: str, *, chat_id: str = "15550001111@c.us",
                  **row) -> dict:
    """An inbox row as the webhook stores it (sealed body), status `received` unless given; past the
    filter (any other status), with the chat row the filter made."""
    if row.get("status", "received") != "received" and (tenant, chat_id) not in backend.db.chats:
        backend.db.add_chat(user_id=tenant, chat_id=chat_id)
    return backend.db.add_inbound(user_id=tenant, chat_id=chat_id, body=keyring.seal(text, tenant=tenant,
                                                                                      chat=chat_id), **row)


def indexed_document(backend, vectors, embedder, tenant: uuid.UUID, filename: str, passages: list[str]) -> dict:
    """A ready document whose passages are chunked, embedded and in the vector store."""
    doc = backend.db.add_document(user_id=tenant, filename=filename, mime_type="text/plain",
                                  storage_path=f"{tenant}/{filename}", status="ready",
                                  chunks_total=len(passages), chunks_done=len(passages))
    items = []
    for ordinal, (text, vector) in enumerate(zip(passages, embedder.embed(passages), strict=True)):
        chunk_id = f"{doc['id']}:{ordinal}"
        backend.db.chunks[chunk_id] = {"id": chunk_id, "user_id": tenant, "document_id": doc["id"],
                                       "ordinal": ordinal, "content": text, "metadata": {},
                                       "indexed_at": backend.db.clock.now, "embedding_model": embedder.model_name}
        items.append(VectorItem(chunk_id, doc["id"], ordinal, vector, embedder.model_name))
    vectors.upsert(tenant, items)
    return doc
