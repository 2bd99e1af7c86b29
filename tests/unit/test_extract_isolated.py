"""Reading a file in a child process with hard limits (services/adapters/extract_isolated.py): the same results and
errors as reading it in-process, and a file that would hold a worker for minutes is stopped at the limit."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.adapters.extract import ExtractionError, ExtractionLimits, UnsupportedTypeError, extract
from services.adapters.extract_isolated import extract_isolated

FAQ = b"# Delivery\n\nWe deliver to Accra in 2 days.\n\n## Prices\n\nA 250 g bag costs 13.90 EUR.\n"


def test_a_document_reads_the_same_as_in_process():
    limits = ExtractionLimits()
    assert extract_isolated(FAQ, "text/markdown", limits) == extract(FAQ, "text/markdown", limits)


def test_the_reading_child_starts_without_pydantic():
    # Importing pydantic was most of a small file's extraction (0.2-0.45 s a document); the parent validates.
    probe = ("import sys, services.adapters.extract_child; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'schemas')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]"


def test_the_readers_own_errors_come_back_with_their_type_and_message():
    with pytest.raises(UnsupportedTypeError, match="image/png is not supported"):
        extract_isolated(b"\x89PNG....", "image/png", ExtractionLimits())
    with pytest.raises(ExtractionError, match="could not be read; it may be damaged"):
        extract_isolated(b"%PDF-1.7\nnot really a pdf", "application/pdf", ExtractionLimits())


def test_a_file_needing_more_memory_than_allowed_is_refused_with_the_reason():
    rows = "product,price,notes\n" + "".join(f"item {i},{i}.90,{'x' * 80}\n" for i in range(300_000))
    with pytest.raises(ExtractionError, match="needed more than 256 MB of memory"):
        extract_isolated(rows.encode(), "text/csv", ExtractionLimits(max_memory_mb=256))


def test_a_deeply_nested_page_is_stopped_at_the_time_limit():
    # In-process, this page keeps the HTML reader busy for many minutes: its deadline is only checked
    # between elements, and there is one element.
    depth = 200_000
    page = ("<html><body>" + "<div>" * depth + "price 13.90" + "</div>" * depth + "</body></html>").encode()
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="took longer than 1 seconds"):
        extract_isolated(page, "text/html", ExtractionLimits(max_seconds=1), start_seconds=3)
    assert time.monotonic() - started < 15
