"""No log call may pass an `extra` key that names a LogRecord attribute: logging raises KeyError for it."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def _extra_keys(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "extra" and isinstance(keyword.value, ast.Dict):
                for key in keyword.value.keys:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        yield node.lineno, key.value


def test_no_log_call_overwrites_a_record_attribute():
    clashes = []
    for folder in ("api", "services", "workers", "pipelines", "schemas"):
        for path in (ROOT / folder).rglob("*.py"):
            for line, key in _extra_keys(ast.parse(path.read_text(), str(path))):
                if key in RESERVED:
                    clashes.append(f"{path.relative_to(ROOT)}:{line} extra key {key!r}")
    assert not clashes, clashes


def test_the_suite_logs_at_the_production_level():
    # pytest's log_level (pyproject) sets the root logger for every test: INFO records are built, not skipped.
    assert logging.getLogger().isEnabledFor(logging.INFO)
