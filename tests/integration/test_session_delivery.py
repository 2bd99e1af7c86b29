"""Replies handed to the session host: outbound.deliver publishes `sessions.send` to the host's own queue
and returns; the host sends through wa-js (real headless Chromium on the wa-js stand-in page) and the
outbox row carries the outcome. Jobs run through the real task wrapper (retry, give-up), in this process,
so a test can run a job again, kill the browser between two runs, or count the runs."""

from __future__ import annotations

import dataclasses
import shutil
import threading
import time
import uuid
from pathlib import Path

import pytest
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from schemas.jobs import DeliverReply, SendThroughSession
from services.adapters.celery_app import make_celery
from services.bootstrap import bootstrap
from services.handlers.messages import stuck_messages
from services.repositories.outbox import ReplyRow
from services.whatsapp.leases import SessionLeases
from services.whatsapp.transport import CLAIM_SECONDS
from tests.conftest import create_user, wait_for
from workers.base import ContainerHolder, define_stage

PAGE_DIR = Path(__file__).resolve().parents[1] / "fakes" / "whatsapp_web"
HOST_QUEUE = f"sessions.delivery-test-{uuid.uuid4().hex[:8]}"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]


class Recorder:
    """The publisher: keeps what is published (with its queue) for the test to run."""

    def __init__(self) -> None:
        self.jobs: list[tuple[object, str | None]] = []

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.jobs.append((job, queue))

    def take(self, kind):
        found = [(job, queue) for job, queue in self.jobs if isinstance(job, kind)]
        self.jobs = [(job, queue) for job, queue in self.jobs if not isinstance(job, kind)]
        return found


class Events:
    def __init__(self) -> None:
        self.seen: list[tuple[uuid.UUID, str, dict]] = []

    def publish(self, user_id, event, data) -> None:
        self.seen.append((user_id, event, data))

    def of(self, user_id, event):
        return [data for user, kind, data in self.seen if user == user_id and kind == event]


