"""Cursor pagination for every list: `?limit=` (1-200, default 50) and `?cursor=` from the last page's
`next_cursor` (null on the last page).

A cursor is the opaque, URL-safe encoding of the sort key of the last item returned, so a page never repeats
or skips an item that stays in the list while a client walks it (keyset pagination, not offsets).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from flask import abort, request

DEFAULT_LIMIT = 50
# Lists are read up to this many rows and paged here; filters narrow what is read.
LIST_SCAN_LIMIT = 5000
MAX_LIMIT = 200


def _encode(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, default=str, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(raw: str) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        abort(400, description="the cursor is not valid: pass next_cursor from the previous page unchanged")
    if not isinstance(key, list):
        abort(400, description="the cursor is not valid: pass next_cursor from the previous page unchanged")
    return key


def limit_arg() -> int:
    raw = request.args.get("limit", str(DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


def page(items: Sequence[dict], key: Callable[[dict], list[Any]]) -> tuple[list[dict], str | None]:
    """One page of `items` (already in their list's order; `key(item)` is unique and identifies the position),
    starting after the request's cursor, with the cursor of the next page."""
    limit = limit_arg()
    raw = request.args.get("cursor")
    start = 0
    if raw:
        after = _decode(raw)
        keys = [json.loads(json.dumps(key(item), default=str)) for item in items]
        if after not in keys:
            # The item the cursor points at is gone: continue after the first item that sorts after it.
            start = next((i for i, k in enumerate(keys) if _after(k, after, keys)), len(items))
        else:
            start = keys.index(after) + 1
    chunk = list(items[start:start + limit])
    more = start + limit < len(items)
    return chunk, (_encode(key(chunk[-1])) if more and chunk else None)


def _after(candidate: list, cursor: list, keys: list[list]) -> bool:
    """Whether `candidate` comes after `cursor` in the list's order (ascending or descending, read from keys)."""
    ascending = len(keys) < 2 or keys[0] <= keys[-1]
    try:
        return candidate > cursor if ascending else candidate < cursor
    except TypeError:
        return False


def paginated(name: str, items: Sequence[dict], key: Callable[[dict], list[Any]], **extra: Any) -> dict:
    """The JSON body of a list: `{name: [...], "next_cursor": ...}`."""
    chunk, next_cursor = page(items, key)
    return {name: chunk, "next_cursor": next_cursor, **extra}
