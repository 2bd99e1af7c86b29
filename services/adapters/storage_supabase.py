"""Object storage on Supabase Storage, through the official client (`supabase` / `storage3`).

Paths are the same as `LocalStorage`: `<bucket>/<user_id>/<document_id>/<safe name>`.
Supabase accepts only S3-safe ASCII keys, which `pipelines.filenames.safe_filename` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx

from services.adapters.ports import StorageObjectMissingError
from services.core.errors import PermanentError, TransientError

# Statuses worth a retry. Storage answers most errors with HTTP 400 and puts the real
# status in the body, so these are checked against both. 423 is a locked object.
_RETRY_STATUSES = frozenset({408, 423, 429})

T = TypeVar("T")


class SupabaseStorage:
    def __init__(self, url: str, service_key: str, *, timeout: float = 15.0,
                 page_size: int = 100, remove_batch_size: int = 1000) -> None:
        from supabase import ClientOptions, SupabaseException, create_client

        self._page_size = page_size
        self._remove_batch_size = remove_batch_size
        # Our own httpx client: `storage_client_timeout` is cast to int by storage3 (0.5 s
        # would become 0) and warns as deprecated; a client we build keeps the float.
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True)
        options = ClientOptions(httpx_client=self._http, auto_refresh_token=False, persist_session=False)
        try:
            self._client = create_client(url, service_key, options=options)
        except SupabaseException as exc:
            self._http.close()
            raise PermanentError(f"cannot build a Supabase client for {url!r}: {exc.message}") from exc

    def close(self) -> None:
        self._http.close()

    def put(self, bucket: str, path: str, data: bytes, content_type: str) -> None:
        options = {"content-type": content_type, "upsert": "true"}
        self._call(f"upload {bucket}/{path}", lambda: self._bucket(bucket).upload(path, data, options))

    def get(self, bucket: str, path: str) -> bytes:
        return self._call(f"download {bucket}/{path}", lambda: self._bucket(bucket).download(path))

    def delete_prefix(self, bucket: str, prefix: str) -> None:
        if not prefix.strip("/"):
            raise ValueError("refusing to delete a whole bucket: the prefix is empty")
        # Collect first, then remove: deleting while paging would shift the offsets.
        names = list(self._names_under(bucket, prefix))
        for start in range(0, len(names), self._remove_batch_size):
            batch = names[start:start + self._remove_batch_size]
            self._call(f"remove {len(batch)} objects from {bucket}", lambda b=batch: self._bucket(bucket).remove(b))  # type: ignore[misc]  # mypy cannot type a lambda default

    def _names_under(self, bucket: str, prefix: str) -> Iterator[str]:
        """Every object name starting with `prefix`, walking the folder tree page by page."""
        folder, _, leaf = prefix.rpartition("/")
        for entry in self._list_folder(bucket, folder):
            if not entry["name"].startswith(leaf):
                continue
            name = f"{folder}/{entry['name']}" if folder else entry["name"]
            if entry.get("id") is None:  # a folder
                yield from self._names_under(bucket, name + "/")
            else:
                yield name

    def _list_folder(self, bucket: str, folder: str) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            options = {"limit": self._page_size, "offset": offset, "sortBy": {"column": "name", "order": "asc"}}
            page = self._call(f"list {bucket}/{folder}",
                              lambda o=options: self._bucket(bucket).list(folder, o))  # type: ignore[misc]  # same
            yield from page
            if len(page) < self._page_size:
                return
            offset += len(page)

    def _bucket(self, bucket: str):
        return self._client.storage.from_(bucket)

    @staticmethod
    def _call(action: str, operation: Callable[[], T]) -> T:
        from storage3.exceptions import StorageApiError
        from storage3.utils import StorageException

        try:
            return operation()
        except StorageApiError as exc:
            if str(exc.status) == "404" and exc.code in ("not_found", "NoSuchKey"):
                raise StorageObjectMissingError(f"{action}: object not found") from exc
            cause = exc.__cause__
            http_status = cause.response.status_code if isinstance(cause, httpx.HTTPStatusError) else None
            kind = TransientError if _retryable(exc.status) or _retryable(http_status) else PermanentError
            raise kind(f"Supabase Storage {action} failed: {exc.status} {exc.code}: {exc.message}") from exc
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise TransientError(f"Supabase Storage {action} failed: {type(exc).__name__}: {exc}") from exc
        except (StorageException, httpx.HTTPError, ValueError) as exc:
            # ValueError: storage3 refuses `.`/`..` segments and undecodable %-escapes in paths.
            raise PermanentError(f"Supabase Storage {action} failed: {exc}") from exc


def _retryable(status: object) -> bool:
    try:
        code = int(str(status))
    except ValueError:
        return False
    return code >= 500 or code in _RETRY_STATUSES
