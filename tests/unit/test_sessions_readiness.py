"""Readiness counts consumers per queue; session failures are told in the owner's words."""

from __future__ import annotations

from pipelines.session_status import BROWSER_LOST, UNREACHABLE, describe_failure, retrying, status_text
from schemas.queues import QUEUES
from services.runtime.health import check_workers


class FakeInspect:
    def __init__(self, replies):
        self._replies = replies

    def active_queues(self):
        return self._replies


class FakeControl:
    def __init__(self, replies):
        self._replies = replies

    def inspect(self, timeout):
        return FakeInspect(self._replies)


class FakeCelery:
    """Celery's `control.inspect().active_queues()` answer shape: worker name -> queue descriptions."""

    def __init__(self, replies):
        self.control = FakeControl(replies)


def _queues(*names):
    return [{"name": name, "exchange": {"name": name}, "routing_key": name} for name in names]


def test_green_only_when_every_queue_has_a_consumer():
    sessions_only = FakeCelery({"sessions@host": _queues("sessions", "sessions.host")})
    status = check_workers(sessions_only, 2.0)
    assert not status.ok
    assert status.detail == "RuntimeError: no worker consumes queue(s): " + ", ".join(q for q in QUEUES
                                                                                     if q != "sessions")
    everything = FakeCelery({"sessions@host": _queues("sessions"),
                             "worker@host": _queues(*[q for q in QUEUES if q != "sessions"])})
    status = check_workers(everything, 2.0)
    assert status.ok and status.detail == "2 worker(s) consume every queue: sessions@host, worker@host"
    assert not check_workers(FakeCelery(None), 2.0).ok


def test_session_failures_in_plain_words():
    raw = "WebDriverException: unknown error: net::ERR_NAME_NOT_RESOLVED\n  (Session info: chrome=156.0)"
    assert describe_failure("lost", raw) == UNREACHABLE
    assert describe_failure("start", "ProtocolError: Connection aborted") != UNREACHABLE
    assert describe_failure("lost", "MaxRetryError: HTTPConnectionPool(host='localhost', port=4444)") == BROWSER_LOST
    assert "Traceback" not in describe_failure("unexpected", "Traceback (most recent call last): ...")
    assert retrying(BROWSER_LOST, 0.4).endswith("Trying again in 1 s.")
    assert status_text("WORKING") == "WhatsApp is linked and Salesboy is answering messages."
