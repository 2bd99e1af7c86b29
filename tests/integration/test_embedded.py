import socket
import stat
from pathlib import Path

import pytest
import redis

from services.runtime import embedded
from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis, EmbeddedServiceError, free_port, redis_answers
from services.runtime.runtime import ensure_services, resolve_database_url, resolve_redis_url
from tests.conftest import make_settings


def test_embedded_postgres_refuses_a_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        server = EmbeddedPostgres(tmp_path / "pg", port=busy.getsockname()[1])
        with pytest.raises(EmbeddedServiceError, match="is busy"):
            server.start()


def test_embedded_postgres_is_reused_and_survives_restart(tmp_path):
    server = EmbeddedPostgres(tmp_path / "pg", port=free_port()).start()
    try:
        assert server.started_here
        again = EmbeddedPostgres(tmp_path / "pg", port=server.port).start()
        assert not again.started_here  # found it running
        assert again.url() == server.url()
    finally:
        server.stop()
    assert not server.is_running()
    server.start()
    assert server.is_running()
    server.stop()
    server.stop()  # stopping a stopped server is fine


def test_embedded_redis_refuses_a_busy_port_and_reuses_a_running_one(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(EmbeddedServiceError, match="is busy"):
            EmbeddedRedis(tmp_path / "r1", port=busy.getsockname()[1]).start()
    first = EmbeddedRedis(tmp_path / "r2", port=free_port()).start()
    try:
        # Another `up` on the same data dir knows the password and reuses the server...
        second = EmbeddedRedis(tmp_path / "r2", port=first.port).start()
        assert not second.running and redis_answers(second.url)
        # ...one from another data dir does not, and is told the port is taken.
        with pytest.raises(EmbeddedServiceError, match="is busy"):
            EmbeddedRedis(tmp_path / "r3", port=first.port).start()
    finally:
        first.stop()
    assert not redis_answers(first.url, timeout=0.2)


def test_resolution_prefers_explicit_urls(tmp_path):
    settings = make_settings(tmp_path, DATABASE_URL="postgresql://x/y", REDIS_URL="redis://z:1/0")
    assert resolve_database_url(settings, start=False) == ("postgresql://x/y", None)
    assert resolve_redis_url(settings, start=False) == ("redis://z:1/0", None)


def test_resolution_uses_the_local_redis_when_it_answers(tmp_path, redis_url):
    settings = make_settings(tmp_path, LOCAL_REDIS_URL=redis_url)
    assert resolve_redis_url(settings, start=False) == (redis_url, None)


def test_resolution_starts_bundled_services_only_when_asked(tmp_path):
    settings = make_settings(tmp_path, LOCAL_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
                             EMBEDDED_PG_PORT=free_port(), EMBEDDED_REDIS_PORT=free_port())
    with pytest.raises(EmbeddedServiceError, match="not running"):
        resolve_database_url(settings, start=False)
    with pytest.raises(EmbeddedServiceError, match="REDIS_URL is not set"):
        resolve_redis_url(settings, start=False)
    services = ensure_services(settings, start_redis=True)
    try:
        assert services.postgres is not None and services.redis is not None
        assert redis_answers(services.redis_url)
        # a second resolver finds both running and starts nothing
        assert resolve_database_url(settings, start=False)[1] is None
        assert resolve_redis_url(settings, start=False) == (services.redis_url, None)
    finally:
        services.stop()
    assert not services.postgres.is_running()


def test_bundled_redis_requires_its_generated_password_kept_off_the_command_line(tmp_path):
    server = EmbeddedRedis(tmp_path / "r", port=free_port()).start()
    try:
        assert redis_answers(server.url)
        anonymous = redis.Redis(host=server.host, port=server.port, socket_timeout=2)
        with pytest.raises(redis.AuthenticationError):
            anonymous.ping()
        anonymous.close()
        password_file = tmp_path / "r" / "redis-password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        command_line = Path(f"/proc/{server._process.pid}/cmdline").read_bytes()
        assert server.password.encode() not in command_line
    finally:
        server.stop()


def test_a_server_that_came_up_while_pg_ctl_gave_up_waiting_is_used(tmp_path, monkeypatch):
    real_run = embedded._run

    def pg_ctl_gives_up(cmd, run_as, timeout):
        real_run(cmd, run_as, timeout)
        if "start" in cmd:  # the server is up, yet pg_ctl reports it did not start in time
            raise EmbeddedServiceError("pg_ctl failed (1): pg_ctl: server did not start in time")

    monkeypatch.setattr(embedded, "_run", pg_ctl_gives_up)
    server = EmbeddedPostgres(tmp_path / "pg", port=free_port()).start()
    try:
        assert server.started_here and server.is_running()
    finally:
        server.stop()


def test_a_server_that_did_not_come_up_is_an_error(tmp_path, monkeypatch):
    real_run = embedded._run

    def pg_ctl_fails(cmd, run_as, timeout):
        if "start" in cmd:
            raise EmbeddedServiceError("pg_ctl failed (1): pg_ctl: server did not start in time")
        real_run(cmd, run_as, timeout)

    monkeypatch.setattr(embedded, "_run", pg_ctl_fails)
    with pytest.raises(EmbeddedServiceError, match="did not start in time"):
        EmbeddedPostgres(tmp_path / "pg", port=free_port()).start()
