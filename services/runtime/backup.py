"""Backups an operator can restore: `salesboy backup DIR` and `salesboy restore DIR`.

A backup folder holds:

- `database.dump`: `pg_dump --format=custom` of the whole database (schemas, row-level security policies,
  grants, vectors, encrypted chat bodies), taken as the database owner (a dump of tables with forced RLS
  needs the owner or a BYPASSRLS role);
- `files/`: the stored objects (uploaded documents and their extracted text), laid out as in storage;
- `manifest.json`: versions, the applied migrations, the ids (never the values) of the encryption keys the
  data needs, and a SHA-256 and size for every file above.

The encryption keys (`CHAT_ENCRYPTION_KEYS`) are never written to a backup: a backup without the keys cannot
be read, and the keys are kept apart from it (docs/deploy.md). A restore refuses to start when the running
keyring lacks a key id the manifest names.

Restore goes into an empty database: it creates the Supabase-shaped roles the grants name, loads the dump as
the owner, applies any migrations newer than the backup and (re)creates the runtime role, then puts the files
back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from schemas.settings import Settings
from services.adapters.ports import StorageObjectMissingError
from services.handlers.ingest import KB_BUCKET, extracted_path
from services.repositories.rows import one_row
from services.runtime.embedded import pg_client_tool
from services.runtime.runtime import migrate_database

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files"
FORMAT_VERSION = 1
_DUMP_TIMEOUT = 3600
# Columns holding the id of the key that sealed a value: the manifest lists every id in use.
_KEY_ID_COLUMNS = (
    ("public.inbox", "body_key_id"),
    ("public.outbox", "body_key_id"),
    ("public.chat_logs", "key_id"),
    ("public.tasks", "payload_key_id"),
    ("public.provider_keys", "key_id"),
)
_SUPABASE_ROLES = {
    "anon": "nologin noinherit",
    "authenticated": "nologin noinherit",
    "service_role": "nologin noinherit bypassrls",
}


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupReport:
    directory: Path
    manifest: dict

    @property
    def files(self) -> int:
        return len(self.manifest["files"])


def _libpq_env(url: str) -> tuple[str, dict[str, str]]:
    """A connection string without the password, and an environment that carries it: a password on the
    command line would be visible to every local user in `ps`."""
    params = conninfo_to_dict(url)
    password = params.pop("password", None)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items()}), env


def _run_tool(argv: list[str], env: dict[str, str], what: str) -> str:
    with tempfile.TemporaryFile("w+") as out:
        try:
            result = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=_DUMP_TIMEOUT,
                                    check=False, cwd="/")
        except subprocess.TimeoutExpired as exc:
            raise BackupError(f"{what} timed out after {_DUMP_TIMEOUT}s") from exc
        out.seek(0)
        output = out.read().strip()
    if result.returncode != 0:
        raise BackupError(f"{what} failed ({result.returncode}): {output[-4000:]}")
    return output


def _tool_version(name: str) -> str:
    out = subprocess.run([pg_client_tool(name), "--version"], capture_output=True, text=True, check=True, timeout=30)
    return out.stdout.strip()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _salesboy_version() -> str:
    try:
        return metadata.version("salesboy")
    except metadata.PackageNotFoundError:
        return "unknown"


def _database_facts(owner_url: str) -> dict:
    with psycopg.connect(owner_url, autocommit=True, connect_timeout=10) as conn:
        server = one_row(conn.execute("show server_version"))[0]
        who = conn.execute("select rolsuper or rolbypassrls from pg_roles where rolname = current_user").fetchone()
        if not who or not who[0]:
            raise BackupError(
                "the backup must connect as the database owner with superuser or BYPASSRLS (every table forces "
                "row-level security): set MIGRATION_DATABASE_URL to the owner's URL")
        migrations = conn.execute(
            "select version, name, skipped from public.schema_migrations order by version").fetchall()
        if any(name == "supabase_compat" and skipped for _, name, skipped in migrations):
            raise BackupError(
                "this database is a Supabase project: use Supabase's own database backups (daily and "
                "point-in-time) and Storage's, as docs/supabase.md describes; `salesboy backup` dumps plain Postgres")
        key_ids: set[str] = set()
        for table, column in _KEY_ID_COLUMNS:
            rows = conn.execute(f"select distinct {column} from {table} where {column} is not null").fetchall()  # noqa: S608 (constant names)
            key_ids.update(r[0] for r in rows)
        tenants = one_row(conn.execute("select count(*) from auth.users"))[0]
        chunks = one_row(conn.execute("select count(*) from public.kb_chunks"))[0]
    return {"server_version": server, "migrations": [f"{v}_{n}" for v, n, _ in migrations],
            "encryption_key_ids": sorted(key_ids), "tenants": tenants, "chunks": chunks}


def _local_storage_root(settings: Settings) -> Path:
    return (settings.data_dir / "storage").resolve()


def _copy_stored_files(settings: Settings, storage, owner_url: str, target: Path) -> None:
    """Every stored object, under `target/<bucket>/<path>`."""
    if settings.storage_backend == "local":
        root = _local_storage_root(settings)
        if root.exists():
            shutil.copytree(root, target, ignore=shutil.ignore_patterns(".upload-*"))
        else:
            target.mkdir()
        return

    target.mkdir()
    with psycopg.connect(owner_url, autocommit=True, connect_timeout=10) as conn:
        rows = conn.execute("select id, user_id, storage_path from public.knowledge_base").fetchall()
    for document_id, user_id, path in rows:
        for name in (path, extracted_path(user_id, document_id)):
            try:
                data = storage.get(KB_BUCKET, name)
            except StorageObjectMissingError:
                continue  # a document not extracted yet has no extracted text
            out = target / KB_BUCKET / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)


def backup(settings: Settings, owner_url: str, directory: Path, *, storage=None) -> BackupReport:
    """Write a backup of the database at `owner_url` and the stored files into `directory` (new or empty)."""
    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new folder for each backup")
    facts = _database_facts(owner_url)
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    conninfo, env = _libpq_env(owner_url)
    dump = directory / DUMP
    _run_tool([pg_client_tool("pg_dump"), "--format=custom", "--compress=6", "--no-password",
               f"--file={dump}", f"--dbname={conninfo}"], env, "pg_dump")
    _copy_stored_files(settings, storage, owner_url, directory / FILES)
    files = [{"path": DUMP, "size": dump.stat().st_size, "sha256": _sha256(dump)}]
    for path in sorted(p for p in (directory / FILES).rglob("*") if p.is_file()):
        files.append({"path": path.relative_to(directory).as_posix(), "size": path.stat().st_size,
                      "sha256": _sha256(path)})
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "salesboy_version": _salesboy_version(),
        "postgres_server_version": facts["server_version"],
        "pg_dump_version": _tool_version("pg_dump"),
        "migrations": facts["migrations"],
        "storage_backend": settings.storage_backend,
        "vector_backend": settings.vector_backend,
        "encryption_key_ids": facts["encryption_key_ids"],
        "counts": {"tenants": facts["tenants"], "chunks": facts["chunks"], "files": len(files) - 1},
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    log.info("backup written", extra={"directory": str(directory), "files": len(files)})
    return BackupReport(directory, manifest)


def read_manifest(directory: Path) -> dict:
    """The manifest, after checking every listed file's size and checksum."""
    path = directory / MANIFEST
    if not path.exists():
        raise BackupError(f"{directory} holds no {MANIFEST}: not a Salesboy backup")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"backup format {manifest.get('format')!r} is not supported (expected {FORMAT_VERSION})")
    for entry in manifest["files"]:
        target = (directory / entry["path"]).resolve()
        if not target.is_relative_to(directory.resolve()):
            raise BackupError(f"the manifest names a file outside the backup: {entry['path']}")
        if not target.is_file() or target.stat().st_size != entry["size"] or _sha256(target) != entry["sha256"]:
            raise BackupError(f"{entry['path']} is missing or does not match its checksum: the backup is damaged")
    return manifest


