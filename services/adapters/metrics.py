"""Metrics that show the pipeline, for Prometheus.

Two sources, both exported by the API's protected `/metrics`:

- **What the processes do** (stage durations and outcomes, retries, sweeper re-enqueues, LLM calls, fallbacks
  and latency by model): counted where it happens, in the workers. With `PROMETHEUS_MULTIPROC_DIR` set (as
  `salesboy up`, the systemd units and compose do) every process — gunicorn workers, Celery workers, beat —
  writes its values there and `/metrics` adds them up (prometheus_client's multiprocess mode).
- **The state of the work** (queue depth and consumers per Celery queue, messages received / answered /
  ignored / failed, documents and chunks, sessions by state, tasks by status, jobs given up): read from
  Postgres and the broker at scrape time by `PipelineState`, so it is right however many hosts run workers.

Metric objects are made on first use, never at import.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported for real on first use (see process_metrics)
    from celery import Celery
    from prometheus_client import Counter, Histogram

    from services.repositories.db import SystemUow

log = logging.getLogger(__name__)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
_LLM_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60)


@dataclass(frozen=True)
class ProcessMetrics:
    stage_seconds: Histogram
    stage_runs: Counter
    stage_retries: Counter
    sweeper_reenqueued: Counter
    llm_calls: Counter
    llm_seconds: Histogram
    llm_fallbacks: Counter
    query_vectors: Counter
    passage_vectors: Counter


_made_once = threading.Lock()


def process_metrics() -> ProcessMetrics:
    """This process's metric objects, made on first use.

    Locked: a message's first encode runs on a thread beside its stage, and two threads making the objects at
    once would register each name twice (prometheus_client raises DuplicateTimeseries for the second).
    """
    with _made_once:
        return _make_process_metrics()


@functools.cache
def _make_process_metrics() -> ProcessMetrics:
    from prometheus_client import Counter, Histogram

    return ProcessMetrics(
        Histogram("salesboy_stage_seconds", "Time a pipeline stage took, by stage and outcome",
                  ["stage", "outcome"], buckets=_STAGE_BUCKETS),
        Counter("salesboy_stage_runs_total", "Pipeline stage runs by outcome (ok, retry, failed, rejected)",
                ["stage", "outcome"]),
        Counter("salesboy_stage_retries_total", "Stage runs that will be retried after a transient error", ["stage"]),
        Counter("salesboy_sweeper_reenqueued_total", "Jobs the sweeper re-enqueued because they were stuck",
                ["finder"]),
        Counter("salesboy_llm_calls_total", "Model calls by model and outcome (ok, error, empty)",
                ["model", "outcome"]),
        Histogram("salesboy_llm_seconds", "Model call latency by model", ["model"], buckets=_LLM_BUCKETS),
        Counter("salesboy_llm_fallbacks_total",
                "Times a model failed and the next one in the list (or the extractive answer) took over", ["model"]),
        Counter("salesboy_query_vectors_total",
                "A customer message's embedding: computed, or reused from an earlier stage (hit)", ["outcome"]),
        Counter("salesboy_passage_vectors_total",
                "Candidate sentences (and unknown words) of an answer: embedded, or kept from an earlier "
                "message in this process (hit)", ["outcome"]),
    )


def fresh_multiprocess_dir(directory) -> str:
    """Empty the multiprocess folder before the processes that write to it start (stale files would count)."""
    path = Path(directory)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True, mode=0o700)
    return str(path)


@contextmanager
def timed_stage(stage: str) -> Iterator[dict]:
    """Time one stage run; the caller sets `outcome` in the yielded dict (default: failed on an exception)."""
    state = {"outcome": "ok"}
    started = time.perf_counter()
    try:
        yield state
    except BaseException:
        if state["outcome"] == "ok":
            state["outcome"] = "failed"
        raise
    finally:
        metrics = process_metrics()
        metrics.stage_seconds.labels(stage, state["outcome"]).observe(time.perf_counter() - started)
        metrics.stage_runs.labels(stage, state["outcome"]).inc()
        if state["outcome"] == "retry":
            metrics.stage_retries.labels(stage).inc()


def _collect_rows(conn, query: str) -> list[tuple]:
    return conn.execute(query).fetchall()


class PipelineState:
    """A Prometheus collector reading the pipeline's state from Postgres (as the service role) and the broker."""

    def __init__(self, system_uow: SystemUow, celery: Celery, queues: tuple[str, ...], timeout: float = 2.0) -> None:
        self._system_uow = system_uow
        self._celery = celery
        self._queues = queues
        self._timeout = timeout

    def describe(self):
        return []  # collected on each scrape only

    def collect(self):
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        depth = GaugeMetricFamily("salesboy_queue_depth", "Jobs waiting in each Celery queue", labels=["queue"])
        consumers = GaugeMetricFamily("salesboy_queue_consumers", "Workers consuming each queue", labels=["queue"])
        up = GaugeMetricFamily("salesboy_broker_up", "1 when the broker answered this scrape")
        try:
            sizes = self._queue_sizes()
            answering = self._consumers()
            for queue in self._queues:
                depth.add_metric([queue], sizes.get(queue, 0))
                consumers.add_metric([queue], answering.get(queue, 0))
            up.add_metric([], 1)
        except Exception as exc:  # a scrape reports the broker as down rather than failing whole
            log.warning("metrics: broker not readable", extra={"error": f"{type(exc).__name__}: {exc}"})
            up.add_metric([], 0)
        yield depth
        yield consumers
        yield up

        families = {
            "messages": CounterMetricFamily("salesboy_messages", "Messages received, by where they ended "
                                            "(answered, ignored, handed_off, failed, or still in a stage)",
                                            labels=["status"]),
            "documents": GaugeMetricFamily("salesboy_documents", "Knowledge-base documents by status",
                                           labels=["status"]),
            "chunks": GaugeMetricFamily("salesboy_chunks", "Knowledge-base chunks stored"),
            "sessions": GaugeMetricFamily("salesboy_sessions", "WhatsApp sessions by state", labels=["status"]),
            "tasks": GaugeMetricFamily("salesboy_tasks", "n8n tasks by status", labels=["status"]),
            "failures": CounterMetricFamily("salesboy_job_failures", "Jobs given up, with their reason kept in "
                                            "job_failures, by task", labels=["task"]),
            "replies": CounterMetricFamily("salesboy_replies", "Replies by delivery status", labels=["status"]),
        }
        db_up = GaugeMetricFamily("salesboy_database_up", "1 when Postgres answered this scrape")
        try:
            with self._system_uow() as uow:
                conn = uow.conn
                for status, count in _collect_rows(conn, "select status, count(*) from public.inbox group by 1"):
                    families["messages"].add_metric([status], count)
                for status, count in _collect_rows(conn, "select status, count(*) from public.outbox group by 1"):
                    families["replies"].add_metric([status], count)
                for status, count in _collect_rows(
                        conn, "select status, count(*) from public.knowledge_base group by 1"):
                    families["documents"].add_metric([status], count)
                families["chunks"].add_metric([], _collect_rows(conn, "select count(*) from public.kb_chunks")[0][0])
                for status, count in _collect_rows(conn, "select status, count(*) from public.sessions group by 1"):
                    families["sessions"].add_metric([status], count)
                for status, count in _collect_rows(conn, "select status, count(*) from public.tasks group by 1"):
                    families["tasks"].add_metric([status], count)
                for task, count in _collect_rows(
                        conn, "select task_name, count(*) from public.job_failures group by 1"):
                    families["failures"].add_metric([task], count)
            db_up.add_metric([], 1)
        except Exception as exc:
            log.warning("metrics: database not readable", extra={"error": f"{type(exc).__name__}: {exc}"})
            db_up.add_metric([], 0)
        yield from families.values()
        yield db_up

    def _queue_sizes(self) -> dict[str, int]:
        sizes = {}
        celery: Any = self._celery  # kombu's channel and connection stubs are narrower than what it takes
        with celery.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, timeout=self._timeout)
            channel = connection.default_channel
            for queue in self._queues:
                try:
                    sizes[queue] = channel.queue_declare(queue=queue, passive=True).message_count
                except Exception:  # a queue nobody declared yet holds nothing
                    sizes[queue] = 0
                    channel = connection.channel()
        return sizes

    def _consumers(self) -> dict[str, int]:
        replies = self._celery.control.inspect(timeout=min(1.0, self._timeout)).active_queues() or {}
        counted: dict[str, int] = {}
        for listed in replies.values():
            for queue in listed or []:
                counted[queue["name"]] = counted.get(queue["name"], 0) + 1
        return counted


