"""Nothing a customer wrote is stored in plaintext: every column is scanned after real pipeline runs."""

from __future__ import annotations

import uuid

import psycopg
from psycopg import sql

from tests.conftest import wait_for
from tests.integration.messaging import _final, _message, _post


def _columns_holding(owner_database_url: str, needle: str) -> list[str]:
    """Every column of every table in which `needle` appears as text (bytea scanned as bytes too)."""
    found = []
    with psycopg.connect(owner_database_url, autocommit=True) as conn:
        columns = conn.execute(
            """select table_schema, table_name, column_name, data_type from information_schema.columns
               join information_schema.tables using (table_schema, table_name)
               where table_type = 'BASE TABLE' and table_schema in ('public', 'auth', 'storage')
                 and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')""").fetchall()
        for schema, table, column, data_type in columns:
            value = sql.Identifier(column) if data_type != "bytea" else sql.SQL("encode({}, 'escape')").format(
                sql.Identifier(column))
            query = sql.SQL("select count(*) from {}.{} where position(%s in {}::text) > 0").format(
                sql.Identifier(schema), sql.Identifier(table), value)
            if conn.execute(query, [needle]).fetchone()[0]:
                found.append(f"{schema}.{table}.{column}")
    return found


def test_no_customer_text_in_plaintext_at_rest(client, shop, gateway, owner_database_url):
    user, headers = shop
    canary = f"canary{uuid.uuid4().hex[:12]}"
    phone = f"+23480{uuid.uuid4().int % 10**8:08d}"  # a chat of its own: other tests share this tenant
    sent = [
        _message(user, f"Do you deliver to Accra? {canary}", sender_phone=phone),
        _message(user, f"Please email me your price list at {canary}@example.com", sender_phone=phone),
        _message(user, f"I want to talk to a human about my order {canary}", sender_phone=phone),
    ]
    for payload in sent:
        response = _post(client, payload)
        assert response.status_code == 200, response.get_json()
        _final(client, headers, response.get_json()["inbox_id"], timeout=90)
    wait_for(lambda: _columns_holding(owner_database_url, canary) or True, timeout=1)
    assert _columns_holding(owner_database_url, canary) == []
