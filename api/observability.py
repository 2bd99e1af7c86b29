"""Request ids, one structured log line per request, and HTTP metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass

from flask import Flask, g, request
from prometheus_client import CollectorRegistry, Counter, Histogram

from services.adapters.logging import log_context

log = logging.getLogger("salesboy.http")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass
class HttpMetrics:
    registry: CollectorRegistry
    requests: Counter
    latency: Histogram


def _metrics() -> HttpMetrics:
    registry = CollectorRegistry()
    return HttpMetrics(
        registry,
        Counter("salesboy_http_requests_total", "HTTP requests", ["method", "endpoint", "status"],
                registry=registry),
        Histogram("salesboy_http_request_seconds", "HTTP request latency", ["method", "endpoint"],
                  registry=registry),
    )


def init_app(app: Flask) -> None:
    metrics = _metrics()
    app.extensions["salesboy.metrics"] = metrics

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.trace_id = uuid.uuid4().hex
        g.started = time.perf_counter()
        g.log_scope = log_context(request_id=g.request_id, trace_id=g.trace_id)
        g.log_scope.__enter__()

    @app.after_request
    def _finish(response):
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        metrics.requests.labels(request.method, endpoint, str(response.status_code)).inc()
        metrics.latency.labels(request.method, endpoint).observe(elapsed)
        response.headers["X-Request-ID"] = g.get("request_id", "")
        if endpoint not in ("/healthz", "/metrics"):
            log.info("request", extra={"method": request.method, "path": request.path,
                                       "status": response.status_code, "ms": round(elapsed * 1000, 1)})
        return response

    @app.teardown_request
    def _close_scope(_exc) -> None:
        scope = g.pop("log_scope", None)
        if scope is not None:
            scope.__exit__(None, None, None)
