"""A worker's own /metrics answers only as the API's does: the token, or a direct request from this machine."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from services.adapters.metrics import serve_worker_metrics


def _get(port: int, path: str = "/metrics", **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers),
                                    timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize("token", [None, "metrics-token-0123456789"])
def test_worker_metrics_are_protected_like_the_apis(tmp_path, token):
    server = serve_worker_metrics(str(tmp_path), "127.0.0.1", 0, token)
    port = server.server_port
    try:
        if token is None:
            assert _get(port) == 200  # from this machine
            assert _get(port, **{"X-Forwarded-For": "203.0.113.9"}) == 401  # through a proxy: from elsewhere
        else:
            assert _get(port) == 401
            assert _get(port, Authorization="Bearer wrong") == 401
            assert _get(port, Authorization=f"Bearer {token}") == 200
        assert _get(port, "/other", Authorization=f"Bearer {token}") == 404
    finally:
        server.shutdown()
        server.server_close()
