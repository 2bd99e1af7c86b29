import json
import logging
import sys

from services.adapters.litellm_setup import load_litellm
from services.adapters.logging import JsonFormatter, configure_logging, current_context, log_context


def _format(record_factory, **extra):
    record = logging.LogRecord("salesboy.test", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    for key, value in extra.items():
        setattr(record, key, value)
    return json.loads(JsonFormatter().format(record))


def test_every_line_carries_trace_and_user_even_when_unknown():
    line = _format(None)
    assert line["msg"] == "hello world" and line["level"] == "warning"
    assert line["trace_id"] is None and line["user_id"] is None


def test_context_values_and_extras_are_included_and_nested_scopes_restore():
    with log_context(trace_id="t1", user_id="u1"):
        with log_context(job_id="j1", ignored=None):
            line = _format(None, stage="intent")
            assert current_context() == {"trace_id": "t1", "user_id": "u1", "job_id": "j1"}
        assert current_context() == {"trace_id": "t1", "user_id": "u1"}
    assert current_context() == {}
    assert (line["trace_id"], line["user_id"], line["job_id"], line["stage"]) == ("t1", "u1", "j1", "intent")


def test_exceptions_are_serialised():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: bad" in line["exc"]


def test_configure_logging_writes_json_lines_to_a_rotating_file(tmp_path):
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        configure_logging("INFO", tmp_path / "logs", "unit")
        with log_context(trace_id="abc"):
            logging.getLogger("salesboy.unit").info("written", extra={"n": 3})
        for handler in root.handlers:
            handler.flush()
        lines = (tmp_path / "logs" / "unit.log").read_text().splitlines()
        entry = json.loads(lines[-1])
        assert (entry["msg"], entry["trace_id"], entry["n"]) == ("written", "abc", 3)
        assert any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers)
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = saved


def test_litellm_per_call_chatter_is_off_but_its_warnings_are_kept():
    load_litellm()
    chatty = logging.getLogger("LiteLLM")
    assert not chatty.isEnabledFor(logging.INFO) and chatty.isEnabledFor(logging.WARNING)
