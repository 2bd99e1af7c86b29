import uuid

import pytest
from pydantic import ValidationError

from schemas.jobs import Job, ProvisionTenant, QueuedJob, SweepStuck
from schemas.queues import QUEUES, TASK_ROUTES, queue_for


def _all_job_types(cls=QueuedJob):
    for sub in cls.__subclasses__():
        if "task_name" in vars(sub):
            yield sub
        yield from _all_job_types(sub)


def test_every_job_type_is_routed_to_a_known_queue():
    types = list(_all_job_types())
    assert ProvisionTenant in types and SweepStuck in types
    for job_type in types:
        assert queue_for(job_type.task_name) in QUEUES


def test_every_route_targets_a_declared_queue():
    assert {route["queue"] for route in TASK_ROUTES.values()} <= set(QUEUES)


def test_unrouted_task_name_is_an_error():
    with pytest.raises(KeyError, match="no queue"):
        queue_for("nowhere.task")


def test_job_carries_ids_and_a_trace():
    user = uuid.uuid4()
    job = ProvisionTenant(user_id=user)
    payload = job.payload()
    assert payload["user_id"] == str(user)
    assert len(payload["trace_id"]) == 32
    assert ProvisionTenant.model_validate(payload) == job


def test_jobs_refuse_unknown_fields_and_bad_ids():
    with pytest.raises(ValidationError):
        ProvisionTenant.model_validate({"user_id": str(uuid.uuid4()), "body": "document text"})
    with pytest.raises(ValidationError):
        ProvisionTenant.model_validate({"user_id": "not-a-uuid"})
    with pytest.raises(ValidationError):
        ProvisionTenant.model_validate({"user_id": str(uuid.uuid4()), "trace_id": "<script>"})


def test_tenant_jobs_need_a_user():
    assert "user_id" in Job.model_fields
    with pytest.raises(ValidationError):
        ProvisionTenant.model_validate({})
