"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.context import container
from services.health import readiness

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    c = container()
    report = readiness(c.pool, c.redis, c.celery, c.settings.readiness_timeout_seconds)
    return jsonify(report), 200 if report["status"] == "ok" else 503


@blueprint.get("/metrics")
def metrics():
    registry = current_app.extensions["salesboy.metrics"].registry
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
