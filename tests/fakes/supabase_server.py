"""An in-memory Supabase Storage server (the `/storage/v1/object` endpoints storage3 calls).

Responses follow supabase/storage: most errors go out as HTTP 400 with the real status in
the body's `statusCode` (a string), only 5xx keep their HTTP status; the API gateway in
front of it answers a wrong `apikey` with 401 and a body storage3 cannot parse. Listing is
folder by folder like `storage.search()`: folders first (`id: null`), then files, with
`limit`/`offset` over both.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

PREFIX = "/storage/v1/object"
# supabase/storage isValidKey: S3-safe ASCII characters only.
_VALID_KEY = re.compile(r"^[A-Za-z0-9_/!\-.*'() &$@=;:+,?]+$")


@dataclass
class StoredObject:
    data: bytes
    content_type: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    json: object | None


class _StorageError(Exception):
    def __init__(self, status: int, error: str, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.body = {"statusCode": str(status), "error": error, "message": message}
        self.http_status = http_status or (500 if status >= 500 else 400)


def _not_found() -> _StorageError:
    return _StorageError(404, "not_found", "Object not found")


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


class FakeSupabaseStorage:
    def __init__(self, service_key: str = "service-role-key", buckets: tuple[str, ...] = ("documents",)) -> None:
        self.service_key = service_key
        self.objects: dict[str, dict[str, StoredObject]] = {name: {} for name in buckets}
        self.requests: list[RecordedRequest] = []
        self._failures: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def reset(self) -> None:
        with self._lock:
            for bucket in self.objects.values():
                bucket.clear()
            self.requests.clear()
            self._failures.clear()

    def fail_next(self, status: int, times: int = 1) -> None:
        """The next `times` requests get `status` (after the auth check, like a storage failure)."""
        with self._lock:
            self._failures.extend([(status, 0.0)] * times)

    def delay_next(self, seconds: float, times: int = 1) -> None:
        """The next `times` requests stall for `seconds` before being served normally."""
        with self._lock:
            self._failures.extend([(0, seconds)] * times)

    # --- HTTP -----------------------------------------------------------------------------

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        try:
            response = self._handle(request)
        except _StorageError as exc:
            response = _json(exc.body, exc.http_status)
        finally:
            request.close()  # the multipart parser's spooled temp files
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        body = request.get_json(silent=True) if request.mimetype == "application/json" else None
        with self._lock:
            self.requests.append(RecordedRequest(request.method, request.path, dict(request.headers), body))
        if request.headers.get("apikey") != self.service_key:
            # Kong's answer, in front of Storage: no statusCode/error keys.
            return _json({"message": "Invalid API key",
                          "hint": "Double check your Supabase `anon` or `service_role` API key."}, 401)
        if request.headers.get("Authorization") != f"Bearer {self.service_key}":
            raise _StorageError(403, "Unauthorized", "invalid signature")
        self._injected()
        if not request.path.startswith(PREFIX + "/"):
            return self._route_not_found(request)
        rest = request.path[len(PREFIX) + 1:]
        if request.method == "POST" and rest.startswith("list/"):
            return self._list(rest[len("list/"):], body or {})
        bucket, _, key = rest.partition("/")
        if request.method == "POST" and key:
            return self._upload(request, bucket, key)
        if request.method == "GET" and key:
            return self._download(bucket, key)
        if request.method == "DELETE" and not key:
            return self._remove(bucket, body or {})
        return self._route_not_found(request)

    def _injected(self) -> None:
        with self._lock:
            status, delay = self._failures.pop(0) if self._failures else (0, 0.0)
        time.sleep(delay)
        if status:
            raise _StorageError(status, "InternalError" if status >= 500 else "injected",
                                f"injected failure {status}", http_status=status)

    @staticmethod
    def _route_not_found(request: Request) -> Response:
        # Fastify's own 404, with a numeric statusCode.
        return _json({"statusCode": 404, "error": "Not Found",
                      "message": f"Route {request.method}:{request.path} not found"}, 404)

    def _bucket(self, name: str) -> dict[str, StoredObject]:
        if name not in self.objects:
            raise _StorageError(404, "Bucket not found", "Bucket not found")
        return self.objects[name]

    # --- endpoints ------------------------------------------------------------------------

    def _upload(self, request: Request, bucket_name: str, key: str) -> Response:
        bucket = self._bucket(bucket_name)
        if not _VALID_KEY.match(key):
            raise _StorageError(400, "InvalidKey", f"Invalid key: {key}")
        upload = request.files.get("file")
        if upload is None:
            raise _StorageError(400, "InvalidRequest", "No content provided")
        with self._lock:
            if key in bucket and request.headers.get("x-upsert") != "true":
                raise _StorageError(409, "Duplicate", "The resource already exists")
            bucket[key] = StoredObject(upload.read(), upload.content_type or "application/octet-stream")
            object_id = bucket[key].id
        return _json({"Id": object_id, "Key": f"{bucket_name}/{key}"})

    def _download(self, bucket_name: str, key: str) -> Response:
        stored = self._bucket(bucket_name).get(key)
        if stored is None:
            raise _not_found()
        return Response(stored.data, 200, content_type=stored.content_type,
                        headers={"ETag": f'"{hashlib.md5(stored.data).hexdigest()}"'})

    def _list(self, bucket_name: str, body: dict) -> Response:
        bucket = self._bucket(bucket_name)
        if "prefix" not in body:
            raise _StorageError(400, "Bad Request", "body must have required property 'prefix'")
        folder = body["prefix"]
        if folder and not folder.endswith("/"):
            folder += "/"
        # storage.search() matches with ILIKE, so case-insensitively.
        start = (folder + body.get("search", "")).lower()
        folders: set[str] = set()
        files: list[tuple[str, StoredObject]] = []
        with self._lock:
            for name, stored in bucket.items():
                if not name.lower().startswith(start):
                    continue
                rest = name[len(folder):]
                if "/" in rest:
                    folders.add(rest.split("/", 1)[0])
                else:
                    files.append((rest, stored))
        descending = body.get("sortBy", {}).get("order") == "desc"
        entries = [_folder_entry(name) for name in sorted(folders, reverse=descending)]
        entries += [_file_entry(name, stored) for name, stored in sorted(files, reverse=descending)]
        offset, limit = int(body.get("offset", 0)), int(body.get("limit", 100))
        return _json(entries[offset:offset + limit])

    def _remove(self, bucket_name: str, body: dict) -> Response:
        bucket = self._bucket(bucket_name)
        prefixes = body.get("prefixes")
        if not isinstance(prefixes, list) or not prefixes:
            raise _StorageError(400, "Bad Request", "body/prefixes must NOT have fewer than 1 items")
        removed = []
        with self._lock:
            for name in prefixes:
                stored = bucket.pop(name, None)
                if stored is not None:
                    removed.append({**_file_entry(name, stored), "bucket_id": bucket_name})
        return _json(removed)


def _json(payload: object, status: int = 200) -> Response:
    return Response(json.dumps(payload), status, content_type="application/json")


def _folder_entry(name: str) -> dict:
    return {"name": name, "id": None, "updated_at": None, "created_at": None,
            "last_accessed_at": None, "metadata": None}


def _file_entry(name: str, stored: StoredObject) -> dict:
    size = len(stored.data)
    return {"name": name, "id": stored.id, "updated_at": stored.created_at, "created_at": stored.created_at,
            "last_accessed_at": stored.created_at,
            "metadata": {"size": size, "mimetype": stored.content_type, "cacheControl": "max-age=3600",
                         "contentLength": size, "httpStatusCode": 200}}
