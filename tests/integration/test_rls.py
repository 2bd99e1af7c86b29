"""Row-level security matrix: every tenant table x select/insert/update/delete.

Tenant A may touch its own rows (where its policy allows the operation) and never
B's; `anon` gets nothing; `service_role` sees everything. The list of tables is
read from the database, so a new table without a row recipe here fails the test.
"""

from __future__ import annotations

import json
import secrets
import uuid

import psycopg
import pytest
from psycopg import errors
from psycopg.types.json import Jsonb

OPS = ("select", "insert", "update", "delete")
EXPECTED_OPS = {
    "audit_logs": {"select"},
    "chat_logs": {"select", "insert", "delete"},
    "account_sessions": {"select", "update"},  # listed and revoked by their owner; opened by the service role
}
# Tables whose primary key is the owner itself (one row per tenant).
KEYED_BY_USER = {"profiles", "bot_config", "sessions", "chats", "provider_keys"}  # one row per tenant in these tests
# A column each table can set to its own value (to try an update).
UPDATE_COLUMN = {
    "profiles": "display_name", "bot_config": "tone", "whitelists": "name", "group_settings": "name",
    "knowledge_base": "filename", "kb_chunks": "content", "inbox": "chat_id", "outbox": "chat_id",
    "chat_logs": "chat_id", "sessions": "host", "audit_logs": "action", "tasks": "chat_id",
    "api_keys": "name", "chats": "contact_phone", "account_sessions": "revoked_at", "owner_alerts": "title",
    "provider_keys": "hint",
}


def _hex(n: int) -> str:
    return secrets.token_hex(n)


def _digits() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(8))


def row_for(table: str, user_id: uuid.UUID, parents: dict) -> dict:
    """Column values for one valid row of `table` owned by `user_id`."""
    common = {"user_id": user_id}
    recipes = {
        "profiles": {},
        "bot_config": {},
        "sessions": {},
        "chats": {"chat_id": "15550001@c.us"},
        "whitelists": {"phone": f"+1555{_digits()}"},
        "group_settings": {"group_id": f"{_digits()}@g.us"},
        "knowledge_base": {"filename": "price-list.pdf", "storage_path": f"{user_id}/x/price-list.pdf",
                           "mime_type": "application/pdf", "size_bytes": 10, "sha256": _hex(32)},
        "kb_chunks": lambda: {"id": _hex(16), "document_id": parents["knowledge_base"][user_id],
                              "ordinal": secrets.randbelow(10**6), "content": "hello",
                              "embedding": "[" + ",".join(["0.1"] * 384) + "]",
                              "embedding_model": "all-MiniLM-L6-v2", "metadata": Jsonb({})},
        "inbox": {"provider_message_id": _hex(8), "chat_id": "15550001@c.us", "trace_id": _hex(16)},
        "outbox": {"reply_key": _hex(8), "chat_id": "15550001@c.us", "body_ciphertext": b"x",
                   "body_nonce": b"n" * 12, "body_key_id": "k1", "trace_id": _hex(16)},
        "chat_logs": {"chat_id": "15550001@c.us", "direction": "inbound", "ciphertext": b"x",
                      "nonce": b"n" * 12, "key_id": "k1"},
        "audit_logs": {"action": "test.action"},
        "tasks": {"chat_id": "15550001@c.us", "task_type": "send_email", "trace_id": _hex(16)},
        "api_keys": {"name": "ci", "prefix": "sb_", "key_hash": _hex(32)},
        "account_sessions": lambda: {"token_hash": secrets.token_bytes(32), "password_fingerprint": _hex(8)},
        "owner_alerts": {"alert_key": _hex(8), "kind": "task_failed", "title": "Follow up"},
        "provider_keys": {"ciphertext": b"x", "nonce": b"n" * 12, "key_id": "k1", "hint": "abcd"},
    }
    recipe = recipes[table]
    return {**common, **(recipe() if callable(recipe) else recipe)}


def insert(conn: psycopg.Connection, table: str, row: dict) -> object:
    cols = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    pk = "user_id" if table in KEYED_BY_USER else "id"
    return conn.execute(
        f"insert into public.{table} ({cols}) values ({marks}) returning {pk}", list(row.values())
    ).fetchone()[0]


def pk_of(table: str) -> str:
    return "user_id" if table in KEYED_BY_USER else "id"


def as_role(conn: psycopg.Connection, role: str, user_id: uuid.UUID | None = None) -> None:
    conn.execute(f"set local role {role}")
    claims = {"role": role} if user_id is None else {"sub": str(user_id), "role": role}
    conn.execute("select set_config('request.jwt.claims', %s, true)", [json.dumps(claims)])


def tenant_tables(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        """select c.table_name from information_schema.columns c
           join information_schema.tables t using (table_schema, table_name)
           where c.table_schema = 'public' and c.column_name = 'user_id'
             and t.table_type = 'BASE TABLE' and c.table_name <> 'job_failures'
           order by 1""").fetchall()]