def _require_keys(manifest: dict, key_ids: list[str]) -> None:
    missing = sorted(set(manifest["encryption_key_ids"]) - set(key_ids))
    if missing:
        raise BackupError(
            "the backup's messages are sealed with key id(s) " + ", ".join(missing) + " that CHAT_ENCRYPTION_KEYS "
            "does not hold: set the keys the backed-up install used (they are never in a backup) and try again")


def _require_empty(conn: psycopg.Connection) -> None:
    taken = one_row(conn.execute(
        "select count(*) from pg_tables where schemaname in ('public', 'auth', 'storage')"))[0]
    if taken:
        raise BackupError("the target database is not empty: restore into a new, empty database")


def _ensure_roles(conn: psycopg.Connection) -> None:
    """The cluster-wide roles the dump's grants name (pg_dump saves a database, not its cluster's roles)."""
    for role, attributes in _SUPABASE_ROLES.items():
        if not conn.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone():
            conn.execute(sql.SQL("create role {} " + attributes).format(sql.Identifier(role)))
        conn.execute(sql.SQL("grant {} to current_user").format(sql.Identifier(role)))


def restore(settings: Settings, owner_url: str, directory: Path, *, key_ids: list[str], storage=None) -> dict:
    """Restore the backup in `directory` into the empty database at `owner_url` and the configured storage."""
    directory = directory.resolve()
    manifest = read_manifest(directory)
    _require_keys(manifest, key_ids)
    with psycopg.connect(owner_url, autocommit=True, connect_timeout=10) as conn:
        _require_empty(conn)
        if settings.storage_backend == "local":
            root = _local_storage_root(settings)
            if root.exists() and any(root.iterdir()):
                raise BackupError(f"{root} already holds files: restore into a new data dir")
        _ensure_roles(conn)
    conninfo, env = _libpq_env(owner_url)
    _run_tool([pg_client_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction",
               "--no-password", f"--dbname={conninfo}", str(directory / DUMP)], env, "pg_restore")
    report = migrate_database(settings, owner_url)
    _restore_files(settings, storage, directory / FILES)
    log.info("backup restored", extra={"directory": str(directory), "migrations_applied": report.applied})
    return {"manifest": manifest, "migrations_applied": report.applied}


def _restore_files(settings: Settings, storage, source: Path) -> None:
    if not source.exists():
        return
    if settings.storage_backend == "local":
        shutil.copytree(source, _local_storage_root(settings), dirs_exist_ok=True)
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        bucket, name = path.relative_to(source).as_posix().split("/", 1)
        storage.put(bucket, name, path.read_bytes(), "application/octet-stream")
