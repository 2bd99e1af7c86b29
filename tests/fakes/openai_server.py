"""A local OpenAI-compatible server: `POST /v1/embeddings` with deterministic vectors.

Routes live in `self.routes`, keyed by (method, path), so another endpoint (say
`POST /v1/chat/completions`) is one handler away: `server.routes[("POST", "/v1/chat/completions")] = handler`,
where a handler takes the parsed JSON body and returns `(status, payload)`.
Errors use OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

Handler = Callable[[dict], tuple[int, dict]]

_ERROR_TYPES = {400: "invalid_request_error", 401: "invalid_request_error", 403: "permission_error",
                404: "invalid_request_error", 429: "rate_limit_exceeded"}


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    json: dict | None


def fake_vector(text: str, dimensions: int) -> list[float]:
    """A unit vector derived from sha256(text): the same text always gives the same vector."""
    values: list[float] = []
    counter = 0
    while len(values) < dimensions:
        digest = hashlib.sha256(f"{counter}:{text}".encode()).digest()
        values.extend((n / 2**31) - 1.0 for n in struct.unpack(">8I", digest))
        counter += 1
    values = values[:dimensions]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


def _base64(vector: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def error_body(status: int, message: str) -> dict:
    return {"error": {"message": message, "type": _ERROR_TYPES.get(status, "server_error"),
                      "param": None, "code": None}}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


class FakeOpenAI:
    def __init__(self, api_key: str = "sk-test", dimensions: int = 384) -> None:
        self.api_key = api_key
        self.dimensions = dimensions
        self.requests: list[RecordedRequest] = []
        self.routes: dict[tuple[str, str], Handler] = {("POST", "/v1/embeddings"): self._embeddings}
        self._failures: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """What an OpenAI client takes as `base_url` / litellm as `api_base`."""
        return f"{self.url}/v1"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._failures.clear()

    def fail_next(self, status: int, times: int = 1) -> None:
        with self._lock:
            self._failures.extend([(status, 0.0)] * times)

    def delay_next(self, seconds: float, times: int = 1) -> None:
        with self._lock:
            self._failures.extend([(0, seconds)] * times)

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        status, payload = self._handle(request)
        response = Response(json.dumps(payload), status, content_type="application/json")
        return response(environ, start_response)

    def _handle(self, request: Request) -> tuple[int, dict]:
        body = request.get_json(silent=True)
        with self._lock:
            self.requests.append(RecordedRequest(request.method, request.path, dict(request.headers), body))
            status, delay = self._failures.pop(0) if self._failures else (0, 0.0)
        time.sleep(delay)
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return 401, error_body(401, "Incorrect API key provided.")
        if status:
            return status, error_body(status, f"injected failure {status}")
        handler = self.routes.get((request.method, request.path))
        if handler is None:
            return 404, error_body(404, f"Unknown request URL: {request.method} {request.path}")
        if not isinstance(body, dict):
            return 400, error_body(400, "We could not parse the JSON body of your request.")
        return handler(body)

    def _embeddings(self, body: dict) -> tuple[int, dict]:
        inputs = body.get("input")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs or not all(isinstance(t, str) and t for t in inputs):
            return 400, error_body(400, "'input' must be a non-empty string or array of non-empty strings")
        dimensions = int(body.get("dimensions") or self.dimensions)
        # The OpenAI SDK asks for base64 (little-endian float32) unless told otherwise.
        as_base64 = body.get("encoding_format") == "base64"
        tokens = sum(len(text.split()) for text in inputs)
        return 200, {
            "object": "list",
            "data": [{"object": "embedding", "index": i,
                      "embedding": _base64(vector) if as_base64 else vector}
                     for i, vector in enumerate(fake_vector(text, dimensions) for text in inputs)],
            "model": body.get("model", ""),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
