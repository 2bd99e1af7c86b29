"""Object storage: a folder under the data dir, laid out like Supabase Storage.

`<root>/<bucket>/<user_id>/<document_id>/<safe name>`: switching to Supabase
Storage (services/adapters/storage_supabase.py) keeps every path the same.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from services.adapters.ports import StorageObjectMissingError


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def _path(self, bucket: str, path: str) -> Path:
        target = (self._root / bucket / path).resolve()
        # Names are built from ids and sanitised file names; this is the backstop.
        if not target.is_relative_to(self._root / bucket) or target == self._root / bucket:
            raise ValueError(f"refusing a storage path outside bucket {bucket!r}: {path!r}")
        return target

    def put(self, bucket: str, path: str, data: bytes, content_type: str) -> None:
        target = self._path(bucket, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, bucket: str, path: str) -> bytes:
        try:
            return self._path(bucket, path).read_bytes()
        except FileNotFoundError as exc:
            raise StorageObjectMissingError(f"{bucket}/{path} does not exist") from exc

    def delete_prefix(self, bucket: str, prefix: str) -> None:
        target = self._path(bucket, prefix.rstrip("/"))
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
