"""A document's chunk rows and their vectors, as the ingest pipeline writes them into Postgres: every row as
given, every vector's exact float4 values, unchanged rows kept with their index state, and a vanished chunk
reported."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from services.adapters.ports import ChunksGoneError, VectorItem
from services.handlers.ingest import chunk_id
from tests.conftest import create_user

MODEL = "test-model"


def _chunks(document_id: uuid.UUID, texts: list[str]) -> list[dict]:
    return [{"id": chunk_id(document_id, i, t), "ordinal": i, "content": t,
             "metadata": {"kind": "text", "heading": f"Part {i}", "page_start": i + 1}}
            for i, t in enumerate(texts)]


def _document(container, user) -> uuid.UUID:
    document_id = uuid.uuid4()
    with container.tenant_uow(user) as uow:
        uow.kb.insert(document_id=document_id, user_id=user, filename="faq.md", storage_path=f"{user}/faq.md",
                      mime_type="text/markdown", size_bytes=1, sha256=uuid.uuid4().hex * 2)
    return document_id


def _rows(container, user, document_id) -> list[tuple]:
    with container.tenant_uow(user) as uow:
        return uow.conn.execute(
            "select id, ordinal, content, metadata, embedding_model, indexed_at is not null from public.kb_chunks "
            "where document_id = %s order by ordinal", [document_id]).fetchall()


def test_a_document_s_chunks_and_vectors_are_written_exactly(container):
    user = create_user(container)
    document_id = _document(container, user)
    texts = [f"Paragraph {i}: naïve café 'quotes', \"double\", back\\slash, {{braces}}, tab\there, emoji 🙂"
             for i in range(150)]
    chunks = _chunks(document_id, texts)
    with container.tenant_uow(user) as uow:
        assert uow.kb.replace_chunks(user, document_id, chunks) == 0
    assert [(r[0], r[1], r[2], r[3]) for r in _rows(container, user, document_id)] == [
        (c["id"], c["ordinal"], c["content"], c["metadata"]) for c in chunks]

    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((len(chunks), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    container.vectors.upsert(user, [VectorItem(c["id"], document_id, c["ordinal"], v.tolist(), MODEL)
                                    for c, v in zip(chunks, vectors, strict=True)])
    with container.tenant_uow(user) as uow:
        stored = uow.conn.execute("select embedding from public.kb_chunks where document_id = %s order by ordinal",
                                  [document_id]).fetchall()
    assert np.array_equal(np.stack([r[0].to_numpy() for r in stored]), vectors)  # same bytes
    assert all(r[4] == MODEL and r[5] for r in _rows(container, user, document_id))

    # Chunked again with one paragraph changed: the others keep their vectors and index state.
    texts[3] = "Paragraph 3, rewritten."
    again = _chunks(document_id, texts)
    with container.tenant_uow(user) as uow:
        assert uow.kb.replace_chunks(user, document_id, again) == 1
    rows = _rows(container, user, document_id)
    assert [r[0] for r in rows] == [c["id"] for c in again]
    assert [r[5] for r in rows] == [i != 3 for i in range(len(texts))]


def test_a_vector_for_a_chunk_that_is_gone_is_reported(container):
    user = create_user(container)
    document_id = _document(container, user)
    chunks = _chunks(document_id, ["Opening hours: 9 to 5.", "We deliver to Accra."])
    with container.tenant_uow(user) as uow:
        uow.kb.replace_chunks(user, document_id, chunks[:1])
    items = [VectorItem(c["id"], document_id, c["ordinal"], [1.0] + [0.0] * 383, MODEL) for c in chunks]
    with pytest.raises(ChunksGoneError, match="1 of 2"):
        container.vectors.upsert(user, items)
