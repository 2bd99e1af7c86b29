import shutil

import psycopg
import pytest

from services.runtime.migrate import MIGRATIONS_DIR, MigrationError, apply_migrations, load_migrations
from tests.conftest import create_database


def test_names_follow_the_supabase_cli_pattern():
    migrations = load_migrations()
    assert migrations, "no migrations found"
    assert [m.version for m in migrations] == sorted(m.version for m in migrations)
    assert migrations[0].skip_if_exists == "auth.users"
    assert all(m.skip_if_exists is None for m in migrations[1:])


def test_apply_on_empty_database_then_rerun_is_a_noop(pg_server):
    url = create_database(pg_server, "migrate_fresh")
    first = apply_migrations(url)
    assert len(first.applied) == len(load_migrations())
    assert first.skipped == [] and first.already == []

    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute(
            "select tablename from pg_tables where schemaname = 'public'").fetchall()}
        before = conn.execute("select count(*), max(applied_at) from public.schema_migrations").fetchone()
    assert {"profiles", "bot_config", "whitelists", "group_settings", "knowledge_base", "kb_chunks",
            "chat_logs", "sessions", "audit_logs", "tasks", "inbox", "outbox"} <= tables

    second = apply_migrations(url)
    assert second.applied == [] and second.skipped == []
    assert len(second.already) == len(first.applied)
    with psycopg.connect(url) as conn:
        after = conn.execute("select count(*), max(applied_at) from public.schema_migrations").fetchone()
    assert after == before


def test_compat_migration_is_skipped_where_supabase_objects_exist(pg_server):
    url = create_database(pg_server, "migrate_supabase_like")
    compat = load_migrations()[0]
    with psycopg.connect(url, autocommit=True) as conn:
        # Stand in for a Supabase project: its auth schema already exists, with
        # columns of its own that Salesboy must leave alone.
        conn.execute(compat.sql)
        conn.execute("alter table auth.users add column supabase_only_column text")
    report = apply_migrations(url)
    assert report.skipped == [f"{compat.version}_{compat.name}"]
    assert len(report.applied) == len(load_migrations()) - 1
    with psycopg.connect(url) as conn:
        columns = {r[0] for r in conn.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'auth' and table_name = 'users'").fetchall()}
        skipped = conn.execute("select skipped from public.schema_migrations where version = %s",
                               [compat.version]).fetchone()[0]
    assert "supabase_only_column" in columns
    assert skipped is True


def test_an_edited_applied_migration_is_refused(pg_server, tmp_path):
    url = create_database(pg_server, "migrate_edited")
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    apply_migrations(url, folder)
    last = sorted(folder.glob("*.sql"))[-1]
    last.write_text(last.read_text() + "\n-- edited afterwards\n")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        apply_migrations(url, folder)


def test_a_failing_migration_rolls_back_and_names_the_file(pg_server, tmp_path):
    url = create_database(pg_server, "migrate_failing")
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    (folder / "29991231000000_broken.sql").write_text(
        "create table public.half_done (id int);\nselect * from no_such_table;\n")
    with pytest.raises(MigrationError, match="29991231000000_broken failed"):
        apply_migrations(url, folder)
    with psycopg.connect(url) as conn:
        assert conn.execute("select to_regclass('public.half_done')").fetchone()[0] is None
        assert conn.execute("select count(*) from public.schema_migrations "
                            "where version = '29991231000000'").fetchone()[0] == 0


def test_badly_named_file_is_refused(tmp_path):
    (tmp_path / "add_things.sql").write_text("select 1;")
    with pytest.raises(MigrationError, match="14-digit timestamp"):
        load_migrations(tmp_path)


def test_duplicate_versions_are_refused(tmp_path):
    (tmp_path / "20260101000000_one.sql").write_text("select 1;")
    (tmp_path / "20260101000000_two.sql").write_text("select 1;")
    with pytest.raises(MigrationError, match="share a version"):
        load_migrations(tmp_path)


OLD_DONT_KNOW = "Sorry, I don't have that information. Someone from our team will get back to you."


def test_the_dont_know_reply_no_longer_promises_a_follow_up_nobody_is_told_of(pg_server, tmp_path):
    url = create_database(pg_server, "migrate_dont_know")
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    newer = [p for p in sorted(folder.glob("*.sql")) if p.name >= "20261201000200"]
    for path in newer:
        path.rename(tmp_path / path.name)
    apply_migrations(url, folder)
    with psycopg.connect(url, autocommit=True) as conn:
        users = [conn.execute("insert into auth.users (email) values (%s) returning id", [f"o{n}@example.com"])
                 .fetchone()[0] for n in range(2)]
        for user, reply in zip(users, [OLD_DONT_KNOW, "Ask Kofi on 0803 000 0000."], strict=True):
            conn.execute("insert into public.bot_config (user_id, dont_know_reply) values (%s, %s) "
                         "on conflict (user_id) do update set dont_know_reply = excluded.dont_know_reply",
                         [user, reply])
    for path in newer:
        (tmp_path / path.name).rename(path)
    apply_migrations(url, folder)
    with psycopg.connect(url, autocommit=True) as conn:
        replies = [conn.execute("select dont_know_reply from public.bot_config where user_id = %s", [u])
                   .fetchone()[0] for u in users]
        fresh = conn.execute("insert into auth.users (email) values ('new@example.com') returning id").fetchone()[0]
        conn.execute("insert into public.bot_config (user_id) values (%s) on conflict do nothing", [fresh])
        default = conn.execute("select dont_know_reply from public.bot_config where user_id = %s",
                               [fresh]).fetchone()[0]
    # The untouched old default is replaced; an owner's own text is kept.
    assert replies == ["Sorry, I don't have that information.", "Ask Kofi on 0803 000 0000."]
    assert default == "Sorry, I don't have that information."
