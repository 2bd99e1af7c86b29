"""maintenance.sweep and its finders: rows stuck past their deadline get their next job again (counted), rows
that keep getting stuck are failed with a reason, and fresh rows are left alone."""

from __future__ import annotations

import uuid

import httpx
import pytest

from schemas.jobs import ChunkDocument, ClassifyIntent, DeliverReply, DispatchTask, FilterInbound, SweepStuck
from services.adapters.egress import EgressPolicy, parse_allowlist
from services.adapters.extract import ExtractionLimits, extract
from services.core.crypto import seal_task_payload
from services.handlers import dispatch, ingest
from services.handlers.messages import API_SEND_PREFIX, stuck_messages
from services.handlers.sweeper import SweepFailed, sweep
from services.usecases.tasks import TaskRules
from tests.unit.handlers.fakes import FakeMailer
from tests.unit.handlers.support import customer_says

STUCK_AFTER = 60


def _find(backend, finder) -> list:
    with backend.system_uow() as uow:
        return finder(uow)


def _reply(backend, keyring, tenant, key: str, status: str = "sending") -> dict:
    with backend.tenant_uow(tenant) as uow:
        outbox_id = uow.outbox.add_reply(user_id=tenant, reply_key=key, inbox_id=None, chat_id="1@c.us",
                                         body=keyring.seal("hi", tenant=tenant, chat="1@c.us"), trace_id="0" * 32)
    backend.db.outbox[outbox_id]["status"] = status
    return backend.db.outbox[outbox_id]


def test_stuck_messages_get_their_next_job_and_an_attempt_counted(backend, keyring, tenant) -> None:
    received = customer_says(backend, keyring, tenant, "a", status="received")
    filtered = customer_says(backend, keyring, tenant, "b", status="filtered")
    worn_out = customer_says(backend, keyring, tenant, "c", status="classified", attempts=3)
    done = customer_says(backend, keyring, tenant, "d", status="answered")
    backend.db.clock.advance(STUCK_AFTER + 1)
    fresh = customer_says(backend, keyring, tenant, "e", status="filtered")
    jobs = _find(backend, stuck_messages(STUCK_AFTER, max_attempts=3))
    assert {(type(j), j.inbox_id) for j in jobs} == {(FilterInbound, received["id"]), (ClassifyIntent, filtered["id"])}
    assert backend.db.inbox[filtered["id"]]["attempts"] == 1
    assert backend.db.inbox[filtered["id"]]["updated_at"] == backend.db.clock.now  # its clock starts again
    assert (backend.db.inbox[worn_out["id"]]["status"], backend.db.inbox[worn_out["id"]]["decision_reason"]) == (
        "failed", "gave up: kept getting stuck")
    assert backend.db.inbox[done["id"]]["status"] == "answered"
    assert backend.db.inbox[fresh["id"]]["attempts"] == 0
    assert _find(backend, stuck_messages(STUCK_AFTER, max_attempts=3)) == []  # not again until the deadline


def test_stuck_replies_are_delivered_again_except_rest_sends(backend, keyring, tenant) -> None:
    stuck = _reply(backend, keyring, tenant, "x:0")
    pending = _reply(backend, keyring, tenant, "y:0", status="pending")
    worn_out = _reply(backend, keyring, tenant, "z:0")
    worn_out["attempts"] = 5
    api = _reply(backend, keyring, tenant, f"{API_SEND_PREFIX}123")
    sent = _reply(backend, keyring, tenant, "s:0", status="sent")
    backend.db.clock.advance(STUCK_AFTER + 1)
    jobs = _find(backend, stuck_messages(STUCK_AFTER, max_attempts=5))
    assert sorted(j.outbox_id for j in jobs if isinstance(j, DeliverReply)) == sorted([stuck["id"], pending["id"]])
    assert stuck["attempts"] == 1
    assert (worn_out["status"], worn_out["last_error"]) == ("failed", "gave up: kept getting stuck")
    assert (api["status"], api["last_error"]) == ("failed", "the sending request ended before WhatsApp answered")
    assert sent["status"] == "sent"


def test_stuck_documents_resume_at_their_stage(backend, tenant, storage, embedder, vectors, events) -> None:
    deps = ingest.IngestDeps(tenant_uow=backend.tenant_uow, storage=storage, embedder=embedder, vectors=vectors,
                             events=events, limits=ExtractionLimits(), chunk_max_tokens=50, chunk_overlap_tokens=5,
                             chunks_per_job=2, read_file=extract)
    embedding = backend.db.add_document(user_id=tenant, filename="a.txt", mime_type="text/plain",
                                        storage_path="a", status="embedding")
    backend.db.add_document(user_id=tenant, filename="b.txt", mime_type="text/plain", storage_path="b",
                            status="ready")
    assert _find(backend, ingest.stuck_documents(deps, STUCK_AFTER)) == []
    backend.db.clock.advance(STUCK_AFTER + 1)
    [job] = _find(backend, ingest.stuck_documents(deps, STUCK_AFTER))
    assert isinstance(job, ChunkDocument) and job.document_id == embedding["id"]


