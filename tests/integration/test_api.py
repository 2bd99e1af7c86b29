import json
import logging
import time

import pytest
from flask import request
from pydantic import SecretStr

from api import create_app
from schemas.queues import QUEUES
from services.adapters.logging import JsonFormatter
from services.bootstrap import bootstrap
from services.runtime.embedded import EmbeddedRedis, free_port
from services.usecases.apikeys import create_api_key
from tests.conftest import create_user, wait_for


@pytest.fixture
def app(settings, container):
    return create_app(settings, container)


@pytest.fixture
def client(app):
    return app.test_client()


def test_healthz_answers_without_dependencies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_names_each_queue_without_a_consumer(client, worker, container):
    # The test worker consumes neither `sessions` (browsers have their own worker) nor `mail` (the mail tests
    # start theirs, which may still run); whatever else runs now, readyz names exactly the queues nobody takes.
    # Asked until the workers answer: on a loaded machine one second may pass without a reply.
    replies = wait_for(lambda: container.celery.control.inspect(timeout=1.0).active_queues(), timeout=30,
                       message="the workers to list their queues")
    consumed = {queue["name"] for listed in replies.values() for queue in (listed or [])}
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 503, body
    assert set(body["components"]) == {"postgres", "redis", "workers"}
    assert body["components"]["postgres"]["detail"].startswith("PostgreSQL 18")
    assert body["components"]["redis"]["ok"] is True
    missing = [queue for queue in QUEUES if queue not in consumed]
    assert "sessions" in missing
    assert body["components"]["workers"]["detail"] == "RuntimeError: no worker consumes queue(s): " + ", ".join(missing)


def test_readyz_reports_redis_down_with_503_instead_of_hanging(settings, tmp_path):
    server = EmbeddedRedis(tmp_path / "redis", port=free_port()).start()
    container = bootstrap(settings, database_url=settings.database_url, redis_url=server.url)
    try:
        client = create_app(settings, container).test_client()
        before = client.get("/readyz").get_json()
        assert before["components"]["redis"]["ok"] is True
        assert before["components"]["workers"]["ok"] is False  # nobody consumes this Redis
        server.stop()
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    finally:
        server.stop()
        container.close()
    body = response.get_json()
    assert response.status_code == 503
    assert body["status"] == "unavailable"
    assert body["components"]["postgres"]["ok"] is True
    assert body["components"]["redis"]["ok"] is False
    assert "broker (Redis) is down" in body["components"]["workers"]["detail"]
    assert elapsed < 3 * settings.readiness_timeout_seconds + 2


def test_readyz_reports_postgres_down(settings, redis_url, pg_server):
    dead_url = pg_server.url("salesboy_test").replace(f":{pg_server.port}/", f":{free_port()}/")
    container = bootstrap(settings, database_url=dead_url, redis_url=redis_url)
    try:
        response = create_app(settings, container).test_client().get("/readyz")
    finally:
        container.close()
    assert response.status_code == 503
    assert response.get_json()["components"]["postgres"]["ok"] is False


def test_unknown_api_route_is_a_json_404(client):
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    body = response.get_json()
    assert body["error"] == "not_found" and body["message"]
    assert body["request_id"] == response.headers["X-Request-ID"]


def test_unknown_page_is_an_html_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Not found" in response.get_data(as_text=True)


def test_wrong_method_is_a_json_405(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"


def test_unexpected_errors_are_json_500_without_a_traceback(app):
    @app.get("/api/explode")
    def explode():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/explode")
    assert response.status_code == 500
    assert response.is_json
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_oversized_body_is_a_json_413(settings, container):
    small = settings.model_copy(update={"max_request_bytes": 1024})
    app = create_app(small, container)

    @app.post("/api/echo")
    def echo():
        return {"size": len(request.get_data())}

    # A valid key skips the CSRF check, so the size limit is what answers (a made-up key gets 401 first).
    key, _ = create_api_key(container.tenant_uow, create_user(container), "tests")
    response = app.test_client().post("/api/echo", data=b"x" * 4096, headers={"X-API-KEY": key})
    assert response.status_code == 413
    assert response.get_json()["error"] == "request_entity_too_large"


def test_request_id_is_kept_when_sane_and_replaced_when_not(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc12345-req"}).headers["X-Request-ID"] == "abc12345-req"
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 32


def test_metrics_count_requests(client):
    client.get("/healthz")
    client.get("/no/such/page")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'salesboy_http_requests_total{endpoint="/healthz",method="GET",status="200"}' in text
    assert 'endpoint="unmatched",method="GET",status="404"' in text


def test_metrics_without_a_token_answer_only_direct_requests_from_this_machine(client):
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 401
    # A reverse proxy on this machine connects from loopback on behalf of anyone.
    proxied = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert proxied.status_code == 401
    assert "METRICS_TOKEN" in proxied.get_json()["message"]


def test_metrics_with_a_token_need_it_from_everywhere(client, container, monkeypatch):
    monkeypatch.setattr(container.settings, "metrics_token", SecretStr("metrics-token-0123456789"))
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    granted = client.get("/metrics", headers={"Authorization": "Bearer metrics-token-0123456789"},
                         environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert granted.status_code == 200 and "salesboy_http_requests_total" in granted.get_data(as_text=True)


def test_request_logs_are_json_with_trace_and_request_ids(client, caplog):
    with caplog.at_level(logging.INFO, logger="salesboy.http"):
        client.get("/no/such/page", headers={"X-Request-ID": "trace-me-123"})
    record = next(r for r in caplog.records if r.name == "salesboy.http")
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "request" and line["status"] == 404 and line["path"] == "/no/such/page"
    assert "trace_id" in line and "user_id" in line


def test_create_app_builds_its_own_container_from_the_environment(monkeypatch, tmp_path, database_url, redis_url):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("SALESBOY_DATA_DIR", str(tmp_path))
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    app = create_app()
    try:
        assert app.test_client().get("/healthz").status_code == 200
        assert (tmp_path / "logs" / "api.log").exists()
    finally:
        app.extensions["salesboy"].close()
        root.handlers[:], root.level = saved
