"""An in-memory Pinecone index that speaks the data-plane HTTP protocol, for tests.

It serves what `pinecone.Index` (SDK 10.x) sends: upsert, query, delete, list,
fetch and describe_index_stats, with the JSON field names and shapes the SDK's
msgspec models decode. Scores are exact cosine similarity; listing is in id order
with an opaque token, as the real service does.

    with FakePineconeServer(api_key="test-key") as server:
        index = Pinecone(api_key="test-key").Index(host=server.url)
"""

from __future__ import annotations

import base64
import json
import math
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

DEFAULT_NAMESPACE = "__default__"  # what the service calls the namespace a request leaves out
LIST_LIMIT_MAX = 100


class ApiFailure(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Record:
    values: list[float]
    metadata: dict[str, Any] | None


@dataclass
class _Injected:
    status: int
    times: int
    retry_after: float | None


@dataclass
class SeenRequest:
    method: str
    path: str
    api_key: str | None
    body: Any = None
    query: dict[str, list[str]] = field(default_factory=dict)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.server.open_connections.add(self.connection)  # type: ignore[attr-defined]

    def finish(self) -> None:
        self.server.open_connections.discard(self.connection)  # type: ignore[attr-defined]
        super().finish()


class FakePineconeServer:
    def __init__(self, api_key: str = "test-key", *, dimension: int | None = None) -> None:
        self.api_key = api_key
        self._fixed_dimension = dimension
        self._lock = threading.Lock()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.reset()

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> FakePineconeServer:
        server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler)
        server.open_connections = set()  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="fake-pinecone", daemon=True)
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake Pinecone server is not running")
        return f"http://127.0.0.1:{self._server.server_port}"

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        # Keep-alive connections have their own handler threads; close them so a
        # stopped server really stops answering.
        for conn in list(server.open_connections):  # type: ignore[attr-defined]
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(5)

    def reset(self) -> None:
        with self._lock:
            self.namespaces: dict[str, dict[str, Record]] = {}
            self.dimension: int | None = self._fixed_dimension
            self.requests: list[SeenRequest] = []
            self._failures: list[_Injected] = []

    def __enter__(self) -> FakePineconeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- test controls -------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1, *, retry_after: float | None = None) -> None:
        """Answer the next `times` requests with `status` (before the API key is checked)."""
        with self._lock:
            self._failures.append(_Injected(status, times, retry_after))

    def calls(self, path: str, method: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path and (method is None or r.method == method))

    def vector_ids(self, namespace: str) -> list[str]:
        with self._lock:
            return sorted(self.namespaces.get(namespace, {}))

    # -- HTTP ----------------------------------------------------------------------

    _ROUTES = {
        ("POST", "/vectors/upsert"): "_upsert",
        ("POST", "/query"): "_query",
        ("POST", "/vectors/delete"): "_delete",
        ("GET", "/vectors/list"): "_list",
        ("GET", "/vectors/fetch"): "_fetch",
        ("POST", "/describe_index_stats"): "_stats",
    }

    def _wsgi(self, environ: dict, start_response: Any) -> Any:
        request = Request(environ)
        return self._respond(request)(environ, start_response)

    def _respond(self, request: Request) -> Response:
        try:
            body = json.loads(request.get_data() or b"{}") if request.method == "POST" else None
        except ValueError:
            body = None
            bad_json = True
        else:
            bad_json = False
        with self._lock:
            self.requests.append(SeenRequest(request.method, request.path, request.headers.get("Api-Key"),
                                             body, request.args.to_dict(flat=False)))
            injected = self._take_failure()
        if injected is not None:
            headers = {"Retry-After": str(injected.retry_after)} if injected.retry_after is not None else {}
            return _error(injected.status, f"injected failure ({injected.status})", headers)
        if request.headers.get("Api-Key") != self.api_key:
            return _error(401, "Invalid API Key")
        handler = self._ROUTES.get((request.method, request.path))
        if handler is None:
            return _error(404, f"no route for {request.method} {request.path}")
        if bad_json or (body is not None and not isinstance(body, dict)):
            return _error(400, "request body is not a JSON object")
        try:
            with self._lock:
                payload = getattr(self, handler)(body if body is not None else request.args)
        except ApiFailure as exc:
            return _error(exc.status, exc.message)
        return Response(json.dumps(payload), status=200, mimetype="application/json")

    def _take_failure(self) -> _Injected | None:
        if not self._failures:
            return None
        head = self._failures[0]
        head.times -= 1
        if head.times <= 0:
            self._failures.pop(0)
        return head

    # -- operations (called with the lock held) -----------------------------------------

    def _upsert(self, body: dict) -> dict:
        vectors = body.get("vectors")
        if not isinstance(vectors, list) or not vectors:
            raise ApiFailure(400, "vectors must be a non-empty list")
        parsed: list[tuple[str, Record]] = []
        for vector in vectors:
            vid, values, metadata = vector.get("id"), vector.get("values"), vector.get("metadata")
            if not isinstance(vid, str) or not vid:
                raise ApiFailure(400, "every vector needs a non-empty string id")
            if not isinstance(values, list) or not all(isinstance(v, int | float) for v in values):
                raise ApiFailure(400, f"vector {vid!r} has no dense values")
            dimension = self.dimension if self.dimension is not None else len(values)
            if len(values) != dimension:
                raise ApiFailure(400, f"Vector dimension {len(values)} does not match the dimension "
                                      f"of the index {dimension}")
            if not any(values):
                raise ApiFailure(400, "Dense vectors must contain at least one non-zero value")
            if metadata is not None and not isinstance(metadata, dict):
                raise ApiFailure(400, f"metadata of vector {vid!r} must be an object")
            self.dimension = dimension
            parsed.append((vid, Record([float(v) for v in values], metadata)))
        store = self.namespaces.setdefault(_namespace(body.get("namespace")), {})
        store.update(parsed)
        return {"upsertedCount": len(parsed)}

    def _query(self, body: dict) -> dict:
        namespace = _namespace(body.get("namespace"))
        top_k = body.get("topK")
        if not isinstance(top_k, int) or top_k < 1:
            raise ApiFailure(400, "topK must be a positive integer")
        store = self.namespaces.get(namespace, {})
        if "id" in body:
            if body["id"] not in store:
                return {"matches": [], "namespace": body.get("namespace", ""), "usage": {"readUnits": 1}}
            query = store[body["id"]].values
        else:
            query = body.get("vector")
            if not isinstance(query, list) or not query:
                raise ApiFailure(400, "query needs a vector or an id")
            if self.dimension is not None and len(query) != self.dimension:
                raise ApiFailure(400, f"Vector dimension {len(query)} does not match the dimension "
                                      f"of the index {self.dimension}")
        flt = body.get("filter")
        scored = [(_cosine(query, rec.values), vid, rec) for vid, rec in store.items()
                  if flt is None or matches_filter(flt, rec.metadata or {})]
        scored.sort(key=lambda s: (-s[0], s[1]))
        matches = []
        for score, vid, rec in scored[:top_k]:
            match: dict[str, Any] = {"id": vid, "score": score, "values": []}
            if body.get("includeValues"):
                match["values"] = rec.values
            if body.get("includeMetadata") and rec.metadata is not None:
                match["metadata"] = rec.metadata
            matches.append(match)
        return {"matches": matches, "namespace": body.get("namespace", ""), "usage": {"readUnits": 1}}

    def _delete(self, body: dict) -> dict:
        ids, delete_all, flt = body.get("ids"), bool(body.get("deleteAll")), body.get("filter")
        if sum([ids is not None, delete_all, flt is not None]) != 1:
            raise ApiFailure(400, "pass exactly one of ids, deleteAll and filter")
        namespace = _namespace(body.get("namespace"))
        if namespace not in self.namespaces:
            # Serverless indexes can answer 404 for a namespace that holds nothing.
            raise ApiFailure(404, f"Namespace not found: {namespace}")
        store = self.namespaces[namespace]
        if delete_all:
            doomed = list(store)
        elif ids is not None:
            if not isinstance(ids, list) or len(ids) > 1000:
                raise ApiFailure(400, "ids must be a list of at most 1000 ids")
            doomed = [vid for vid in ids if vid in store]
        else:
            if not isinstance(flt, dict) or not flt:
                raise ApiFailure(400, "Delete with empty metadata filter is not allowed")
            doomed = [vid for vid, rec in store.items() if matches_filter(flt, rec.metadata or {})]
        for vid in doomed:
            del store[vid]
        if not store:
            del self.namespaces[namespace]
        return {}

    def _list(self, args: Any) -> dict:
        namespace = _namespace(args.get("namespace"))
        prefix = args.get("prefix", "")
        try:
            limit = int(args.get("limit", LIST_LIMIT_MAX))
        except ValueError:
            raise ApiFailure(400, "limit must be an integer") from None
        if not 1 <= limit <= LIST_LIMIT_MAX:
            raise ApiFailure(400, f"limit must be between 1 and {LIST_LIMIT_MAX}")
        after = _decode_token(args["paginationToken"]) if args.get("paginationToken") else None
        ids = sorted(vid for vid in self.namespaces.get(namespace, {})
                     if vid.startswith(prefix) and (after is None or vid > after))
        page = ids[:limit]
        response: dict[str, Any] = {"vectors": [{"id": vid} for vid in page],
                                    "namespace": args.get("namespace", ""), "usage": {"readUnits": 1}}
        if len(ids) > limit:
            response["pagination"] = {"next": _encode_token(page[-1])}
        return response

    def _fetch(self, args: Any) -> dict:
        ids = args.getlist("ids")
        if not ids:
            raise ApiFailure(400, "ids is required")
        store = self.namespaces.get(_namespace(args.get("namespace")), {})
        vectors = {}
        for vid in ids:
            if vid in store:
                vectors[vid] = {"id": vid, "values": store[vid].values}
                if store[vid].metadata is not None:
                    vectors[vid]["metadata"] = store[vid].metadata
        return {"vectors": vectors, "namespace": args.get("namespace", ""), "usage": {"readUnits": 1}}

    def _stats(self, body: dict) -> dict:
        if body.get("filter"):
            raise ApiFailure(400, "describe_index_stats does not support a filter on serverless indexes")
        counts = {ns: len(store) for ns, store in self.namespaces.items() if store}
        return {
            "namespaces": {ns: {"vectorCount": n} for ns, n in counts.items()},
            "dimension": self.dimension,
            "indexFullness": 0.0,
            "totalVectorCount": sum(counts.values()),
            "metric": "cosine",
            "vectorType": "dense",
        }


