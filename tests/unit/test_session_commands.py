"""Session commands go to the queue of the host holding the tenant's lease; a query waits for that host."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest

from schemas.jobs import SessionCommand, SessionQuery
from services.adapters.session_commands import CelerySessionCommands
from tests.unit.handlers.fakes import FakePublisher


@dataclass
class FakeResult:
    """Celery's AsyncResult as the adapter uses it: the task's return value, then forgotten."""

    value: object
    waited: list = field(default_factory=list)
    forgotten: bool = False

    def get(self, timeout: float, propagate: bool):
        self.waited.append(timeout)
        if isinstance(self.value, Exception):
            raise self.value
        return self.value

    def forget(self) -> None:
        self.forgotten = True


@dataclass
class FakeCelery:
    value: object = None
    results: dict = field(default_factory=dict)  # task id -> FakeResult

    def AsyncResult(self, task_id: str) -> FakeResult:  # Celery's name
        return self.results.setdefault(task_id, FakeResult(self.value))


def _commands(owners: dict, value: object = None) -> tuple[CelerySessionCommands, FakePublisher, FakeCelery]:
    publisher, celery = FakePublisher(), FakeCelery(value)
    return CelerySessionCommands(publisher, celery, owners.get), publisher, celery  # type: ignore[arg-type]


def test_a_command_goes_to_the_lease_owner_or_to_any_host_when_none_holds_it():
    held, free = uuid.uuid4(), uuid.uuid4()
    commands, publisher, _ = _commands({held: "sessions.host-a"})
    commands.send(held, "stop")
    commands.send(free, "start")
    (first, _, first_queue), (second, _, second_queue) = publisher.sent
    assert isinstance(first, SessionCommand) and first.action == "stop" and first_queue == "sessions.host-a"
    assert isinstance(second, SessionCommand) and second.user_id == free and second_queue is None


def test_a_query_waits_a_bounded_time_for_the_running_host_and_forgets_the_result():
    user = uuid.uuid4()
    commands, publisher, celery = _commands({user: "sessions.host-a"}, value=[{"id": "g1"}])
    assert commands.ask(user, "groups", timeout=5) == [{"id": "g1"}]
    ((job, _, queue),) = publisher.sent
    assert isinstance(job, SessionQuery) and job.query == "groups" and queue == "sessions.host-a"
    result = celery.results[str(job.job_id)]
    assert result.waited == [5] and result.forgotten


def test_a_query_with_no_running_host_is_refused_without_publishing():
    commands, publisher, _ = _commands({})
    with pytest.raises(LookupError, match="not running"):
        commands.ask(uuid.uuid4(), "contacts")
    assert publisher.sent == []


def test_the_hosts_error_reaches_the_caller_and_the_result_is_still_forgotten():
    user = uuid.uuid4()
    commands, publisher, celery = _commands({user: "sessions.host-a"}, value=LookupError("not linked"))
    with pytest.raises(LookupError, match="not linked"):
        commands.ask(user, "pairing_code", phone="+2348000000000")
    ((job, _, _),) = publisher.sent
    assert celery.results[str(job.job_id)].forgotten
