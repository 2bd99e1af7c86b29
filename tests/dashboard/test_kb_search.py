"""The documents page's test box: the reply a customer would get, and the typos its search read."""

from __future__ import annotations

import uuid

from services.adapters.ports import VectorItem
from services.handlers.ingest import chunk_id

ROWS = ["Puncture repair, repair, per wheel: 18.00 EUR (inner tube included).",
        "Full service, service, any bike: 129.00 EUR (wheels trued, bearings checked)."]


def _indexed(container, user: uuid.UUID) -> None:
    """The rows as an ingested price list's chunks, with the real embedder's vectors."""
    document_id = uuid.uuid4()
    with container.tenant_uow(user) as uow:
        uow.kb.insert(document_id=document_id, user_id=user, filename="prices.csv", storage_path=f"{user}/prices.csv",
                      mime_type="text/csv", size_bytes=1, sha256=uuid.uuid4().hex * 2)
        uow.kb.replace_chunks(user, document_id, [
            {"id": chunk_id(document_id, i, t), "ordinal": i, "content": t, "metadata": {"kind": "text"}}
            for i, t in enumerate(ROWS)])
        uow.kb.update(document_id, status="ready")
    vectors = container.embedder.embed(ROWS)
    container.vectors.upsert(user, [VectorItem(chunk_id(document_id, i, t), document_id, i, v,
                                               container.embedder.model_name)
                                    for i, (t, v) in enumerate(zip(ROWS, vectors, strict=True))])


def test_the_test_box_says_which_typos_it_read(browser, container):
    email = browser.sign_up()
    with container.system_uow() as uow:
        user = uow.users.find_by_email(email).id
    _indexed(container, user)

    typed = browser.get("/dashboard/kb?q=how+much+for+a+punture+repair").get_data(as_text=True)
    assert "Searched as if spelt “puncture” (for “punture”)." in typed
    assert "18.00 EUR" in typed

    spelt = browser.get("/dashboard/kb?q=how+much+for+a+puncture+repair").get_data(as_text=True)
    assert "Searched as if spelt" not in spelt and "18.00 EUR" in spelt
