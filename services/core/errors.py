"""Which failures are worth a retry."""

from __future__ import annotations

import psycopg
import redis


class TransientError(RuntimeError):
    """A failure that may pass on its own (a 5xx, a timeout): retry with backoff."""


class PermanentError(RuntimeError):
    """A failure that retrying cannot fix: record it and stop."""


TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    TransientError,
    psycopg.OperationalError,
    redis.ConnectionError,
    redis.TimeoutError,
    TimeoutError,
    ConnectionError,
)
