"""`salesboy backup` of a running install restores into a fresh Postgres and data dir with the same answers.

The install has a knowledge base and encrypted chat logs from real pipeline runs; the restore goes into a new
embedded Postgres (its own data dir, its own runtime role) through the command line, as an operator runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import namedtuple_row

from schemas.settings import DEV_ENCRYPTION_KEYS
from services.bootstrap import bootstrap
from services.runtime.backup import BackupError, read_manifest
from services.runtime.embedded import EmbeddedPostgres, free_port
from services.runtime.migrate import RUNTIME_ROLE
from services.usecases.message_views import readable
from tests.conftest import REPO_ROOT, make_settings, subprocess_env
from tests.integration.messaging import _final, _message, _post

QUESTION = "Do you deliver to Accra?"


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=600)


def _logs(container, user) -> list[tuple[str, str, str]]:
    # Rows with attributes, as `readable` reads the repositories' typed rows.
    with container.tenant_uow(user) as uow, uow.conn.cursor(row_factory=namedtuple_row) as cur:
        rows = cur.execute(
            "select id, chat_id, direction, ciphertext, nonce, key_id from public.chat_logs order by id").fetchall()
    return [(str(r.id), r.direction, readable(container.tenant_data, user, r)) for r in rows]


@pytest.fixture
def backup_root():
    root = Path(tempfile.mkdtemp(prefix="salesboy-test-backup-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_backup_restores_into_a_fresh_install(client, shop, container, settings, database_url, owner_database_url,
                                              redis_url, shared_data_dir, backup_root):
    user, headers = shop
    phone = f"+23480{uuid.uuid4().int % 10**8:08d}"
    for text in (QUESTION, "How long do I have to return an item?"):
        response = _post(client, _message(user, text, sender_phone=phone))
        assert response.status_code == 200, response.get_json()
        assert _final(client, headers, response.get_json()["inbox_id"], timeout=90)["status"] == "answered"
    before_hits = container.kb.search(user, QUESTION, 5)
    before_logs = _logs(container, user)
    assert before_hits and len(before_logs) >= 4
    assert all("could not be decrypted" not in text for _, _, text in before_logs)

    target = backup_root / "backup"
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         MIGRATION_DATABASE_URL=owner_database_url, REDIS_URL=redis_url)
    made = _cli(env, "backup", str(target))
    assert made.returncode == 0, made.stderr
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["encryption_key_ids"] == ["dev1"]
    assert DEV_ENCRYPTION_KEYS.split(":", 1)[1] not in "".join(
        p.read_text(errors="replace") for p in target.rglob("*") if p.is_file() and p.suffix != ".dump")
    assert {e["path"] for e in manifest["files"]} >= {"database.dump", *(
        f"files/knowledge-base/{p.relative_to(shared_data_dir / 'storage' / 'knowledge-base').as_posix()}"
        for p in (shared_data_dir / "storage" / "knowledge-base" / str(user)).rglob("*") if p.is_file())}
    assert "restoring it needs CHAT_ENCRYPTION_KEYS holding key id(s) dev1" in made.stdout

    # A fresh machine: new data dir, new embedded Postgres on its own port, nothing configured but the keys.
    fresh_dir = backup_root / "fresh"
    port = free_port()
    fresh_env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(fresh_dir), EMBEDDED_PG_PORT=str(port),
                               REDIS_URL=redis_url)
    wrong_keys = _cli({**fresh_env, "CHAT_ENCRYPTION_KEYS": "other:" + DEV_ENCRYPTION_KEYS.split(":", 1)[1]},
                      "restore", str(target))
    assert wrong_keys.returncode != 0 and "key id(s) dev1" in wrong_keys.stderr
    restored = _cli(fresh_env, "restore", str(target))
    assert restored.returncode == 0, restored.stderr
    again = _cli(fresh_env, "restore", str(target))
    assert again.returncode != 0 and "not empty" in again.stderr

    server = EmbeddedPostgres(fresh_dir.resolve() / "postgres", port=port).start()
    try:
        runtime = server.runtime_url(RUNTIME_ROLE)
        with psycopg.connect(runtime, autocommit=True) as conn:  # the least-privilege role, recreated
            assert conn.execute("select rolbypassrls or rolsuper from pg_roles where rolname = current_user"
                                ).fetchone() == (False,)
        fresh_settings = make_settings(fresh_dir, DATABASE_URL=runtime, REDIS_URL=redis_url)
        fresh = bootstrap(fresh_settings, database_url=runtime, redis_url=redis_url)
        try:
            after_hits = fresh.kb.search(user, QUESTION, 5)
            assert [(h.chunk_id, h.content) for h in after_hits] == [(h.chunk_id, h.content) for h in before_hits]
            assert [round(h.score, 5) for h in after_hits] == [round(h.score, 5) for h in before_hits]
            assert _logs(fresh, user) == before_logs
            document = fresh.kb.list_documents(user)[0]
            assert fresh.kb.get_document(user, document.id)[0].status == "ready"
            original = next((fresh_dir / "storage" / "knowledge-base" / str(user)).rglob("faq.md"))
            assert original.read_bytes().startswith(b"# Delivery")
        finally:
            fresh.close()
    finally:
        server.stop()


def test_a_damaged_backup_is_refused(backup_root, tmp_path):
    (backup_root / "database.dump").write_bytes(b"dump")
    manifest = {"format": 1, "encryption_key_ids": [], "files": [
        {"path": "database.dump", "size": 4, "sha256": "0" * 64}]}
    (backup_root / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="does not match its checksum"):
        read_manifest(backup_root)
    manifest["files"][0]["path"] = "../outside"
    (backup_root / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="outside the backup"):
        read_manifest(backup_root)
    with pytest.raises(BackupError, match="not a Salesboy backup"):
        read_manifest(tmp_path)
