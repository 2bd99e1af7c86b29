"""Each worker container serves its own /metrics, so Prometheus sees every worker's stages apart.

Containers repeat pids: two workers writing one shared multiprocess folder would overwrite each other's
files. Here each worker runs in its own pid namespace (as in its own container), so both run their tasks
as the same pid; each keeps its own folder and serves it, and each scrape shows exactly the jobs that worker
ran, as its own log lists them.
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request

import pytest
from celery import Celery
from prometheus_client.parser import text_string_to_metric_families

from services.runtime.embedded import free_port
from tests.conftest import WorkerProcess, subprocess_env, wait_for

pytestmark = pytest.mark.slow
TOKEN = "metrics-token-0123456789abcdef"
CONTAINER = ("unshare", "--map-current-user", "--pid", "--fork", "--kill-child", "--mount-proc")


def _own_pid_space() -> tuple[str, ...] | None:
    """A prefix giving a command its own pid namespace; None where user namespaces are not allowed (the
    workers then run with distinct pids, and only the same-pid part of the test is left out)."""
    try:
        probe = subprocess.run([*CONTAINER, "sh", "-c", "echo $$"], capture_output=True, text=True, timeout=10)
    except OSError:
        return None
    return CONTAINER if probe.returncode == 0 and probe.stdout.strip() == "1" else None


def _scrape(port: int, token: str | None = TOKEN, **headers: str) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers=headers)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read().decode()


def _runs(text: str) -> dict[tuple[str, str], float]:
    return {(s.labels["stage"], s.labels["outcome"]): s.value for family in text_string_to_metric_families(text)
            for s in family.samples if s.name == "salesboy_stage_runs_total"}


def _ran(worker: WorkerProcess) -> int:
    """Jobs this worker took, by its own log (other test workers may consume the same queue): Celery's warning
    for each rejected job, as its "received" line is logged at DEBUG only."""
    lines = worker.log_text().splitlines()
    return sum(1 for line in lines if "Task mail.account[" in line and "reject requeue" in line)


def test_two_workers_with_the_same_pids_are_scraped_apart(database_url, redis_url, tmp_path):
    prefix = _own_pid_space()
    workers, ports = [], []
    for name in ("a", "b"):
        port = free_port()
        folder = tmp_path / f"metrics-{name}"
        folder.mkdir()
        (folder / "counter_999.db").write_bytes(b"left from an earlier run")  # emptied at start
        env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(tmp_path / name), DATABASE_URL=database_url,
                             REDIS_URL=redis_url, PROMETHEUS_MULTIPROC_DIR=str(folder), METRICS_TOKEN=TOKEN,
                             WORKER_METRICS_PORT=str(port))
        workers.append(WorkerProcess(env, tmp_path, "mail", tmp_path / f"{name}.log", prefix=prefix or ()))
        ports.append(port)
    sender = Celery(broker=redis_url, set_as_current=False)
    names = [w.process.args[-1] for w in workers]
    try:
        wait_for(lambda: len(sender.control.ping(destination=names, timeout=0.5) or []) == 2, timeout=60,
                 message="both workers")
        # Jobs no worker can take are rejected and counted per stage; sent one by one until each of the two
        # has taken some (which one takes a job is the broker's choice).
        for _ in range(40):
            if all(_ran(w) for w in workers):
                break
            sender.send_task("mail.account", args=["not a job"], queue="mail")
            time.sleep(0.3)

        def rejected(port: int) -> float:
            return _runs(_scrape(port)).get(("mail.account", "rejected"), 0)

        def counted():
            try:
                return all(_ran(w) and rejected(p) == _ran(w) for w, p in zip(workers, ports, strict=True))
            except OSError:
                return False
        try:
            wait_for(counted, timeout=60, message="each worker's own rejected jobs in its own scrape")
        except AssertionError:
            print([_ran(w) for w in workers], workers[0].log_text()[-3000:], workers[1].log_text()[-3000:])
            raise
        # In their own pid namespaces both wrote their values as the same pid: one shared folder would have
        # held one file for both.
        files = [sorted(p.name for p in (tmp_path / f"metrics-{n}").iterdir()) for n in ("a", "b")]
        assert "counter_999.db" not in files[0] + files[1], files
        if prefix is not None:
            assert files[0] == files[1], files

        for refused in ({"token": None}, {"token": "wrong-token"}):
            with pytest.raises(urllib.error.HTTPError) as denied:
                _scrape(ports[0], **refused)
            assert denied.value.code == 401
        with pytest.raises(urllib.error.HTTPError) as elsewhere:
            urllib.request.urlopen(f"http://127.0.0.1:{ports[0]}/", timeout=5)
        assert elsewhere.value.code == 404
    finally:
        sender.close()
        for worker in workers:
            worker.stop()