@contextmanager
def running_pinecone(api_key: str = "test-key", *, dimension: int | None = None) -> Iterator[FakePineconeServer]:
    with FakePineconeServer(api_key, dimension=dimension) as server:
        yield server


def matches_filter(flt: Any, metadata: dict[str, Any]) -> bool:
    """Pinecone's metadata filter language: `$and`/`$or`, and per field `$eq`, `$ne`,
    `$in`, `$nin`, `$exists`, or a bare value meaning `$eq`. Keys of one object AND."""
    if not isinstance(flt, dict):
        raise ApiFailure(400, f"a filter must be an object, got {flt!r}")
    for key, condition in flt.items():
        if key in ("$and", "$or"):
            if not isinstance(condition, list) or not condition:
                raise ApiFailure(400, f"{key} takes a non-empty list of filters")
            results = [matches_filter(sub, metadata) for sub in condition]
            ok = all(results) if key == "$and" else any(results)
        elif key.startswith("$"):
            raise ApiFailure(400, f"unsupported top-level operator {key}")
        elif isinstance(condition, dict):
            ok = all(_field_matches(op, arg, key, metadata) for op, arg in condition.items())
        else:
            ok = _field_matches("$eq", condition, key, metadata)
        if not ok:
            return False
    return True


def _field_matches(op: str, arg: Any, key: str, metadata: dict[str, Any]) -> bool:
    present, value = key in metadata, metadata.get(key)
    if op in ("$in", "$nin"):
        if not isinstance(arg, list):
            raise ApiFailure(400, f"{op} takes a list")
        hit = present and (value in arg if not isinstance(value, list) else any(v in arg for v in value))
        return hit if op == "$in" else not hit
    if op in ("$eq", "$ne"):
        if isinstance(arg, dict | list):
            raise ApiFailure(400, f"{op} takes a single value")
        hit = present and (value == arg if not isinstance(value, list) else arg in value)
        return hit if op == "$eq" else not hit
    if op == "$exists":
        return present == bool(arg)
    raise ApiFailure(400, f"unsupported filter operator {op}")


def _namespace(value: Any) -> str:
    return value if isinstance(value, str) and value else DEFAULT_NAMESPACE


def _cosine(a: list[float], b: list[float]) -> float:
    norms = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norms if norms else 0.0


def _encode_token(last_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode()


def _decode_token(token: str) -> str:
    try:
        return json.loads(base64.urlsafe_b64decode(token.encode()))["after"]
    except (ValueError, KeyError, TypeError):
        raise ApiFailure(400, "invalid pagination token") from None


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    # The data plane's error shape (a google.rpc.Status rendered as JSON).
    body = {"code": status, "message": message, "details": []}
    return Response(json.dumps(body), status=status, mimetype="application/json", headers=headers or {})
