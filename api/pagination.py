"""Cursor pagination for every list: `?limit=` (1-200, default 50) and `?cursor=` from the last page's
`next_cursor` (null on the last page).

A cursor is the opaque, URL-safe encoding of the sort key of the last item returned, so a page never repeats
or skips an item that stays in the list while a client walks it (keyset pagination, not offsets).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from flask import abort, request

DEFAULT_LIMIT = 50
# Short lists (contacts, groups, keys) are read up to this many rows and paged here; lists that grow
# without bound (messages, conversations, tasks) are paged in SQL with `keyset_page`.
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


def cursor_after(size: int) -> list[Any] | None:
    """The sort key the request's cursor points after (a list of `size` values), or None on the first page."""
    raw = request.args.get("cursor")
    if not raw:
        return None
    after = _decode(raw)
    if len(after) != size:
        abort(400, description="the cursor is not valid: pass next_cursor from the previous page unchanged")
    return after


def time_and_id(after: list[Any] | None, id_kind: type = uuid.UUID) -> tuple[datetime, Any] | None:
    """A (timestamp, id) cursor checked before it reaches SQL."""
    if after is None:
        return None
    try:
        return datetime.fromisoformat(str(after[0])), id_kind(str(after[1]))
    except ValueError:
        abort(400, description="the cursor is not valid: pass next_cursor from the previous page unchanged")


def keyset_page(name: str, fetch: Callable[[list[Any] | None, int], Sequence[dict]],
                key: Callable[[dict], list[Any]], size: int, **extra: Any) -> dict:
    """A list paged in SQL: `fetch(after, n)` returns up to n items that sort after `after` (None: from the
    start); one more than the page is asked for, to know whether a next page exists."""
    limit = limit_arg()
    items = list(fetch(cursor_after(size), limit + 1))
    chunk = items[:limit]
    more = len(items) > limit
    return {name: chunk, "next_cursor": _encode(key(chunk[-1])) if more and chunk else None, **extra}


def paginated(name: str, items: Sequence[dict], key: Callable[[dict], list[Any]], **extra: Any) -> dict:
    """The JSON body of a list: `{name: [...], "next_cursor": ...}`."""
    chunk, next_cursor = page(items, key)
    return {name: chunk, "next_cursor": next_cursor, **extra}
