"""SupabaseStorage through the real supabase/storage3 client against a local Storage server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from services.adapters.ports import StorageObjectMissingError
from services.adapters.storage_supabase import SupabaseStorage
from services.core.errors import PermanentError, TransientError
from services.runtime.embedded import free_port
from tests.fakes.supabase_server import FakeSupabaseStorage, StoredObject

KEY = "test-service-role-key"
BUCKET = "documents"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeSupabaseStorage]:
    fake = FakeSupabaseStorage(KEY, buckets=(BUCKET, "other"))
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def fake(server: FakeSupabaseStorage) -> FakeSupabaseStorage:
    server.reset()
    return server


@pytest.fixture
def storage(fake: FakeSupabaseStorage) -> Iterator[SupabaseStorage]:
    client = SupabaseStorage(fake.url, KEY, timeout=5.0, page_size=7, remove_batch_size=10)
    try:
        yield client
    finally:
        client.close()


def test_put_get_round_trip_keeps_bytes_and_content_type(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    data = bytes(range(256)) * 40 + b"\x00\r\n\xff"
    storage.put(BUCKET, "u1/d1/Price list (v2).pdf", data, "application/pdf")

    assert storage.get(BUCKET, "u1/d1/Price list (v2).pdf") == data
    stored = fake.objects[BUCKET]["u1/d1/Price list (v2).pdf"]
    assert stored.content_type == "application/pdf"
    upload = next(r for r in fake.requests if r.method == "POST")
    assert upload.headers["X-Upsert"] == "true"
    assert upload.headers["Authorization"] == f"Bearer {KEY}"


def test_put_overwrites(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    storage.put(BUCKET, "u1/d1/a.txt", b"first", "text/plain")
    storage.put(BUCKET, "u1/d1/a.txt", b"second", "text/markdown")

    assert storage.get(BUCKET, "u1/d1/a.txt") == b"second"
    assert fake.objects[BUCKET]["u1/d1/a.txt"].content_type == "text/markdown"


def test_get_missing_object(storage: SupabaseStorage):
    with pytest.raises(StorageObjectMissingError):
        storage.get(BUCKET, "u1/d1/nope.txt")


def test_missing_bucket_is_permanent_not_missing_object(storage: SupabaseStorage):
    with pytest.raises(PermanentError, match="Bucket not found"):
        storage.put("no-such-bucket", "u1/a.txt", b"x", "text/plain")


def test_key_supabase_refuses_is_permanent(storage: SupabaseStorage):
    with pytest.raises(PermanentError, match="Invalid key"):
        storage.put(BUCKET, "u1/d1/préface.txt", b"x", "text/plain")


def test_delete_prefix_removes_only_that_prefix(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    user, other_user = str(uuid.uuid4()), str(uuid.uuid4())
    doc, other_doc = str(uuid.uuid4()), str(uuid.uuid4())
    doomed = [f"{user}/{doc}/file-{i:02}.txt" for i in range(23)]
    doomed += [f"{user}/{doc}/pages/{i}/page.png" for i in range(9)]
    kept = [f"{user}/{other_doc}/file.txt", f"{other_user}/{doc}/file-00.txt", f"{user}/{doc}-2/file.txt"]
    for name in doomed + kept:
        fake.objects[BUCKET][name] = _stored(name)
    fake.objects["other"][f"{user}/{doc}/file-00.txt"] = _stored("other bucket")

    storage.delete_prefix(BUCKET, f"{user}/{doc}/")

    assert sorted(fake.objects[BUCKET]) == sorted(kept)
    assert list(fake.objects["other"]) == [f"{user}/{doc}/file-00.txt"]
    lists = [r for r in fake.requests if r.path.startswith("/storage/v1/object/list/")]
    removes = [r for r in fake.requests if r.method == "DELETE"]
    assert max(r.json["offset"] for r in lists) > 0, "should have paged through the listing"
    assert {r.json["limit"] for r in lists} == {7}
    assert [len(r.json["prefixes"]) for r in removes] == [10, 10, 10, 2]


def test_delete_prefix_of_nothing_and_of_whole_tenant(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    storage.delete_prefix(BUCKET, "nobody/")
    for name in ("t1/d1/a.txt", "t1/d2/b/c.txt", "t2/d1/a.txt"):
        storage.put(BUCKET, name, b"x", "text/plain")

    storage.delete_prefix(BUCKET, "t1/")

    assert list(fake.objects[BUCKET]) == ["t2/d1/a.txt"]
    with pytest.raises(ValueError, match="empty"):
        storage.delete_prefix(BUCKET, "/")


def test_wrong_key_is_permanent(fake: FakeSupabaseStorage):
    client = SupabaseStorage(fake.url, "not-the-key")
    try:
        with pytest.raises(PermanentError, match="401"):
            client.get(BUCKET, "u1/a.txt")
    finally:
        client.close()


def test_server_error_is_transient(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    storage.put(BUCKET, "u1/a.txt", b"x", "text/plain")
    fake.fail_next(500)
    with pytest.raises(TransientError, match="500"):
        storage.get(BUCKET, "u1/a.txt")
    fake.fail_next(429)
    with pytest.raises(TransientError, match="429"):
        storage.delete_prefix(BUCKET, "u1/")
    assert storage.get(BUCKET, "u1/a.txt") == b"x"


def test_client_errors_are_permanent(storage: SupabaseStorage, fake: FakeSupabaseStorage):
    fake.fail_next(403)
    with pytest.raises(PermanentError, match="403"):
        storage.put(BUCKET, "u1/a.txt", b"x", "text/plain")
    with pytest.raises(PermanentError, match="dot segments"):
        storage.get(BUCKET, "u1/../u2/a.txt")


def test_timeout_is_transient(fake: FakeSupabaseStorage):
    client = SupabaseStorage(fake.url, KEY, timeout=0.3)
    try:
        fake.delay_next(1.5)
        with pytest.raises(TransientError, match="Timeout"):
            client.get(BUCKET, "u1/a.txt")
    finally:
        client.close()


def test_closed_port_is_transient():
    client = SupabaseStorage(f"http://127.0.0.1:{free_port()}", KEY, timeout=2.0)
    try:
        with pytest.raises(TransientError, match="ConnectError"):
            client.put(BUCKET, "u1/a.txt", b"x", "text/plain")
    finally:
        client.close()


def _stored(text: str) -> StoredObject:
    return StoredObject(text.encode(), "text/plain")
