"""sessions.command and the host's upkeep: one host runs a tenant's WhatsApp (the lease says which), a host that
lost a lease stops its copy, and sessions meant to run that no host holds are found for restoring."""

from __future__ import annotations

import uuid

import pytest

from schemas.jobs import SessionCommand, SessionQuery
from services.core.errors import PermanentError
from services.handlers import sessions
from services.whatsapp.host import NotLinkedError, SessionRestartingError
from tests.unit.handlers.fakes import FakeSessionHost, FakeSessionLeases


@pytest.fixture
def host() -> FakeSessionHost:
    return FakeSessionHost()


@pytest.fixture
def leases() -> FakeSessionLeases:
    return FakeSessionLeases("sessions.here")


def test_start_takes_the_lease_and_starts_the_browser(host, leases, tenant) -> None:
    sessions.run_command(SessionCommand(user_id=tenant, action="start"), host=host, leases=leases)
    assert leases.owner(tenant) == "sessions.here" and host.running() == [tenant]
    sessions.run_command(SessionCommand(user_id=tenant, action="start"), host=host, leases=leases)  # redelivered
    assert host.running() == [tenant]


def test_start_is_refused_while_another_host_runs_the_session(host, leases, tenant) -> None:
    leases.for_host("sessions.there").acquire(tenant)
    with pytest.raises(PermanentError, match=r"already runs on sessions\.there"):
        sessions.run_command(SessionCommand(user_id=tenant, action="start"), host=host, leases=leases)
    assert host.running() == []


@pytest.mark.parametrize("action", ["stop", "logout"])
def test_stop_and_logout_end_the_session_and_free_the_lease(host, leases, tenant, action) -> None:
    sessions.run_command(SessionCommand(user_id=tenant, action="start"), host=host, leases=leases)
    sessions.run_command(SessionCommand(user_id=tenant, action=action), host=host, leases=leases)
    assert host.running() == [] and leases.owner(tenant) is None


def test_the_heartbeat_keeps_its_leases_and_stops_what_another_host_took(host, leases) -> None:
    kept, lost = uuid.uuid4(), uuid.uuid4()
    for user_id in (kept, lost):
        sessions.run_command(SessionCommand(user_id=user_id, action="start"), host=host, leases=leases)
    leases.owners[lost] = "sessions.there"  # this host's lease expired and another took the session over
    sessions.heartbeat(host, leases)
    assert host.running() == [kept]
    assert host.stopped_as == "STARTING"  # the row still says it should run: the other host runs it


def test_sessions_meant_to_run_that_no_host_holds_are_restorable(backend, leases) -> None:
    orphan, held, stopped = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    backend.db.sessions.update({orphan: {"user_id": orphan, "status": "WORKING"},
                                held: {"user_id": held, "status": "SCAN_QR_CODE"},
                                stopped: {"user_id": stopped, "status": "STOPPED"}})
    leases.for_host("sessions.there").acquire(held)
    assert sessions.restorable(backend.system_uow, leases) == [orphan]


def test_queries_answer_from_the_host_and_say_a_restarting_session_at_once(host, tenant) -> None:
    host.answers = {"groups": [{"id": "1@g.us", "name": "Team"}], "contacts": SessionRestartingError("crashed")}
    assert sessions.run_query(SessionQuery(user_id=tenant, query="groups"), host=host) == [
        {"id": "1@g.us", "name": "Team"}]
    with pytest.raises(NotLinkedError, match="starting again"):
        sessions.run_query(SessionQuery(user_id=tenant, query="contacts"), host=host)
    with pytest.raises(PermanentError, match="needs the phone number"):
        sessions.run_query(SessionQuery(user_id=tenant, query="pairing_code"), host=host)
    host.answers["pairing_code"] = "ABCD-EFGH"
    assert sessions.run_query(SessionQuery(user_id=tenant, query="pairing_code", phone="+15550001111"),
                              host=host) == "ABCD-EFGH"
