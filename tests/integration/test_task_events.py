"""Task events: off in a worker by default, on while Flower runs (Flower asks the workers for them every 5 s),
off again once `salesboy flower` stops. A real worker and a real Flower, on a Redis database of their own."""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import redis
from celery import Celery

from schemas.jobs import ProvisionTenant
from services.adapters.celery_app import CeleryPublisher, make_celery
from services.runtime.embedded import free_port
from tests.conftest import WorkerProcess, create_user, subprocess_env, wait_for, worker_settings_env

FLOWER_PASSWORD = "flower-test-password-0123"


class _Events:
    """Every task event on the broker, by task id, as Flower's own receiver gets them."""

    def __init__(self, app: Celery) -> None:
        self.types: dict[str, set[str]] = {}
        self._connection = app.connection_for_read()
        self._receiver = app.events.Receiver(self._connection, handlers={"*": self._on_event})
        self._thread = threading.Thread(target=self._receiver.capture, kwargs={"wakeup": False}, daemon=True)
        self._thread.start()

    def _on_event(self, event: dict) -> None:
        if event["type"].startswith("task-"):
            self.types.setdefault(event["uuid"], set()).add(event["type"])

    def close(self) -> None:
        self._receiver.should_stop = True
        self._thread.join(5)
        self._connection.release()


def _get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url)
    token = base64.b64encode(f"admin:{FLOWER_PASSWORD}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_flower_turns_task_events_on_while_it_runs_and_off_when_it_stops(
        container, database_url, redis_url, shared_data_dir, gateway, n8n, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/10"
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                         REDIS_URL=broker, FLOWER_PASSWORD=FLOWER_PASSWORD,
                         **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0]))
    env.pop("WORKER_TASK_EVENTS", None)  # the default
    worker = WorkerProcess(env, tmp_path, "maintenance", tmp_path / "worker.log")
    app = make_celery(container.settings, broker)
    publisher = CeleryPublisher(app)
    events = _Events(app)
    flower = None
    done = 0

    def run_job() -> str:
        nonlocal done
        job = ProvisionTenant(user_id=create_user(container))
        publisher.publish(job)
        done += 1

        def finished():
            stats = app.control.inspect(timeout=1).stats() or {}
            return any(s.get("total", {}).get(ProvisionTenant.task_name, 0) >= done for s in stats.values())

        wait_for(finished, timeout=60, interval=0.2, message="the worker to run the job")
        return str(job.job_id)

    try:
        wait_for(lambda: worker.process.poll() is not None or app.control.ping(timeout=0.5), timeout=60,
                 message="the worker")
        assert worker.process.poll() is None, worker.log_text()

        unwatched = run_job()
        time.sleep(1)  # what a worker sends arrives within this (events are flushed every loop turn)
        assert unwatched not in events.types  # off by default: no Flower, nobody to read them

        port = free_port()
        flower = subprocess.Popen([sys.executable, "-m", "workers", "flower"], cwd=tmp_path,
                                  env={**env, "FLOWER_HOST": "127.0.0.1", "FLOWER_PORT": str(port)},
                                  stdout=(tmp_path / "flower.log").open("w"), stderr=subprocess.STDOUT)
        # Flower asks every 5 s: within a few jobs the worker reports one.
        watched = wait_for(lambda: (job := run_job()) in events.types and job, timeout=60, interval=0.5,
                           message="Flower to turn task events on")
        assert {"task-received", "task-started", "task-succeeded"} <= events.types[watched]

        def shown():
            status, body = _get(f"http://127.0.0.1:{port}/api/tasks")
            return status == 200 and watched in json.loads(body) and json.loads(body)[watched]
        task = wait_for(shown, timeout=30, interval=0.5, message="Flower to show the task")
        assert task["name"] == ProvisionTenant.task_name and task["state"] == "SUCCESS"

        flower.send_signal(signal.SIGTERM)
        assert flower.wait(30) == 0, (tmp_path / "flower.log").read_text()
        flower = None
        assert app.control.ping(timeout=2)  # the worker has read the broadcast Flower sent on its way out
        after = run_job()
        time.sleep(1)
        assert after not in events.types, events.types[after]
    finally:
        if flower is not None:
            flower.kill()
            flower.wait()
        events.close()
        worker.stop()
        app.close()
        redis.Redis.from_url(broker).flushdb()  # this test's own database
