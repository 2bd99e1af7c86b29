"""Apply the SQL files in migrations/ in order, each in its own transaction.

Files are named as the Supabase CLI names them (`<14-digit timestamp>_<name>.sql`).
Applied versions are recorded in `public.schema_migrations` with a checksum, so a
re-run is a no-op and an edited, already-applied file is an error. A file whose
first lines say `-- salesboy: skip-if-exists <relation>` is recorded as skipped
where that relation already exists (e.g. the Supabase-compat file on Supabase).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from services.repositories.rows import one_row

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
_FILE_NAME = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.sql$")
_SKIP_IF_EXISTS = re.compile(r"^--\s*salesboy:\s*skip-if-exists\s+(?P<relation>[a-z_][a-z0-9_.]*)\s*$", re.M)
# Any constant will do: it only serialises concurrent runners on one database.
_ADVISORY_LOCK_KEY = 7_300_541_912


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()

    @property
    def skip_if_exists(self) -> str | None:
        header = "\n".join(self.sql.splitlines()[:5])
        match = _SKIP_IF_EXISTS.search(header)
        return match["relation"] if match else None


@dataclass(frozen=True)
class MigrationReport:
    applied: list[str]
    skipped: list[str]
    already: list[str]


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: expected <14-digit timestamp>_<lowercase_name>.sql")
        migrations.append(Migration(match["version"], match["name"], path.read_text()))
    versions = [m.version for m in migrations]
    if len(versions) != len(set(versions)):
        raise MigrationError("two migration files share a version")
    return migrations


def apply_migrations(database_url: str, directory: Path = MIGRATIONS_DIR) -> MigrationReport:
    migrations = load_migrations(directory)
    applied: list[str] = []
    skipped: list[str] = []
    already: list[str] = []
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute("select pg_advisory_lock(%s)", [_ADVISORY_LOCK_KEY])
        try:
            conn.execute(
                """create table if not exists public.schema_migrations (
                       version text primary key,
                       name text not null,
                       checksum text not null,
                       skipped boolean not null default false,
                       applied_at timestamptz not null default now())"""
            )
            conn.execute("revoke all on public.schema_migrations from public")
            recorded: dict[str, str] = dict(
                conn.execute("select version, checksum from public.schema_migrations").fetchall())
            for migration in migrations:
                label = f"{migration.version}_{migration.name}"
                if migration.version in recorded:
                    if recorded[migration.version] != migration.checksum:
                        raise MigrationError(f"{label} was changed after it was applied")
                    already.append(label)
                    continue
                with conn.transaction():
                    skip = _should_skip(conn, migration)
                    if not skip:
                        try:
                            conn.execute(migration.sql)
                        except psycopg.Error as exc:
                            raise MigrationError(f"{label} failed: {exc}") from exc
                    conn.execute(
                        "insert into public.schema_migrations (version, name, checksum, skipped) "
                        "values (%s, %s, %s, %s)",
                        [migration.version, migration.name, migration.checksum, skip],
                    )
                (skipped if skip else applied).append(label)
                log.info("migration %s", "skipped" if skip else "applied", extra={"migration": label})
        finally:
            conn.execute("select pg_advisory_unlock(%s)", [_ADVISORY_LOCK_KEY])
    return MigrationReport(applied, skipped, already)


def _should_skip(conn: psycopg.Connection, migration: Migration) -> bool:
    relation = migration.skip_if_exists
    if relation is None:
        return False
    return one_row(conn.execute("select to_regclass(%s) is not null", [relation]))[0]


# The login role the API and workers connect as: no superuser, no BYPASSRLS, and NOINHERIT, so
# outside the `authenticated` / `service_role` it switches into per transaction it can read nothing.
RUNTIME_ROLE = "salesboy_app"


def ensure_runtime_role(owner_url: str, password: str | None, role: str = RUNTIME_ROLE) -> None:
    """Create (or re-password) the runtime login role; run by the database owner after migrations."""
    attributes: sql.Composable = sql.SQL(
        "login noinherit nosuperuser nobypassrls nocreatedb nocreaterole noreplication")
    if password is not None:  # None: the server authenticates it otherwise (peer, certificates)
        attributes = sql.SQL("{} password {}").format(attributes, sql.Literal(password))
    with psycopg.connect(owner_url, autocommit=True, connect_timeout=10) as conn:
        exists = conn.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone()
        verb = sql.SQL("alter role" if exists else "create role")
        conn.execute(sql.SQL("{} {} {}").format(verb, sql.Identifier(role), attributes))
        conn.execute(sql.SQL("grant authenticated, service_role to {}").format(sql.Identifier(role)))


def runtime_role_problems(database_url: str) -> list[str]:
    """Why the runtime connection is more powerful than it should be (empty when it is not)."""
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as conn:
        name, superuser, bypass = one_row(conn.execute(
            "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user"))
    problems = []
    if superuser:
        problems.append(f"DATABASE_URL connects as {name}, a superuser")
    if bypass:
        problems.append(f"DATABASE_URL connects as {name}, which bypasses row-level security")
    return problems
