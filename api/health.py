"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST

from api.context import container
from pipelines.metrics_access import FORWARDING_HEADERS, scrape_allowed
from schemas.queues import QUEUES
from services.adapters.metrics import exposition
from services.runtime.health import readiness

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    c = container()
    report = readiness(c.pool, c.redis, c.celery, c.settings.readiness_timeout_seconds)
    return jsonify(report), 200 if report["status"] == "ok" else 503


def _metrics_allowed() -> bool:
    token = container().settings.metrics_token
    return scrape_allowed(token.get_secret_value() if token is not None else None,
                          request.headers.get("Authorization", ""),
                          any(name in request.headers for name in FORWARDING_HEADERS), request.remote_addr or "")


@blueprint.get("/metrics")
def metrics():
    if not _metrics_allowed():
        abort(401, description="metrics need `Authorization: Bearer <METRICS_TOKEN>` "
                               "(or, with no METRICS_TOKEN set, a direct request from this machine)")

    registry = current_app.extensions["salesboy.metrics"].registry
    app = container()
    return Response(exposition(registry, app.system_uow, app.celery, QUEUES), mimetype=CONTENT_TYPE_LATEST)
