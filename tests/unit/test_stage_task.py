"""The task wrapper's retry/record logic, run eagerly with fakes for the container."""

import uuid
from dataclasses import dataclass, field

import pytest
from celery.exceptions import Reject

from schemas.jobs import ProvisionTenant, SweepStuck
from services.adapters.celery_app import make_celery
from services.core.errors import TransientError
from services.handlers.sweeper import sweep
from services.repositories.db import PublishAfterCommitError
from tests.conftest import make_settings
from workers.base import ContainerHolder, define_stage


class FakeJobFailures:
    def __init__(self, store):
        self.store = store

    def record(self, **kwargs):
        self.store.append(kwargs)


@dataclass
class FakeUow:
    store: list

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    @property
    def job_failures(self):
        return FakeJobFailures(self.store)


@dataclass
class FakeContainer:
    settings: object
    outcomes: list
    failures: list = field(default_factory=list)
    given_up: list = field(default_factory=list)
    calls: int = 0
    closed: bool = False

    def handle(self, job, *, redelivered=False):
        self.calls += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def system_uow(self):
        return FakeUow(self.failures)

    def close(self):
        self.closed = True

    def give_up(self, job, error):
        self.given_up.append((job, error))


@pytest.fixture
def harness(tmp_path):
    settings = make_settings(tmp_path, TASK_MAX_RETRIES=2)
    app = make_celery(settings, "memory://")
    app.conf.result_backend = "cache+memory://"
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = False

    def build(outcomes):
        fake = FakeContainer(settings, list(outcomes))
        holder = ContainerHolder(lambda: fake)
        return define_stage(app, ProvisionTenant, holder), fake

    return build


def payload():
    return ProvisionTenant(user_id=uuid.uuid4()).payload()


def test_success_runs_the_handler_once(harness):
    task, fake = harness([True])
    assert task.apply(kwargs={"payload": payload()}).successful()
    assert fake.calls == 1 and fake.failures == []


def test_transient_failure_is_retried_then_succeeds(harness):
    task, fake = harness([TransientError("503"), ConnectionError("reset"), True])
    task.apply(kwargs={"payload": payload()})
    assert fake.calls == 3 and fake.failures == []


def test_transient_failures_past_the_limit_are_recorded(harness):
    task, fake = harness([TransientError("503")] * 3)
    task.apply(kwargs={"payload": payload()})
    assert fake.calls == 3
    assert len(fake.failures) == 1 and "gave up after 3 attempts" in fake.failures[0]["reason"]
    assert [type(e) for _, e in fake.given_up] == [TransientError]


@pytest.mark.parametrize("limit", [0, 5, 7])
def test_the_retry_limit_is_the_configured_one_not_celerys_default(tmp_path, limit):
    settings = make_settings(tmp_path, TASK_MAX_RETRIES=limit)
    app = make_celery(settings, "memory://")
    app.conf.result_backend = "cache+memory://"
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = False
    fake = FakeContainer(settings, [TransientError("n8n down")] * (limit + 1))
    task = define_stage(app, ProvisionTenant, ContainerHolder(lambda: fake))
    task.apply(kwargs={"payload": payload()})
    assert fake.calls == limit + 1
    assert len(fake.failures) == 1 and f"gave up after {limit + 1} attempts" in fake.failures[0]["reason"]
    assert len(fake.given_up) == 1


def test_permanent_failure_is_recorded_at_once(harness):
    task, fake = harness([KeyError("missing row")])
    assert isinstance(task.apply(kwargs={"payload": payload()}).result, KeyError)
    assert fake.calls == 1
    assert "KeyError" in fake.failures[0]["reason"]
    assert len(fake.given_up) == 1


def test_a_committed_stage_whose_next_enqueue_failed_is_left_for_the_sweeper(harness):
    unsent = [ProvisionTenant(user_id=uuid.uuid4())]
    task, fake = harness([PublishAfterCommitError(unsent, ConnectionError("broker down"))])
    assert task.apply(kwargs={"payload": payload()}).successful()
    # Not retried (the work is committed), not recorded as failed, not given up: the row waits for the sweeper.
    assert fake.calls == 1 and fake.failures == [] and fake.given_up == []


def test_invalid_payload_is_rejected_without_calling_the_handler(harness):
    task, fake = harness([True])
    result = task.apply(kwargs={"payload": {"user_id": 42, "extra": "x"}})
    assert isinstance(result.result, Reject) and result.result.requeue is False
    assert fake.calls == 0
    assert fake.failures[0]["reason"].startswith("invalid payload")


def test_non_dict_payload_is_recorded_safely(harness):
    task, fake = harness([True])
    assert isinstance(task.apply(kwargs={"payload": ["not", "a", "dict"]}).result, Reject)
    assert fake.failures[0]["payload"] == {"raw": "['not', 'a', 'dict']"}


def test_container_holder_builds_once_and_resets():
    built = []

    def factory():
        built.append(FakeContainer(None, []))
        return built[-1]

    holder = ContainerHolder(factory)
    assert holder.get() is holder.get()
    holder.reset()
    assert built[0].closed
    assert holder.get() is built[1]


def test_sweeper_resends_what_each_finder_returns():
    class Uow:
        def __init__(self):
            self.queued = []

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            sent.extend(self.queued)

        def publish_after_commit(self, job, countdown=0):
            self.queued.append(job)

    sent: list = []
    stuck = [ProvisionTenant(user_id=uuid.uuid4()) for _ in range(3)]

    def stuck_inbox(uow):
        return stuck[:2]

    def stuck_outbox(uow):
        return stuck[2:]

    def nothing(uow):
        return []

    assert sweep(SweepStuck(), system_uow=Uow, finders=[stuck_inbox, nothing, stuck_outbox]) == 3
    assert sent == stuck