def exposition(app_registry, system_uow: SystemUow, celery: Celery, queues: tuple[str, ...]) -> bytes:
    """The text `/metrics` answers: every process's own metrics plus the pipeline's state."""
    from prometheus_client import CollectorRegistry, generate_latest

    registry = CollectorRegistry(auto_describe=False)
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry, path=directory)
        own = b""
    else:
        own = generate_latest(app_registry)
        from prometheus_client import REGISTRY

        for name in ("salesboy_stage_seconds", "salesboy_llm_calls_total"):
            if name in getattr(REGISTRY, "_names_to_collectors", {}):
                registry = _with_default(registry, REGISTRY)
                break
    registry.register(PipelineState(system_uow, celery, queues))
    return own + generate_latest(registry)


def _with_default(registry, default):
    """Stage and model metrics counted in this very process (inline runs, tests without multiprocess mode)."""
    registry.register(_Forward(default))
    return registry


class _Forward:
    def __init__(self, source) -> None:
        self._source = source

    def describe(self):
        return []

    def collect(self):
        for family in self._source.collect():
            if family.name.startswith("salesboy_"):
                yield family


def serve_worker_metrics(directory: str, host: str, port: int, token: str | None):
    """Serve this worker's own `/metrics` (every process of it, from its multiprocess folder) in a thread.

    For worker hosts or containers that do not share a folder with an API host: pids repeat across
    containers, so their files would overwrite each other in one shared folder. Each worker keeps its own
    folder and Prometheus scrapes each worker; the `instance` label tells them apart. Returns the server
    (its `server_port` is the one bound, `shutdown()` stops it)."""
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from prometheus_client import CollectorRegistry, make_wsgi_app, multiprocess
    from prometheus_client.exposition import ThreadingWSGIServer

    from pipelines.metrics_access import FORWARDING_HEADERS, scrape_allowed

    registry = CollectorRegistry(auto_describe=False)
    multiprocess.MultiProcessCollector(registry, path=directory)
    exposition_app = make_wsgi_app(registry)

    def app(environ, start_response):
        if environ.get("PATH_INFO") != "/metrics":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"only /metrics here\n"]
        forwarded = any(f"HTTP_{name.upper().replace('-', '_')}" in environ for name in FORWARDING_HEADERS)
        if not scrape_allowed(token, environ.get("HTTP_AUTHORIZATION", ""), forwarded, environ.get("REMOTE_ADDR", "")):
            start_response("401 Unauthorized", [("Content-Type", "text/plain")])
            return [b"metrics need `Authorization: Bearer <METRICS_TOKEN>` "
                    b"(or, with no METRICS_TOKEN set, a direct request from this machine)\n"]
        return exposition_app(environ, start_response)

    class Quiet(WSGIRequestHandler):
        def log_message(self, format, *args):  # one line per scrape on stderr is noise, not a log
            return

    server = make_server(host, port, app, ThreadingWSGIServer, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True, name="worker-metrics").start()
    log.info("worker metrics served", extra={"address": f"{host}:{server.server_port}", "folder": directory})
    return server
