"""A real worker on the `mail` queue, sending through a local SMTP server the test reads.

One per test run, shared by every test that needs account emails (two consumers of
the `mail` queue would split the emails between them): `MailWorker.shared(...)` starts
it on first use and stops it when its last user is done.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from celery import Celery

from tests.conftest import WorkerProcess, subprocess_env, wait_for
from tests.fakes.smtp_server import FakeSmtp


@dataclass(frozen=True)
class ReceivedEmail:
    to: str
    subject: str
    body: str  # decoded, as a mail client shows it (long lines arrive quoted-printable)


class Inbox:
    """What the SMTP server accepted, by recipient."""

    def __init__(self, smtp: FakeSmtp) -> None:
        self._smtp = smtp

    def to(self, address: str) -> list[ReceivedEmail]:
        return [ReceivedEmail(m["To"], m["Subject"], m.get_payload(decode=True).decode())
                for m in list(self._smtp.messages) if m["To"].lower() == address.lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 30.0) -> ReceivedEmail:
        """The `count`-th email to `address` (waits for the worker to send it)."""
        found = wait_for(lambda: len(self.to(address)) >= count and self.to(address), timeout=timeout,
                         message=f"email #{count} to {address}")
        return found[count - 1]


class MailWorker:
    _running: MailWorker | None = None
    _users = 0

    def __init__(self, database_url: str, redis_url: str, data_dir: Path, **env: str) -> None:
        self.smtp = FakeSmtp()
        self.inbox = Inbox(self.smtp)
        self._args = (database_url, redis_url, data_dir)
        self._work_dir = Path(tempfile.mkdtemp(prefix="salesboy-test-mail-"))
        self._process: WorkerProcess | None = None
        self.start(**env)

    def start(self, **env: str) -> None:
        database_url, redis_url, data_dir = self._args
        values = subprocess_env(**{
            "SALESBOY_ENV": "test", "SALESBOY_DATA_DIR": str(data_dir), "DATABASE_URL": database_url,
            "REDIS_URL": redis_url, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.smtp.port),
            "SMTP_STARTTLS": "false", "TASK_RETRY_BASE_SECONDS": "0.05", "TASK_RETRY_CAP_SECONDS": "0.2",
            "TASK_MAX_RETRIES": "2", **env})
        self._process = process = WorkerProcess(values, self._work_dir, "mail", self._work_dir / "mail-worker.log")
        name = process.process.args[-1]
        probe = Celery(broker=redis_url, set_as_current=False)
        try:
            wait_for(lambda: process.process.poll() is not None or probe.control.ping(destination=[name], timeout=0.5),
                     timeout=60, message="the mail worker to answer a ping")
        finally:
            probe.close()
        if process.process.poll() is not None:
            raise RuntimeError(f"mail worker exited early:\n{process.log_text()}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.stop()
            self._process = None

    @contextlib.contextmanager
    def configured(self, **env: str) -> Iterator[MailWorker]:
        """The same worker restarted with more settings (e.g. another accounts backend), then restored."""
        self.stop()
        self.start(**env)
        try:
            yield self
        finally:
            self.stop()
            self.start()

    def log_text(self) -> str:
        return self._process.log_text() if self._process else ""

    @classmethod
    @contextlib.contextmanager
    def shared(cls, database_url: str, redis_url: str, data_dir: Path) -> Iterator[MailWorker]:
        if cls._running is None:
            cls._running = cls(database_url, redis_url, data_dir)
        cls._users += 1
        try:
            yield cls._running
        finally:
            cls._users -= 1
            if cls._users == 0:
                running, cls._running = cls._running, None
                running.stop()
                running.smtp.stop()
                shutil.rmtree(running._work_dir, ignore_errors=True)