@pytest.fixture
def dispatch_deps(backend, keyring, storage) -> dispatch.DispatchDeps:
    unused = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(599)))
    return dispatch.DispatchDeps(
        tenant_uow=backend.tenant_uow, system_uow=backend.system_uow, keyring=keyring, signing_key=b"k" * 32,
        n8n_base_url="http://n8n:5678", public_url="https://salesboy.example.com", http=unused, tenant_http=unused,
        egress=EgressPolicy(parse_allowlist(""), https_only=False), storage=storage, mailer=FakeMailer(),
        rules=TaskRules(keyring=keyring, n8n_base_url="http://n8n:5678", email_alerts=False),
        attachment_max_bytes=1000)


def _task(backend, keyring, tenant, task_type: str, **values) -> dict:
    with backend.tenant_uow(tenant) as uow:
        task_id = uow.tasks.add_task(user_id=tenant, inbox_id=None, chat_id="1@c.us", task_type=task_type,
                                     payload=seal_task_payload(keyring, {}, tenant=tenant, chat="1@c.us"),
                                     trace_id="0" * 32)
    backend.db.tasks[task_id].update(values)
    return backend.db.tasks[task_id]


def test_stuck_tasks_are_dispatched_again_or_failed(backend, keyring, tenant, dispatch_deps) -> None:
    backend.db.bot_config[tenant] = {"user_id": tenant}
    lost = _task(backend, keyring, tenant, "book_calendar")
    worn_out = _task(backend, keyring, tenant, "create_order", attempts=4, last_error="n8n answered 503")
    quick = _task(backend, keyring, tenant, "book_calendar", status="dispatched",
                  dispatched_at=backend.db.clock.now)
    slow = _task(backend, keyring, tenant, "send_email", status="dispatched", dispatched_at=backend.db.clock.now)
    backend.db.clock.advance(600)
    finder = dispatch.stuck_tasks(dispatch_deps, pending_after=STUCK_AFTER, max_dispatches=4,
                                  deadlines={"send_email": 3600}, default_deadline=300)
    [job] = _find(backend, finder)
    assert isinstance(job, DispatchTask) and job.task_id == lost["id"]
    assert worn_out["status"] == "failed"
    assert worn_out["last_error"] == "gave up after 4 attempts to hand the task to n8n: n8n answered 503"
    assert quick["status"] == "failed"
    assert quick["last_error"] == "n8n accepted the task but did not report back within 5 minutes"
    assert slow["status"] == "dispatched"  # its type's deadline is an hour
    assert {a["kind"] for a in backend.db.alerts.values()} == {"task_failed"} and len(backend.db.alerts) == 2


def test_sweep_sends_every_finders_jobs_after_commit_across_tenants(backend, keyring) -> None:
    one, two = uuid.uuid4(), uuid.uuid4()
    rows = [customer_says(backend, keyring, one, "a", status="filtered"),
            customer_says(backend, keyring, two, "b", status="received")]
    backend.db.clock.advance(STUCK_AFTER + 1)
    calls = []

    def nothing_stuck(uow):
        calls.append(uow.tenant)
        return []

    resent = sweep(SweepStuck(), system_uow=backend.system_uow,
                   finders=[stuck_messages(STUCK_AFTER, max_attempts=3), nothing_stuck])
    assert resent == 2
    assert {j.inbox_id for j in backend.publisher.jobs()} == {r["id"] for r in rows}
    assert calls == [None]  # each finder runs as the service role, in its own transaction


def test_a_failing_finder_does_not_keep_the_others_from_sweeping(backend, keyring) -> None:
    row = customer_says(backend, keyring, uuid.uuid4(), "a", status="filtered")
    backend.db.clock.advance(STUCK_AFTER + 1)

    def broken(uow):
        raise ValueError("a malformed row")

    with pytest.raises(SweepFailed, match="broken: ValueError: a malformed row") as raised:
        sweep(SweepStuck(), system_uow=backend.system_uow,
              finders=[broken, stuck_messages(STUCK_AFTER, max_attempts=3)])
    assert isinstance(raised.value.__cause__, ValueError)
    assert [j.inbox_id for j in backend.publisher.jobs()] == [row["id"]]  # the later finder still ran
