"""The child process that reads an upload for `extract_isolated`: caps itself, reads the file on stdin, prints one
JSON line (the document's fields, or the error a business owner reads).

It imports the readers and nothing else (no pydantic, no settings): its start is part of every document's
extraction, and the parent validates what it prints.
"""

from __future__ import annotations

import json
import resource
import sys

from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError, read_document


def _limit_self(limits: ExtractionLimits, start_seconds: float) -> None:
    # The child caps itself first thing (a preexec hook is unsafe in a threaded worker). CPU time ends it
    # with SIGXCPU; the address-space cap turns a runaway allocation into a MemoryError it reports.
    cpu = max(1, int(limits.max_seconds + start_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    cap = limits.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _too_big(limits: ExtractionLimits) -> str:
    return (f"Reading this file needed more than {limits.max_memory_mb} MB of memory; "
            "split it into smaller files.")


def read(mime_type: str, limits_json: str, start_seconds: str) -> dict:
    limits = ExtractionLimits(**json.loads(limits_json))
    _limit_self(limits, float(start_seconds))
    data = sys.stdin.buffer.read()
    try:
        return {"document": read_document(data, mime_type, limits)}
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
    sys.stdout.write(json.dumps(read(*sys.argv[1:4])) + "\n")
