"""The API and workers connect as a role that cannot step outside row-level security."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from schemas.settings import InsecureSettingsError
from services.runtime.migrate import runtime_role_problems
from services.runtime.runtime import refuse_privileged_runtime
from tests.conftest import make_settings


def _tenant(owner_database_url: str) -> uuid.UUID:
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        return conn.execute("insert into auth.users (email) values (%s) returning id",
                            [f"{uuid.uuid4().hex[:10]}@role.test"]).fetchone()[0]


def _as_tenant(conn: psycopg.Connection, user: uuid.UUID, role_claim: str = "authenticated") -> None:
    conn.execute("begin")
    conn.execute("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', %s, true)",
                 [json.dumps({"sub": str(user), "role": role_claim})])


def test_runtime_role_is_neither_superuser_nor_bypassing_rls(database_url, owner_database_url):
    assert runtime_role_problems(database_url) == []
    assert any("superuser" in p for p in runtime_role_problems(owner_database_url))


def test_reset_role_inside_a_tenant_transaction_reads_nothing(database_url, owner_database_url):
    user = _tenant(owner_database_url)
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        conn.execute("insert into public.whitelists (user_id, phone) values (%s, '+2348012345678')",
                     [_tenant(owner_database_url)])
    with psycopg.connect(database_url, autocommit=True) as conn:
        _as_tenant(conn, user)
        assert conn.execute("select count(*) from public.whitelists").fetchone()[0] == 0  # RLS: not theirs
        conn.execute("reset role")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from public.whitelists")
        conn.execute("rollback")


@pytest.mark.parametrize("statement", [
    "alter role current_user superuser",
    "copy (select 1) to program 'id'",
    "select rolpassword from pg_authid",
    "create role intruder superuser login",
    "select pg_read_file('postgresql.conf')",
])
def test_runtime_role_cannot_escalate(database_url, statement):
    with psycopg.connect(database_url, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_audit_entries_for_another_tenant_are_refused_whatever_the_claims_say(database_url, owner_database_url):
    mine, theirs = _tenant(owner_database_url), _tenant(owner_database_url)
    with psycopg.connect(database_url, autocommit=True) as conn:
        _as_tenant(conn, mine, role_claim="service_role")  # a forged claim, the database role is authenticated
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select public.log_audit_action(%s, 'forged', '{}')", [theirs])
        conn.execute("rollback")
        _as_tenant(conn, mine)
        assert conn.execute("select public.log_audit_action(%s, 'own', '{}')", [mine]).fetchone()[0] > 0
        conn.execute("commit")


def test_production_refuses_a_privileged_runtime_connection(tmp_path, owner_database_url, database_url):
    production = make_settings(tmp_path).model_copy(update={"env": "production"})
    with pytest.raises(InsecureSettingsError, match="superuser"):
        refuse_privileged_runtime(production, owner_database_url)
    refuse_privileged_runtime(production, database_url)  # the runtime role passes
