"""`salesboy up` as a new user runs it: no accounts, no keys, nothing configured."""

import base64
import json
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

from services.runtime.embedded import free_port, port_is_free
from tests.conftest import subprocess_env, wait_for

pytestmark = pytest.mark.slow


def _get(url: str, auth: tuple[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url)
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _processes_using(path: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["cmdline", "environ"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            environ = proc.info["environ"] or {}
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if path in cmdline or environ.get("SALESBOY_DATA_DIR") == path:
            found.append(proc)
    return found


def test_up_runs_on_embedded_defaults_and_stops_cleanly(tmp_path):
    data_dir = str(tmp_path / "var")
    api_port, flower_port = free_port(), free_port()
    env = subprocess_env(
        SALESBOY_DATA_DIR=data_dir, API_PORT=str(api_port), FLOWER_PORT=str(flower_port),
        EMBEDDED_PG_PORT=str(free_port()), EMBEDDED_REDIS_PORT=str(free_port()),
        # Pretend no Redis runs on this machine, so the bundled one is used.
        LOCAL_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
    )
    log = (tmp_path / "up.log").open("w+")
    started = time.monotonic()
    up = subprocess.Popen([sys.executable, "-m", "api.cli", "up", "--demo"], cwd=tmp_path, env=env,
                          stdout=log, stderr=subprocess.STDOUT)
    try:
        def banner():
            log.flush()
            text = (tmp_path / "up.log").read_text(errors="replace")
            if up.poll() is not None:
                raise AssertionError(f"salesboy up exited with {up.returncode}:\n{text[-4000:]}")
            return "Salesboy is up" in text
        wait_for(banner, timeout=120, interval=0.2, message="salesboy up to report ready")
        print(f"salesboy up ready in {time.monotonic() - started:.1f}s")

        status, body = _get(f"http://127.0.0.1:{api_port}/readyz")
        report = json.loads(body)
        assert status == 200, report
        assert all(c["ok"] for c in report["components"].values())

        text = (tmp_path / "up.log").read_text(errors="replace")
        shown = re.search(r"login admin / (\S+)  \(shown once; kept in (\S+)\)", text)
        assert shown, text
        password = shown[1]
        assert (tmp_path / "var" / "flower-password").read_text().strip() == password
        assert f"Dashboard  http://127.0.0.1:{api_port}" in text and "Next steps:" in text
        demo = re.search(r"Demo login (\S+) / (\S+)", text)
        assert demo and demo[1] == "demo@example.com", text
        status, metrics = _get(f"http://127.0.0.1:{api_port}/metrics")
        assert status == 200 and b'salesboy_queue_consumers{queue="inbound"} 1.0' in metrics, metrics[-3000:]

        assert _get(f"http://127.0.0.1:{flower_port}/")[0] == 401
        status, page = _get(f"http://127.0.0.1:{flower_port}/", auth=("admin", password))
        assert status == 200 and b"Flower" in page
        def flower_workers():
            status, body = _get(f"http://127.0.0.1:{flower_port}/api/workers?refresh=1",
                                auth=("admin", password))
            return status == 200 and json.loads(body)
        workers = wait_for(flower_workers, timeout=30, interval=0.5, message="Flower to list the worker")
        registered = next(iter(workers.values())).get("registered", [])
        assert "tenant.provision" in registered, workers
        running = _processes_using(data_dir)
        assert len(running) >= 6  # llm-gateway, api, worker, beat, flower, postgres, redis
        # One process calls the models; the workers reach it on its socket, private to this user.
        socket_path = tmp_path / "var" / "run" / "llm-gateway" / "llm.sock"
        assert any("llm-gateway" in (p.info["cmdline"] or []) for p in running), [p.info["cmdline"] for p in running]
        assert stat.S_IMODE(socket_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(socket_path.parent.stat().st_mode) == 0o700
        workers = [p for p in running if "worker" in (p.info["cmdline"] or [])]
        assert workers and all(p.info["environ"].get("LLM_GATEWAY_SOCKET") == str(socket_path) for p in workers)
        # The API and workers hold the least-privilege role's URL, never the superuser's.
        superuser_password = (tmp_path / "var" / "postgres" / "superuser-password").read_text().strip()
        runtime = [p for p in running if "DATABASE_URL" in (p.info["environ"] or {})]
        assert len(runtime) >= 4, [p.info["cmdline"] for p in running]
        for proc in runtime:
            environ = proc.info["environ"]
            assert environ["DATABASE_URL"].startswith("postgresql://salesboy_app:"), proc.info["cmdline"]
            assert superuser_password not in " ".join(f"{k}={v}" for k, v in environ.items())
    finally:
        up.send_signal(signal.SIGINT)
        try:
            code = up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
            raise
        log.close()
    output = (tmp_path / "up.log").read_text(errors="replace")
    assert code == 0, output[-4000:]
    assert "salesboy stopped" in output
    assert _processes_using(data_dir) == [], "processes left behind"
    assert port_is_free("127.0.0.1", api_port) and port_is_free("127.0.0.1", flower_port)
    assert not (tmp_path / "var" / "postgres" / "pgdata" / "postmaster.pid").exists()


def test_up_refuses_a_busy_port_with_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = subprocess_env(SALESBOY_DATA_DIR=str(tmp_path / "var"), API_PORT=str(port),
                             FLOWER_PORT=str(free_port()))
        result = subprocess.run([sys.executable, "-m", "api.cli", "up"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"API_PORT={port}" in result.stderr and "already in use" in result.stderr
    assert not (tmp_path / "var" / "postgres").exists(), "started services despite the busy port"
