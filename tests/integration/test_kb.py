"""Knowledge base end to end: real Postgres+pgvector, Redis, a Celery worker, the real model."""

from __future__ import annotations

import io
import json
import threading
import uuid

import pytest

from api import create_app
from services.handlers.ingest import KB_BUCKET
from services.usecases.accounts_local import hash_password
from services.usecases.apikeys import create_api_key
from tests import samples
from tests.conftest import wait_for

PRICE_PDF = samples.pdf([
    "Espresso machines. The Barista Pro espresso machine costs 420 dollars and comes with a "
    "two year warranty covering the pump and the boiler.",
    "Grinders. The Burr Mini grinder costs 85 dollars. Replacement burrs are sold separately.",
])
FAQ_DOCX = samples.docx([
    ("h1", "Returns and refunds"),
    ("p", "You can return any unused item within 30 days of delivery for a full refund."),
    ("h1", "Payment methods"),
    ("p", "We accept bank transfer, card payments and mobile money."),
])
PRICES_XLSX = samples.xlsx({"Price list": [
    ["Product", "Colour", "Price (NGN)"],
    ["Blue Widget", "blue", 12500],
    ["Red Gadget", "red", 8000],
    ["Green Doohickey", "green", 4300],
]})


def _client_for(settings, container):
    return create_app(settings, container).test_client()


@pytest.fixture
def tenant(container):
    def make():
        email = f"owner-{uuid.uuid4().hex[:8]}@shop.test"
        with container.system_uow() as uow:
            user_id = uow.users.create(email, hash_password("irrelevant-here"))
        key, _ = create_api_key(container.tenant_uow, user_id, "tests")
        return user_id, {"X-API-KEY": key}
    return make


