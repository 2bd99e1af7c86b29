"""Every error leaves as JSON with a status and a reason, never an HTML traceback."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable

from flask import Flask, abort, g, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from pipelines import plain_words

log = logging.getLogger(__name__)


def error_response(status: int, error: str, message: str, /, **extra: object):
    body = {"error": error, "message": message, **extra}
    request_id = g.get("request_id")
    if request_id:
        body["request_id"] = request_id
    return jsonify(body), status


def choice_arg(name: str, allowed: Iterable[str]) -> str | None:
    """A list filter from the query string that takes known values only: an unknown one is a mistake to
    say, not a filter that quietly matches nothing."""
    raw = request.args.get(name)
    if not raw:
        return None
    allowed = list(allowed)
    if raw not in allowed:
        abort(400, description=f"{name} must be one of: {', '.join(allowed)}")
    return raw


def id_or_404(raw: str, what: str) -> uuid.UUID:
    """An id from a URL; anything that is not one is simply not found."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        abort(404, description=f"no such {what}")


def invalid(exc, status: int, error: str, message: str, *, within: tuple[str | int, ...] = ()):
    """A pydantic ValidationError as a JSON answer naming each bad field. `within`: the location of what the
    request sent inside what was validated (one intent among all the settings), left out of the names."""
    fields = []
    for e in exc.errors():
        loc = tuple(e["loc"])
        if within and loc[:len(within)] == within:
            loc = loc[len(within):]
        # A pattern is a regular expression, which says nothing to whoever reads the answer: say what is wanted.
        kind = e["type"]
        text = plain_words.problem(e, str(loc[0]) if loc else "") if kind == "string_pattern_mismatch" else e["msg"]
        fields.append({"field": ".".join(map(str, loc)) or "body", "problem": text})
    return error_response(status, error, message, fields=fields)


def init_app(app: Flask, *, wants_page: Callable[[], bool],
             error_page: Callable[[int, str | None], ResponseReturnValue], file_limit_bytes: int) -> None:
    """`wants_page` tells a browser's page request from a machine's; `error_page` answers the former
    (the dashboard's, passed in: the dashboard builds on this module, never the other way round).
    `file_limit_bytes` is the largest document accepted, named when a whole request is too large."""

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = exc.code or 500
        # Werkzeug's stock sentences are for developers; ours say what happened and what to do.
        stock = not exc.description or exc.description == type(exc).description
        message = plain_words.http_error(code)[1] if stock or exc.description is None else exc.description
        if code == 413 and stock:  # Flask's MAX_CONTENT_LENGTH: say what the limits are
            message = plain_words.request_too_large(request.max_content_length, file_limit_bytes)
        if wants_page():
            return error_page(code, message)
        error = (exc.name or "error").lower().replace(" ", "_")
        return error_response(code, error, message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        if wants_page():
            return error_page(500, None)
        return error_response(500, InternalServerError().name.lower().replace(" ", "_"), plain_words.http_error(500)[1])
