"""Read an uploaded file in a child process with hard time and memory limits.

Parsers for PDF, Word, Excel and HTML can be driven into near-endless work or huge allocations by a
hostile or broken file (a deeply nested HTML page kept a worker busy for minutes). Their own deadline
checks only run between pages or elements, so the reading happens in a child process: the kernel caps its
address space and CPU time, and the parent kills it at the wall-clock deadline. A worker process is never
held longer than the limit, whatever the file does.

The child is `python -m services.adapters.extract_isolated MIME LIMITS_JSON`, the file on stdin, one JSON line on
stdout: the extracted document, or the error a business owner reads.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from schemas.kb import ExtractedDocument
from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError, extract

FileReader = Callable[[bytes, str, ExtractionLimits], ExtractedDocument]
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Interpreter start and the parsers' imports, on top of the reading time the owner's limit allows.
_START_SECONDS = 15.0


def extract_isolated(data: bytes, mime_type: str, limits: ExtractionLimits, *,
                     start_seconds: float = _START_SECONDS) -> ExtractedDocument:
    """What `extract` returns, read in a child process; the same errors, plus the limits' own.
    `start_seconds`: allowed on top of `limits.max_seconds` for the interpreter to start."""
    argv = [sys.executable, "-m", "services.adapters.extract_isolated", mime_type,
            json.dumps(dataclasses.asdict(limits)), str(start_seconds)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_PROJECT_ROOT),
                                                                      os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(argv, input=data, capture_output=True, env=env, cwd=_PROJECT_ROOT,
                              timeout=limits.max_seconds + start_seconds, check=False)
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise ExtractionError(_too_slow(limits)) from exc
    return _result(done, limits)


def _limit_self(limits: ExtractionLimits, start_seconds: float) -> None:
    # The child caps itself first thing (a preexec hook is unsafe in a threaded worker). CPU time ends it
    # with SIGXCPU; the address-space cap turns a runaway allocation into a MemoryError it reports.
    cpu = max(1, int(limits.max_seconds + start_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    cap = limits.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


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


def _too_big(limits: ExtractionLimits) -> str:
    return (f"Reading this file needed more than {limits.max_memory_mb} MB of memory; "
            "split it into smaller files.")


def _child(mime_type: str, limits_json: str, start_seconds: str) -> dict:
    limits = ExtractionLimits(**json.loads(limits_json))
    _limit_self(limits, float(start_seconds))
    data = sys.stdin.buffer.read()
    try:
        return {"document": extract(data, mime_type, limits).model_dump(mode="json")}
    except UnsupportedTypeError as exc:
        return {"kind": "unsupported", "error": str(exc)}
    except ExtractionError as exc:
        return {"kind": "unreadable", "error": str(exc)}
    except MemoryError:
        return {"kind": "unreadable", "error": _too_big(limits)}
    except RecursionError:
        return {"kind": "unreadable", "error": "This file is nested too deeply to be read; save it in a "
                                               "simpler form (for example as plain text or PDF)."}


if __name__ == "__main__":
    result = _child(*sys.argv[1:4])
    sys.stdout.write(json.dumps(result) + "\n")