@pytest.fixture(scope="module")
def world(owner_database_url):
    """Two tenants with one row in every tenant table each (written as superuser)."""
    conn = psycopg.connect(owner_database_url, autocommit=True)
    a, b = (conn.execute("insert into auth.users (email) values (%s) returning id",
                         [f"{_hex(6)}@rls.test"]).fetchone()[0] for _ in range(2))
    tables = tenant_tables(conn)
    parents: dict = {"knowledge_base": {}}
    rows: dict = {t: {} for t in tables}
    ordered = sorted(tables, key=lambda t: t == "kb_chunks")  # chunks need their document first
    for table in ordered:
        for user in (a, b):
            rows[table][user] = insert(conn, table, row_for(table, user, parents))
            if table == "knowledge_base":
                parents["knowledge_base"][user] = rows[table][user]
    yield {"conn": conn, "a": a, "b": b, "tables": tables, "rows": rows, "parents": parents}
    conn.execute("delete from auth.users where id in (%s, %s)", [a, b])
    conn.close()


def test_every_tenant_table_has_a_recipe_and_rls(world):
    conn = world["conn"]
    assert set(world["tables"]) == set(UPDATE_COLUMN), "add the new table to this test's recipes"
    for table in world["tables"]:
        enabled = conn.execute("select relrowsecurity from pg_class where oid = %s::regclass",
                               [f"public.{table}"]).fetchone()[0]
        assert enabled, f"RLS is off on {table}"


def test_no_public_table_is_reachable_by_anon_or_without_rls(world):
    conn = world["conn"]
    for (table,) in conn.execute("select tablename from pg_tables where schemaname = 'public'").fetchall():
        grants = conn.execute(
            "select privilege_type from information_schema.role_table_grants "
            "where table_schema = 'public' and table_name = %s and grantee in ('anon', 'PUBLIC')",
            [table]).fetchall()
        assert grants == [], f"{table} grants {grants} to anon/public"


MATRIX = [(table, op) for table in sorted(UPDATE_COLUMN) for op in OPS]


@pytest.mark.parametrize(("table", "op"), MATRIX, ids=[f"{t}-{o}" for t, o in MATRIX])
def test_tenant_matrix(world, table, op):
    conn, a, b = world["conn"], world["a"], world["b"]
    allowed = op in EXPECTED_OPS.get(table, set(OPS))
    own_pk, other_pk = world["rows"][table][a], world["rows"][table][b]
    pk = pk_of(table)
    col = UPDATE_COLUMN[table]

    def attempt(sql: str, params: list, *, prepare=None) -> int:
        with conn.transaction(force_rollback=True):
            if prepare:
                prepare()
            as_role(conn, "authenticated", a)
            return conn.execute(sql, params).rowcount

    if op == "select":
        sql = f"select 1 from public.{table} where {pk} = any(%s)"
        if allowed:
            assert attempt(sql, [[own_pk, other_pk]]) == 1, "A must see exactly its own row"
        else:
            with pytest.raises(errors.InsufficientPrivilege):
                attempt(sql, [[own_pk]])

    elif op == "insert":
        def clear_own():  # one-row-per-tenant tables: make room for A's insert
            if table in KEYED_BY_USER:
                conn.execute(f"delete from public.{table} where user_id = %s", [a])

        own_row = row_for(table, a, world["parents"])
        foreign_row = row_for(table, b, world["parents"])
        if table in KEYED_BY_USER:
            foreign_row["user_id"] = b  # B's slot exists already; the policy must refuse before the key does
        if allowed:
            with conn.transaction(force_rollback=True):
                clear_own()
                as_role(conn, "authenticated", a)
                insert(conn, table, own_row)
        with pytest.raises(errors.InsufficientPrivilege):
            with conn.transaction(force_rollback=True):
                clear_own()
                as_role(conn, "authenticated", a)
                insert(conn, table, foreign_row)

    elif op == "update":
        sql = f"update public.{table} set {col} = {col} where {pk} = %s"
        if allowed:
            assert attempt(sql, [own_pk]) == 1
            assert attempt(sql, [other_pk]) == 0, "A changed B's row"
            with pytest.raises(errors.InsufficientPrivilege):
                attempt(f"update public.{table} set user_id = %s where {pk} = %s", [b, own_pk])
        else:
            with pytest.raises(errors.InsufficientPrivilege):
                attempt(sql, [own_pk])

    else:  # delete
        sql = f"delete from public.{table} where {pk} = %s"
        if allowed:
            assert attempt(sql, [own_pk]) == 1
            assert attempt(sql, [other_pk]) == 0, "A deleted B's row"
        else:
            with pytest.raises(errors.InsufficientPrivilege):
                attempt(sql, [own_pk])
    # B's row is untouched whatever A tried.
    assert conn.execute(f"select count(*) from public.{table} where {pk} = %s", [other_pk]).fetchone()[0] == 1