def _upload(client, headers, name, data):
    return client.post("/api/kb/upload", headers=headers,
                       data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _wait_done(client, headers, ids, timeout=120):
    def finished():
        docs = {d["id"]: d for d in client.get("/api/kb", headers=headers).get_json()["documents"]}
        if all(docs.get(i, {}).get("status") in ("ready", "failed") for i in ids):
            return docs
        return None
    return wait_for(finished, timeout=timeout, interval=0.2, message="documents to finish ingesting")


def _search(client, headers, query, k=3):
    response = client.post("/api/kb/search", headers=headers, json={"query": query, "k": k})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def test_documents_become_answers_and_stay_with_their_tenant(worker, settings, container, tenant):
    client = _client_for(settings, container)
    a_id, a = tenant()
    _, b = tenant()

    uploads = {"price-list.pdf": PRICE_PDF, "faq.docx": FAQ_DOCX, "prices.xlsx": PRICES_XLSX,
               "delivery.html": samples.HTML_PAGE}
    ids = {}
    for name, data in uploads.items():
        response = _upload(client, a, name, data)
        assert response.status_code == 202, response.get_json()
        document = response.get_json()["document"]
        assert document["status"] == "queued"
        ids[name] = document["id"]
    docs = _wait_done(client, a, ids.values())
    assert {name: docs[i]["status"] for name, i in ids.items()} == dict.fromkeys(uploads, "ready"), docs
    assert all(docs[i]["progress"] == 100 and docs[i]["chunks_done"] == docs[i]["chunks_total"] > 0
               for i in ids.values())

    expectations = [
        ("How long is the warranty on the espresso machine?", "price-list.pdf", "two year warranty"),
        ("Can I get my money back if I return something?", "faq.docx", "30 days"),
        ("price of Blue Widget", "prices.xlsx", "Blue Widget"),
        ("Do you deliver to Accra?", "delivery.html", "Accra"),
    ]
    for question, filename, snippet in expectations:
        top = _search(client, a, question)[0]
        assert top["filename"] == filename, (question, top)
        assert snippet in top["content"], (question, top)
        assert top["score"] > 0.3
    xlsx_hit = _search(client, a, "price of Blue Widget")[0]
    assert xlsx_hit["location"] == "Price list, rows 2-4" or xlsx_hit["location"].startswith("Price list")
    assert _search(client, a, "warranty espresso machine")[0]["location"] == "pages 1-2"  # one short chunk

    # Tenant B has nothing, and never sees A's chunks, even for A's exact text.
    assert _search(client, b, "Barista Pro espresso machine two year warranty") == []
    b_doc = _upload(client, b, "other.txt", b"We sell garden furniture: benches and tables.").get_json()
    _wait_done(client, b, [b_doc["document"]["id"]])
    b_hits = _search(client, b, "Barista Pro espresso machine two year warranty", k=10)
    assert b_hits and all(h["document_id"] == b_doc["document"]["id"] for h in b_hits)

    # Another tenant's document is invisible: 404 for read, delete and re-embed.
    pdf_id = ids["price-list.pdf"]
    assert client.get(f"/api/kb/{pdf_id}", headers=b).status_code == 404
    assert client.delete(f"/api/kb/{pdf_id}", headers=b).status_code == 404
    assert client.post(f"/api/kb/{pdf_id}/reembed", headers=b).status_code == 404

    # Detail with a preview of the first chunks.
    detail = client.get(f"/api/kb/{pdf_id}", headers=a).get_json()
    assert detail["document"]["filename"] == "price-list.pdf" and detail["preview"]

    # Re-embed keeps the same chunks.
    before = docs[ids["prices.xlsx"]]["chunks_total"]
    response = client.post(f"/api/kb/{ids['prices.xlsx']}/reembed", headers=a)
    assert response.status_code == 202 and response.get_json()["document"]["status"] == "chunking"
    after = _wait_done(client, a, [ids["prices.xlsx"]])[ids["prices.xlsx"]]
    assert after["status"] == "ready" and after["chunks_total"] == before
    assert container.vectors.count(a_id, uuid.UUID(ids["prices.xlsx"])) == before

    # Delete removes vectors, chunks, the stored file and the row.
    assert client.delete(f"/api/kb/{pdf_id}", headers=a).status_code == 204
    assert client.get(f"/api/kb/{pdf_id}", headers=a).status_code == 404
    assert container.vectors.count(a_id, uuid.UUID(pdf_id)) == 0
    with container.system_uow() as uow:
        assert uow.conn.execute("select count(*) from public.kb_chunks where document_id = %s",
                                [pdf_id]).fetchone()[0] == 0
    assert not (settings.data_dir / "storage" / KB_BUCKET / str(a_id) / pdf_id).exists()
    assert all(h["filename"] != "price-list.pdf" for h in _search(client, a, "espresso machine warranty", k=10))
    with container.tenant_uow(a_id) as uow:
        actions = {r.action for r in uow.audit.recent(100)}
    assert {"kb.document_uploaded", "kb.document_deleted", "kb.document_reembedded"} <= actions


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("locked.pdf", samples.pdf(["secret prices"], password="pw"), "password-protected"),
    ("broken.pdf", PRICE_PDF[:300] + b"\x00garbage" * 40, "could not be read"),
    ("bomb.docx", samples.zip_bomb_docx(300), "zip bomb"),
    ("scan.pdf", samples.pdf([""]), "No text could be extracted"),
])
def test_unusable_files_fail_with_a_reason_and_others_are_unaffected(worker, settings, container, tenant,
                                                                      name, data, reason):
    client = _client_for(settings, container)
    _, a = tenant()
    bad = _upload(client, a, name, data).get_json()["document"]["id"]
    good = _upload(client, a, "ok.md", f"# Hours\nOpen daily {uuid.uuid4().hex}".encode()).get_json()["document"]["id"]
    docs = _wait_done(client, a, [bad, good])
    assert docs[bad]["status"] == "failed" and reason in docs[bad]["error"]
    assert docs[good]["status"] == "ready"


