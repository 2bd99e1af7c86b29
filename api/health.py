"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, abort, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST

from api.context import container
from schemas.queues import QUEUES
from services.health import readiness
from services.metrics import exposition

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    c = container()
    report = readiness(c.pool, c.redis, c.celery, c.settings.readiness_timeout_seconds)
    return jsonify(report), 200 if report["status"] == "ok" else 503


# Set by a reverse proxy in front of us: such a request came from elsewhere, whatever its socket says.
_FORWARDING_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


def _metrics_allowed() -> bool:
    token = container().settings.metrics_token
    if token is not None:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").encode()
        return hmac.compare_digest(sent, token.get_secret_value().encode())
    if any(name in request.headers for name in _FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@blueprint.get("/metrics")
def metrics():
    if not _metrics_allowed():
        abort(401, description="metrics need `Authorization: Bearer <METRICS_TOKEN>` "
                               "(or, with no METRICS_TOKEN set, a direct request from this machine)")

    registry = current_app.extensions["salesboy.metrics"].registry
    return Response(exposition(registry, container(), QUEUES), mimetype=CONTENT_TYPE_LATEST)