@pytest.mark.parametrize("table", sorted(UPDATE_COLUMN))
def test_anon_gets_nothing(world, table):
    conn = world["conn"]
    with pytest.raises(errors.InsufficientPrivilege), conn.transaction(force_rollback=True):
        as_role(conn, "anon")
        conn.execute(f"select 1 from public.{table} limit 1")


@pytest.mark.parametrize("table", sorted(UPDATE_COLUMN))
def test_service_role_sees_every_tenant(world, table):
    conn, a, b = world["conn"], world["a"], world["b"]
    pk = pk_of(table)
    with conn.transaction(force_rollback=True):
        as_role(conn, "service_role")
        seen = conn.execute(f"select count(*) from public.{table} where {pk} = any(%s)",
                            [[world["rows"][table][a], world["rows"][table][b]]]).fetchone()[0]
    assert seen == 2


def test_tenant_without_claims_sees_nothing(world):
    conn = world["conn"]
    with conn.transaction(force_rollback=True):
        conn.execute("set local role authenticated")
        assert conn.execute("select count(*) from public.profiles").fetchone()[0] == 0


# --- storage objects ------------------------------------------------------------------------

def _object(conn, bucket: str, name: str):
    return conn.execute("insert into storage.objects (bucket_id, name) values (%s, %s) returning id",
                        [bucket, name]).fetchone()[0]


@pytest.mark.parametrize("bucket", ["knowledge-base", "media"])
def test_storage_objects_are_confined_to_the_owner_prefix(world, bucket):
    conn, a, b = world["conn"], world["a"], world["b"]
    own = _object(conn, bucket, f"{a}/doc-{_hex(4)}/file.pdf")
    other = _object(conn, bucket, f"{b}/doc-{_hex(4)}/file.pdf")
    try:
        def run(fn):
            with conn.transaction(force_rollback=True):
                as_role(conn, "authenticated", a)
                return fn()

        assert run(lambda: conn.execute("select id from storage.objects where id = any(%s)",
                                        [[own, other]]).fetchall()) == [(own,)]
        run(lambda: _object(conn, bucket, f"{a}/new/file.txt"))
        with pytest.raises(errors.InsufficientPrivilege):
            run(lambda: _object(conn, bucket, f"{b}/new/file.txt"))
        with pytest.raises(errors.InsufficientPrivilege):
            run(lambda: _object(conn, bucket, "file-at-root.txt"))
        assert run(lambda: conn.execute("update storage.objects set version = 'v2' where id = %s",
                                        [other]).rowcount) == 0
        with pytest.raises(errors.InsufficientPrivilege):
            run(lambda: conn.execute("update storage.objects set name = %s where id = %s",
                                     [f"{b}/moved.pdf", own]))
        assert run(lambda: conn.execute("delete from storage.objects where id = %s", [other]).rowcount) == 0
        assert run(lambda: conn.execute("delete from storage.objects where id = %s", [own]).rowcount) == 1

        with pytest.raises(errors.InsufficientPrivilege), conn.transaction(force_rollback=True):
            as_role(conn, "anon")
            conn.execute("select 1 from storage.objects")
        with conn.transaction(force_rollback=True):
            as_role(conn, "service_role")
            assert len(conn.execute("select 1 from storage.objects where id = any(%s)",
                                    [[own, other]]).fetchall()) == 2
    finally:
        conn.execute("delete from storage.objects where id = any(%s)", [[own, other]])


def test_other_buckets_are_closed_to_tenants(world):
    conn, a = world["conn"], world["a"]
    conn.execute("insert into storage.buckets (id, name) values ('private-ops', 'private-ops') "
                 "on conflict do nothing")
    with pytest.raises(errors.InsufficientPrivilege), conn.transaction(force_rollback=True):
        as_role(conn, "authenticated", a)
        _object(conn, "private-ops", f"{a}/x.txt")


def test_buckets_exist_and_are_private(world):
    rows = world["conn"].execute(
        "select id, public from storage.buckets where id in ('knowledge-base', 'media') order by id"
    ).fetchall()
    assert rows == [("knowledge-base", False), ("media", False)]


def test_a_tenant_cannot_attach_rows_to_another_tenants_parent(world):
    conn, a, b = world["conn"], world["a"], world["b"]
    chunk = row_for("kb_chunks", a, world["parents"])
    chunk["document_id"] = world["parents"]["knowledge_base"][b]
    with pytest.raises(errors.ForeignKeyViolation), conn.transaction(force_rollback=True):
        as_role(conn, "authenticated", a)
        insert(conn, "kb_chunks", chunk)
    task = row_for("tasks", a, world["parents"])
    task["inbox_id"] = world["rows"]["inbox"][b]
    with pytest.raises(errors.ForeignKeyViolation), conn.transaction(force_rollback=True):
        as_role(conn, "authenticated", a)
        insert(conn, "tasks", task)