def test_bad_uploads_get_clear_errors(settings, container, tenant):
    client = _client_for(settings, container)
    _, a = tenant()

    unsupported = _upload(client, a, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert unsupported.status_code == 415
    assert "PDF" in unsupported.get_json()["supported"] and "PNG image" in unsupported.get_json()["message"]

    empty = _upload(client, a, "empty.txt", b"")
    assert empty.status_code == 400 and "empty" in empty.get_json()["message"]

    too_big = _upload(client, a, "big.txt", b"a" * (settings.kb_max_upload_bytes + 1))
    assert too_big.status_code == 413

    missing = client.post("/api/kb/upload", headers=a, data={}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "'file'" in missing.get_json()["message"]

    first = _upload(client, a, "menu.txt", b"Jollof rice 2500 NGN")
    again = _upload(client, a, "menu-copy.txt", b"Jollof rice 2500 NGN")
    assert first.status_code == 202 and again.status_code == 409
    assert again.get_json()["document_id"] == first.get_json()["document"]["id"]

    sneaky = _upload(client, a, "../../../etc/\x00pass\x1bwd.txt", b"safe content here")
    assert sneaky.status_code == 202
    document = sneaky.get_json()["document"]
    assert document["filename"] == "passwd.txt"
    with container.system_uow() as uow:
        path = uow.conn.execute("select storage_path from public.knowledge_base where id = %s",
                                [document["id"]]).fetchone()[0]
    assert path.endswith(f"/{document['id']}/passwd.txt") and ".." not in path
    assert (settings.data_dir / "storage" / KB_BUCKET / path).read_bytes() == b"safe content here"


def test_names_in_any_script_are_kept_and_stored_under_the_documents_id(settings, container, tenant):
    client = _client_for(settings, container)
    _, a = tenant()
    for n, name in enumerate(["價格表.txt", "قائمة الأسعار.txt", "Прайс-лист 価格表 🍩.txt"]):
        sent = _upload(client, a, name, f"Espresso {n} costs {n + 2} EUR".encode())
        assert sent.status_code == 202, sent.get_json()
        document = sent.get_json()["document"]
        assert document["filename"] == name
        with container.system_uow() as uow:
            path = uow.conn.execute("select storage_path from public.knowledge_base where id = %s",
                                    [document["id"]]).fetchone()[0]
        assert path.endswith(f"/{document['id']}/document.txt") and path.isascii()


def test_requests_need_a_tenant(settings, container):
    client = _client_for(settings, container)
    assert client.get("/api/kb").status_code == 401
    assert client.get("/api/kb", headers={"X-API-KEY": "sbk_not-a-real-key"}).status_code == 401
    assert client.get("/api/kb", headers={"X-API-KEY": "x" * 500}).status_code == 401


def test_search_input_is_validated(settings, container, tenant):
    client = _client_for(settings, container)
    _, a = tenant()
    assert client.post("/api/kb/search", headers=a, data="nope").status_code == 400
    bad = client.post("/api/kb/search", headers=a, json={"query": "", "k": 500})
    assert bad.status_code == 422
    assert {f["field"] for f in bad.get_json()["fields"]} == {"query", "k"}
    assert client.get("/api/kb/not-a-uuid", headers=a).status_code == 404


def test_revoked_keys_stop_working(settings, container, tenant):
    client = _client_for(settings, container)
    user_id, headers = tenant()
    assert client.get("/api/kb", headers=headers).status_code == 200
    with container.tenant_uow(user_id) as uow:
        (key,) = uow.api_keys.list()
        assert uow.api_keys.revoke(key.id)
    assert client.get("/api/kb", headers=headers).status_code == 401


def test_progress_streams_to_the_owner_only(worker, settings, container, tenant):
    client = _client_for(settings, container)
    _a_id, a = tenant()
    assert client.get(f"/api/stream?channel=salesboy:tenant:{uuid.uuid4()}", headers=a).status_code == 403
    response = client.get("/api/stream", headers=a, buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    events: list[dict] = []

    def read():
        for raw in response.response:
            for line in raw.decode().splitlines():
                if line.startswith("data:"):
                    events.append(json.loads(line[5:]))
            if any(e.get("status") == "ready" for e in events):
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    doc = _upload(client, a, "notes.md", f"# Notes\nWe open at nine {uuid.uuid4().hex}".encode()).get_json()
    reader.join(60)
    response.close()
    statuses = [e["status"] for e in events if e["document_id"] == doc["document"]["id"]]
    assert statuses[-1] == "ready" and "embedding" in statuses
