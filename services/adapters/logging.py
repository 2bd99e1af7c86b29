"""Structured logs: one JSON object a line, each carrying trace_id and user_id."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import logging.handlers
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

# Never mutated in place: log_context() always sets a new dict.
_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar(
    "log_context", default={}  # noqa: B039
)

# Attributes every LogRecord has; anything else was passed with `extra=`.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


@contextlib.contextmanager
def log_context(**values: object) -> Iterator[None]:
    """Attach values (trace_id, user_id, request_id, ...) to every log line inside."""
    merged = {**_context.get(), **{k: str(v) for k, v in values.items() if v is not None}}
    token = _context.set(merged)
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> dict[str, str]:
    return dict(_context.get())


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "trace_id": None,
            "user_id": None,
        }
        entry.update(_context.get())
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str, log_dir: Path | None, process_name: str) -> None:
    """Send JSON lines to stderr and, when log_dir is given, to a rotating file."""
    formatter = JsonFormatter()
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / f"{process_name}.log", maxBytes=10 * 1024 * 1024, backupCount=5
            )
        )
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(level)
