"""Read an uploaded file in a child process with hard time and memory limits.

Parsers for PDF, Word, Excel and HTML can be driven into near-endless work or huge allocations by a
hostile or broken file (a deeply nested HTML page kept a worker busy for minutes). Their own deadline
checks only run between pages or elements, so the reading happens in a child process: the kernel caps its
address space and CPU time, and the parent kills it at the wall-clock deadline. A worker process is never
held longer than the limit, whatever the file does.

The child is `python -m services.adapters.extract_child MIME LIMITS_JSON START_SECONDS`, the file on stdin, one
JSON line on stdout: the extracted document's fields, or the error a business owner reads. It imports only the
readers (no pydantic), so it starts in about a tenth of a second; the document is validated here.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from schemas.kb import ExtractedDocument
from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError

FileReader = Callable[[bytes, str, ExtractionLimits], ExtractedDocument]
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Interpreter start and the parsers' imports, on top of the reading time the owner's limit allows.
_START_SECONDS = 15.0


def extract_isolated(data: bytes, mime_type: str, limits: ExtractionLimits, *,
                     start_seconds: float = _START_SECONDS) -> ExtractedDocument:
    """What `extract` returns, read in a child process; the same errors, plus the limits' own.
    `start_seconds`: allowed on top of `limits.max_seconds` for the interpreter to start."""
    argv = [sys.executable, "-m", "services.adapters.extract_child", mime_type,
            json.dumps(dataclasses.asdict(limits)), str(start_seconds)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_PROJECT_ROOT),
                                                                      os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(argv, input=data, capture_output=True, env=env, cwd=_PROJECT_ROOT,
                              timeout=limits.max_seconds + start_seconds, check=False)
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise ExtractionError(_too_slow(limits)) from exc
    return _result(done, limits)


def _result(done: subprocess.CompletedProcess, limits: ExtractionLimits) -> ExtractedDocument:
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ExtractionError(_too_slow(limits))
    try:
        answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (IndexError, ValueError, UnicodeDecodeError) as exc:
        stderr = done.stderr.decode(errors="replace").strip()[-300:]
        raise RuntimeError(f"the file reader exited with code {done.returncode}: {stderr}") from exc
    if "document" in answer:
        return ExtractedDocument.model_validate(answer["document"])
    kind = {"unsupported": UnsupportedTypeError, "unreadable": ExtractionError}.get(answer.get("kind"))
    if kind is None:
        raise RuntimeError(f"the file reader failed: {answer.get('error')}")
    raise kind(answer["error"])


def _too_slow(limits: ExtractionLimits) -> str:
    return (f"Reading this file took longer than {limits.max_seconds:g} seconds; "
            "split it into smaller files.")