@pytest.fixture(scope="module")
def fake_whatsapp():
    app = SharedDataMiddleware(Response("not found", 404), {"/": str(PAGE_DIR)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()


@pytest.fixture
def stack(settings, fake_whatsapp, tmp_path):
    recorder, events = Recorder(), Events()
    settings = settings.model_copy(update={"whatsapp_web_url": fake_whatsapp,
                                           "session_profiles_dir": tmp_path / "profiles"})
    built = bootstrap(settings, database_url=settings.database_url, redis_url=settings.redis_url,
                      publisher=recorder, events=events, session_queue=HOST_QUEUE)
    host = built.session_host
    app = make_celery(settings, "memory://")
    app.conf.result_backend = "cache+memory://"
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = False
    runs: list[SendThroughSession] = []
    send = built.handlers[SendThroughSession]
    counted = dataclasses.replace(built, handlers={
        **built.handlers, SendThroughSession: lambda job: (runs.append(job), send(job))[1]})
    holder = ContainerHolder(lambda: counted)
    tasks = {kind: define_stage(app, kind, holder, returns_result=kind is SendThroughSession)
             for kind in (DeliverReply, SendThroughSession)}
    leases = SessionLeases(built.redis, HOST_QUEUE, 60)
    try:
        yield Stack(built, host, recorder, events, tasks, runs, leases)
    finally:
        host.close()
        built.close()


class Stack:
    def __init__(self, container, host, recorder, events, tasks, runs, leases):
        self.container, self.host, self.recorder, self.events = container, host, recorder, events
        self.tasks, self.runs, self.leases = tasks, runs, leases

    def linked(self, scan: bool = True) -> uuid.UUID:
        user = create_user(self.container)
        with self.container.tenant_uow(user) as uow:
            uow.tenants.ensure_defaults(user)
        self.host.start(user)
        wait_for(lambda: self.host.status(user) == "SCAN_QR_CODE", timeout=30, message="a QR")
        if scan:
            self.page(user)._script("window.__fake.scan();")
            wait_for(lambda: self.host.status(user) == "WORKING", timeout=30, message="linked")
        assert self.leases.acquire(user)
        return user

    def page(self, user):
        return self.host._live[user].browser

    def reply(self, user, chat_id: str, text: str) -> uuid.UUID:
        with self.container.tenant_uow(user) as uow:
            return uow.outbox.add_reply(user_id=user, reply_key=f"test:{uuid.uuid4()}", inbox_id=None,
                                        chat_id=chat_id,
                                        body=self.container.keyring.seal(text, tenant=user, chat=chat_id),
                                        trace_id=uuid.uuid4().hex)

    def deliver(self, user, outbox_id) -> list[SendThroughSession]:
        """Run outbound.deliver; the `sessions.send` jobs it handed over (each to this host's queue)."""
        self.tasks[DeliverReply].apply(kwargs={"payload": DeliverReply(user_id=user, outbox_id=outbox_id).payload()})
        handed = self.recorder.take(SendThroughSession)
        assert all(queue == HOST_QUEUE for _, queue in handed)
        return [job for job, _ in handed]

    def send(self, job: SendThroughSession):
        return self.tasks[SendThroughSession].apply(kwargs={"payload": job.payload()})

    def row(self, user, outbox_id) -> ReplyRow:
        with self.container.tenant_uow(user) as uow:
            return uow.outbox.reply(outbox_id)

    def sent_to(self, user, chat_id) -> list[dict]:
        return [m for m in self.page(user)._script("return window.__fake.sent();") if m["chatId"] == chat_id]

    def logged(self, user, chat_id) -> int:
        with self.container.tenant_uow(user) as uow:
            return uow.conn.execute("select count(*) from public.chat_logs where chat_id = %s and direction = "
                                    "'outbound'", [chat_id]).fetchone()[0]

    def failures(self, job) -> list[str]:
        with self.container.system_uow() as uow:
            return [r[0] for r in uow.conn.execute("select reason from public.job_failures where job_id = %s",
                                                   [str(job.job_id)]).fetchall()]


def test_a_handed_over_reply_reaches_the_phone_once_however_often_its_jobs_run(stack):
    user = stack.linked()
    chat = "2348011110001@c.us"
    outbox_id = stack.reply(user, chat, "We deliver to Accra in 3 days.")
    # The deliver job redelivered: two hand-overs of the same row.
    handed = stack.deliver(user, outbox_id) + stack.deliver(user, outbox_id)
    assert len(handed) == 2 and stack.row(user, outbox_id).status == "sending"
    ids = [stack.send(job).result for job in [*handed, handed[0]]]  # and one job redelivered on the host
    (sent,) = stack.sent_to(user, chat)
    assert sent["text"] == "We deliver to Accra in 3 days." and ids == [sent["id"]] * 3
    row = stack.row(user, outbox_id)
    assert (row.status, row.provider_message_id, row.last_error) == ("sent", sent["id"], None)
    assert stack.logged(user, chat) == 1
    assert [e["outbox_id"] for e in stack.events.of(user, "message.sent")] == [str(outbox_id)]
    assert stack.deliver(user, outbox_id) == []  # a sent row is never handed over again


def test_a_host_that_died_mid_send_is_covered_by_the_sweeper_without_a_second_send(stack):
    user = stack.linked()
    chat = "2348011110002@c.us"
    outbox_id = stack.reply(user, chat, "Your order ships today.")
    (job,) = stack.deliver(user, outbox_id)
    # The host took the job and WhatsApp took the message; then the host died before any bookkeeping
    # (no Redis marker, the row still `sending`), its browser with it.
    first_id = stack.host.send_text(user, chat, "Your order ships today.", key=str(job.outbox_id))
    time.sleep(5)  # Chromium writes localStorage to disk a few seconds after a change
    stack.page(user).kill_browser()
    wait_for(lambda: stack.host.status(user) == "STARTING", timeout=30, message="the crash to be noticed")
    wait_for(lambda: stack.host.status(user) == "WORKING", timeout=60, message="the browser back, linked")

    # Past the deadline (here: a second, and the row was handed over more than five ago) the sweeper hands
    # the row over again.
    with stack.container.system_uow() as uow:
        resent = [j for j in stuck_messages(1, 5)(uow) if getattr(j, "outbox_id", None) == outbox_id]
    assert [type(j) for j in resent] == [DeliverReply]
    (again,) = stack.deliver(user, outbox_id)
    assert stack.send(again).result == first_id
    assert len(stack.sent_to(user, chat)) == 1
    row = stack.row(user, outbox_id)
    assert (row.status, row.provider_message_id) == ("sent", first_id)
    assert stack.logged(user, chat) == 1


def test_a_permanent_refusal_fails_the_row_once_without_retries(stack):
    user = stack.linked()
    chat = "2348011110003@c.us"
    stack.page(user)._script("window.__fake.notOnWhatsApp(arguments[0]);", chat)
    outbox_id = stack.reply(user, chat, "Hello?")
    (job,) = stack.deliver(user, outbox_id)
    assert not stack.send(job).successful()
    assert stack.runs.count(job) == 1  # not retried
    row = stack.row(user, outbox_id)
    assert row.status == "failed" and "Chat not found for 2348011110003@c.us" in row.last_error
    assert row.attempts == 1
    (reason,) = stack.failures(job)
    assert "chat_not_found" in reason or "Chat not found" in reason
    assert stack.sent_to(user, chat) == [] and stack.logged(user, chat) == 0
    assert stack.deliver(user, outbox_id) == []  # a failed row stays failed


def test_a_session_that_is_not_linked_fails_the_row_with_the_reason(stack):
    user = stack.linked(scan=False)
    outbox_id = stack.reply(user, "2348011110004@c.us", "Hello?")
    (job,) = stack.deliver(user, outbox_id)
    assert not stack.send(job).successful()
    assert stack.runs.count(job) == 1
    row = stack.row(user, outbox_id)
    assert row.status == "failed" and "not linked" in row.last_error


def test_a_redelivered_send_leaves_the_row_to_the_attempt_sending_it(stack):
    user = stack.linked()
    chat = "2348011110005@c.us"
    outbox_id = stack.reply(user, chat, "On its way.")
    (job,) = stack.deliver(user, outbox_id)
    # Another attempt (the first delivery of this job, on a host that may have died) is sending it now.
    claim = f"salesboy:send-claim:{outbox_id}"
    stack.container.redis.set(claim, "someone else", ex=CLAIM_SECONDS)
    try:
        result = stack.send(job)
        assert result.successful() and result.result is None
        assert stack.runs.count(job) == 1 and stack.failures(job) == []
        assert stack.sent_to(user, chat) == [] and stack.row(user, outbox_id).status == "sending"
    finally:
        stack.container.redis.delete(claim)
    # Once the claim is gone (sent, or run out), the sweeper's next hand-over sends it, once.
    (again,) = stack.deliver(user, outbox_id)
    assert stack.send(again).successful()
    assert len(stack.sent_to(user, chat)) == 1 and stack.row(user, outbox_id).status == "sent"


def test_a_rest_send_whose_request_died_is_failed_by_the_sweeper_not_resent(stack):
    user = create_user(stack.container)
    chat = "2348011110006@c.us"
    with stack.container.tenant_uow(user) as uow:
        # As services/whatsapp/media.py leaves it when the API process dies while waiting for the host.
        outbox_id = uow.outbox.add_reply(user_id=user, reply_key=f"api:{uuid.uuid4()}", inbox_id=None,
                                         chat_id=chat, body=stack.container.keyring.seal("Price list", tenant=user,
                                                                                          chat=chat),
                                         trace_id=uuid.uuid4().hex)
        uow.outbox.set_reply(outbox_id, status="sending", count_attempt=True)
    time.sleep(1.5)
    with stack.container.system_uow() as uow:
        resent = [j for j in stuck_messages(1, 5)(uow) if getattr(j, "outbox_id", None) == outbox_id]
    assert resent == []  # a resend through outbound.deliver would send the caption without its file
    row = stack.row(user, outbox_id)
    assert row.status == "failed" and "request ended" in row.last_error
