"""`python -m workers worker`: what it hands Celery, and how it shares the cores out."""

import os

import pytest
from click.testing import CliRunner

from workers import __main__ as worker_cli


class RecordingApp:
    def __init__(self) -> None:
        self.argv: list[str] = []
        self.threads: str | None = None

    def worker_main(self, argv: list[str]) -> None:
        self.argv = argv
        self.threads = os.environ.get("OMP_NUM_THREADS")


@pytest.fixture
def app(monkeypatch, tmp_path):
    monkeypatch.setenv("SALESBOY_ENV", "test")
    monkeypatch.setenv("SALESBOY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("OMP_NUM_THREADS", "recorded")  # so that what the command sets is undone after the test
    monkeypatch.delenv("OMP_NUM_THREADS")
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    recording = RecordingApp()
    monkeypatch.setattr(worker_cli, "_app", lambda settings, name, session_queue=None: recording)
    return recording


def _run(*args: str) -> None:
    result = CliRunner().invoke(worker_cli.main, ["worker", *args])
    assert result.exit_code == 0, result.output


def test_prefork_processes_share_the_cores_for_their_models(app):
    _run("--queues", "inbound,rag", "--pool", "prefork", "--concurrency", "2")
    assert app.threads == "2"
    assert app.argv[app.argv.index("--pool") + 1] == "prefork"
    assert app.argv[app.argv.index("--concurrency") + 1] == "2"


def test_more_processes_than_cores_still_get_a_thread_each(app):
    _run("--queues", "inbound", "--pool", "prefork", "--concurrency", "8")
    assert app.threads == "1"


def test_an_explicit_thread_count_wins(app, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    _run("--queues", "inbound", "--pool", "prefork", "--concurrency", "2")
    assert app.threads == "3"


def test_one_process_pools_keep_every_core(app):
    _run("--queues", "inbound", "--pool", "solo")
    assert app.threads is None

