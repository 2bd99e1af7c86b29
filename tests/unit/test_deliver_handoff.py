"""outbound.deliver hands a reply for a linked WhatsApp to its session host and returns: it publishes
one job to that host's queue and waits on nothing; the typing pause is the broker's countdown."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from schemas.jobs import DeliverReply, SendThroughSession
from services.handlers import messages


class Tripwire:
    """What a publisher hands back in this test: touching it (`.get(`, `.wait(`) means someone waited."""

    def __getattr__(self, name):
        raise AssertionError(f"deliver used the publish result ({name}): a task must not wait on another")


@dataclass
class FakePublisher:
    published: list = field(default_factory=list)

    def publish(self, job, countdown: float = 0, queue: str | None = None):
        self.published.append((job, countdown, queue))
        return Tripwire()


class FakeRepo:
    def __init__(self, rows):
        self.rows = rows
        self.claims = 0

    def start_sending(self, outbox_id):
        row = self.rows.get(outbox_id)
        if row is None or row["status"] not in ("pending", "sending"):
            return None
        self.claims += 1
        row.update(status="sending", attempts=row["attempts"] + 1)
        return SimpleNamespace(**row)  # read as the outbox's ReplyRow is, by attribute

    def add_reply(self, **values):
        outbox_id = uuid.uuid4()
        self.rows[outbox_id] = {"id": outbox_id, "status": "pending", "attempts": 0, **values}
        return outbox_id


class FakeUow:
    """Publishes what it collected once the `with` block ends cleanly, as the real unit of work does."""

    def __init__(self, repo, publisher):
        self.outbox = repo
        self._publisher = publisher
        self._pending = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            for job, countdown, queue in self._pending:
                self._publisher.publish(job, countdown=countdown, queue=queue)

    def publish_after_commit(self, job, countdown: float = 0, queue: str | None = None):
        self._pending.append((job, countdown, queue))


class NoTransport:
    def send_text(self, *args):
        raise AssertionError("a reply for a linked WhatsApp must go to its session host")


class NoKeyring:
    def open(self, *args, **kwargs):
        raise AssertionError("the reply's text stays sealed: the host reads it from the row")

    def seal(self, text, *, tenant, chat):
        return ("sealed", text)


def _deps(repo, publisher, owner):
    return messages.MessageDeps(
        tenant_uow=lambda _user: FakeUow(repo, publisher), keyring=NoKeyring(), embedder=None, vectors=None,
        chat=None, transport=NoTransport(), events=None, intent_heads=None, typing_delay_ms_per_char=15.0,
        typing_delay_max_seconds=4.0, task_rules=None, session_owner=lambda _user: owner)


def test_deliver_publishes_one_job_to_the_owning_host_and_waits_on_nothing():
    user, outbox_id = uuid.uuid4(), uuid.uuid4()
    repo = FakeRepo({outbox_id: {"id": outbox_id, "user_id": user, "chat_id": "2348011111111@c.us",
                                 "status": "pending", "attempts": 0, "inbox_id": None}})
    publisher = FakePublisher()
    job = DeliverReply(user_id=user, outbox_id=outbox_id)
    assert messages.deliver(job, deps=_deps(repo, publisher, "sessions.host-a")) is None
    ((sent, countdown, queue),) = publisher.published
    assert isinstance(sent, SendThroughSession)
    assert (sent.user_id, sent.outbox_id, sent.trace_id, sent.media_path) == (user, outbox_id, job.trace_id, None)
    assert queue == "sessions.host-a" and countdown == 0
    assert repo.rows[outbox_id]["status"] == "sending"  # the row is the result: the host marks it

    # The deliver job redelivered: handed over again (the host sends once per outbox id); a sent row is left.
    messages.deliver(job, deps=_deps(repo, publisher, "sessions.host-a"))
    assert len(publisher.published) == 2 and repo.claims == 2
    repo.rows[outbox_id]["status"] = "sent"
    messages.deliver(job, deps=_deps(repo, publisher, "sessions.host-a"))
    assert len(publisher.published) == 2


def test_the_typing_pause_is_a_countdown_on_the_delivery_not_a_sleep():
    user, inbox_id = uuid.uuid4(), uuid.uuid4()
    repo, publisher = FakeRepo({}), FakePublisher()
    deps = _deps(repo, publisher, None)
    row = SimpleNamespace(user_id=user, chat_id="2348011111111@c.us", id=inbox_id, trace_id="a" * 32)
    with deps.tenant_uow(user) as uow:
        messages._add_reply(deps, uow, row, "x" * 100, f"{inbox_id}:0", then=[])
        messages._add_reply(deps, uow, row, "x" * 1000, f"{inbox_id}:1", then=[])
    (first, first_pause, first_queue), (_second, second_pause, _) = publisher.published
    assert isinstance(first, DeliverReply) and first_queue is None  # the routing table places deliver
    assert first_pause == 1.5 and second_pause == 4.0  # 15 ms a character, at most 4 s
    assert not hasattr(messages.MessageDeps, "sleep")


def test_every_enqueue_goes_through_the_publisher_and_no_task_waits_on_another():
    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("services/**/*.py"), *root.glob("workers/*.py")]:
        text = path.read_text()
        assert "disable_sync_subtasks" not in text, path  # the escape hatch for waiting inside a task
        if path.name != "celery_app.py":  # the publisher itself
            assert "send_task(" not in text, f"{path}: publish through the Publisher port"
