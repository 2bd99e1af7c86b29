"""The `salesboy` commands as a user runs them, honouring one set of settings."""

import subprocess
import sys
import uuid

import bcrypt
import psycopg
import pytest

from services.runtime.embedded import EmbeddedPostgres, free_port
from services.runtime.migrate import runtime_role_problems
from services.runtime.seed import DEMO_EMAIL, LEGACY_DEMO_EMAIL
from services.usecases.apikeys import tenant_for_key
from tests.conftest import create_database, create_user, subprocess_env


def salesboy(*args, env, cwd, timeout=120):
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def data_dir_env(tmp_path):
    return subprocess_env(SALESBOY_DATA_DIR=str(tmp_path / "var"), EMBEDDED_PG_PORT=str(free_port()),
                          LOG_LEVEL="WARNING")


def test_migrate_and_seed_share_the_embedded_database(tmp_path, data_dir_env):
    first = salesboy("migrate", env=data_dir_env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "applied 20261128000100_supabase_compat" in first.stdout
    again = salesboy("migrate", env=data_dir_env, cwd=tmp_path)
    assert "0 applied" in again.stdout

    seeded = salesboy("seed", env=data_dir_env, cwd=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert DEMO_EMAIL in seeded.stdout and "created" in seeded.stdout
    password = seeded.stdout.split("password:")[1].split()[0]
    assert "sample documents added: 3" in seeded.stdout

    # `up` leaves the server running; a later `seed` must find and keep it.
    server = EmbeddedPostgres(tmp_path / "var" / "postgres", port=int(data_dir_env["EMBEDDED_PG_PORT"])).start()
    try:
        reseeded = salesboy("seed", env=data_dir_env, cwd=tmp_path)
        assert reseeded.returncode == 0, reseeded.stderr
        assert "password reset" in reseeded.stdout
        new_password = reseeded.stdout.split("password:")[1].split()[0]
        assert "sample documents added: 0" in reseeded.stdout
        assert server.is_running()
        with psycopg.connect(server.url()) as conn:
            user_id, hashed = conn.execute("select id, encrypted_password from auth.users where email = %s",
                                           [DEMO_EMAIL]).fetchone()
            whitelisted = conn.execute("select count(*) from public.whitelists where user_id = %s",
                                       [user_id]).fetchone()[0]
            business = conn.execute("select business->>'name' from public.bot_config where user_id = %s",
                                    [user_id]).fetchone()[0]
            # Read at seed time, so the playground answers from them at once.
            documents = conn.execute("select status, count(*) from public.knowledge_base where user_id = %s "
                                     "group by status", [user_id]).fetchall()
            indexed = conn.execute("select count(*) from public.kb_chunks where user_id = %s "
                                   "and indexed_at is not null", [user_id]).fetchone()[0]
    finally:
        server.stop()
    assert bcrypt.checkpw(new_password.encode(), hashed.encode())
    assert not bcrypt.checkpw(password.encode(), hashed.encode())
    assert whitelisted == 2 and business == "Demo Shop"
    assert documents == [("ready", 3)] and indexed >= 3


def test_seed_with_database_url(tmp_path, pg_server):
    url = create_database(pg_server, "cli_seed")
    env = subprocess_env(DATABASE_URL=url, SALESBOY_DATA_DIR=str(tmp_path / "var"))
    assert salesboy("migrate", env=env, cwd=tmp_path).returncode == 0
    with psycopg.connect(url) as conn:  # a demo seeded under the old address, which the sign-in form refuses
        legacy = conn.execute("insert into auth.users (email) values (%s) returning id",
                              [LEGACY_DEMO_EMAIL]).fetchone()[0]
    result = salesboy("seed", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with psycopg.connect(url) as conn:
        assert conn.execute("select id from auth.users where email = %s", [DEMO_EMAIL]).fetchall() == [(legacy,)]
        assert conn.execute("select count(*) from auth.users where email = %s",
                            [LEGACY_DEMO_EMAIL]).fetchone()[0] == 0


def test_production_mode_with_missing_or_dev_secrets_refuses_to_start(tmp_path):
    env = subprocess_env(SALESBOY_ENV="production", SALESBOY_DATA_DIR=str(tmp_path / "var"),
                         FLOWER_PASSWORD="short")
    result = salesboy("migrate", env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "refusing to start in production mode" in result.stderr
    assert "SALESBOY_SECRET_KEY is missing" in result.stderr
    assert "FLOWER_PASSWORD must be at least 16 characters" in result.stderr
    assert "PUBLIC_URL is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "var").exists(), "started something before refusing"


def test_worker_without_a_reachable_database_explains_itself(tmp_path):
    env = subprocess_env(SALESBOY_DATA_DIR=str(tmp_path / "var"), EMBEDDED_PG_PORT=str(free_port()))
    result = salesboy("worker", "--queues", "maintenance", env=env, cwd=tmp_path, timeout=60)
    assert result.returncode != 0
    assert "embedded Postgres is not running" in result.stderr


def test_migrate_with_an_owner_url_makes_the_runtime_role_database_url_names(tmp_path, pg_server):
    owner = create_database(pg_server, "cli_roles")
    runtime = f"postgresql://shop_runtime:s3cret-runtime@{pg_server.host}:{pg_server.port}/cli_roles"
    env = subprocess_env(MIGRATION_DATABASE_URL=owner, DATABASE_URL=runtime,
                         SALESBOY_DATA_DIR=str(tmp_path / "var"))
    result = salesboy("migrate", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert runtime_role_problems(runtime) == []
    with psycopg.connect(runtime) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from public.bot_config")  # nothing without a tenant's role
        conn.rollback()
        conn.execute("set role service_role")
        assert conn.execute("select count(*) from public.bot_config").fetchone()[0] == 0


def test_worker_rejects_unknown_queues(tmp_path):
    result = salesboy("worker", "--queues", "inbound,nonsense", env=subprocess_env(), cwd=tmp_path)
    assert result.returncode != 0
    assert "nonsense" in result.stderr


def test_kb_ingest_search_and_api_keys_from_the_command_line(worker, container, tmp_path, shared_data_dir,
                                                            database_url, redis_url):
    email = f"cli-{uuid.uuid4().hex[:8]}@shop.test"
    user = create_user(container, email)
    env = subprocess_env(DATABASE_URL=database_url, REDIS_URL=redis_url, SALESBOY_DATA_DIR=str(shared_data_dir),
                         LOG_LEVEL="WARNING")
    good = tmp_path / "menu.md"
    good.write_text(f"# Breakfast\nAkara and pap cost 900 naira until 11am. {uuid.uuid4().hex}\n")
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    mixed = salesboy("kb", "ingest", str(good), str(bad), "--tenant", email, env=env, cwd=tmp_path)
    assert mixed.returncode == 1, mixed.stderr
    assert "refused" in mixed.stderr and "PNG image" in mixed.stderr
    assert f"ready    {good}" in mixed.stdout

    found = salesboy("kb", "search", "how much is akara?", "--tenant", email, "-k", "1", env=env, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert "menu.md" in found.stdout and "Akara and pap" in found.stdout and "Breakfast" in found.stdout

    queued_only = tmp_path / "hours.txt"
    queued_only.write_text(f"We open at 8am. {uuid.uuid4().hex}")
    no_wait = salesboy("kb", "ingest", str(queued_only), "--tenant", email, "--no-wait", env=env, cwd=tmp_path)
    assert no_wait.returncode == 0 and "queued" in no_wait.stdout

    key = salesboy("apikey", "create", "--tenant", email, "--name", "zapier", env=env, cwd=tmp_path)
    assert key.returncode == 0, key.stderr
    assert tenant_for_key(container.system_uow, key.stdout.strip()) == user
    listed = salesboy("apikey", "list", "--tenant", f" {email.upper()} ", env=env, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    (line,) = listed.stdout.splitlines()
    key_id = line.split()[0]
    assert "zapier" in line and key.stdout.strip()[:10] in line and "revoked -" in line
    assert key.stdout.strip() not in listed.stdout  # only the start of a key is ever shown
    revoked = salesboy("apikey", "revoke", "--tenant", email, key_id, env=env, cwd=tmp_path)
    assert revoked.returncode == 0 and f"revoked {key_id}" in revoked.stdout, revoked.stderr
    assert tenant_for_key(container.system_uow, key.stdout.strip()) is None
    assert "revoked -" not in salesboy("apikey", "list", "--tenant", email, env=env, cwd=tmp_path).stdout
    again = salesboy("apikey", "revoke", "--tenant", email, key_id, env=env, cwd=tmp_path)
    assert again.returncode != 0 and "no live API key" in again.stderr
    other = salesboy("apikey", "revoke", "--tenant", email, "not-an-id", env=env, cwd=tmp_path)
    assert other.returncode != 0 and "not-an-id" in other.stderr

    nobody = salesboy("kb", "search", "x", "--tenant", "nobody@nowhere.test", env=env, cwd=tmp_path)
    assert nobody.returncode != 0 and "no account with email nobody@nowhere.test" in nobody.stderr
