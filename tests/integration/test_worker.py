"""A real worker process consuming real Redis, with effects checked in Postgres."""

import time
import uuid

from schemas.jobs import ProvisionTenant
from tests.conftest import create_user, wait_for


def _failures(container, **where):
    key, value = next(iter(where.items()))
    with container.system_uow() as uow:
        return uow.conn.execute(
            f"select task_name, reason from public.job_failures where {key} = %s", [value]
        ).fetchall()


def test_worker_consumes_a_job_and_its_effect_is_in_postgres(worker, container):
    user = create_user(container)
    job = ProvisionTenant(user_id=user)
    container.publisher.publish(job)

    def provisioned():
        with container.tenant_uow(user) as uow:
            return uow.tenants.profile(user)

    assert wait_for(provisioned, message="the worker to provision the tenant")
    assert job.trace_id in wait_for(lambda: job.trace_id in worker.log_text() and worker.log_text(),
                                    message="the job's trace id in the worker log")


def test_invalid_payload_is_rejected_recorded_and_not_retried(worker, container):
    trace = uuid.uuid4().hex
    container.celery.send_task("tenant.provision", kwargs={"payload": {"user_id": "nope", "trace_id": trace}})
    rows = wait_for(lambda: _failures(container, trace_id=trace), message="the rejection to be recorded")
    assert rows[0][0] == "tenant.provision"
    assert "invalid payload" in rows[0][1] and "user_id" in rows[0][1]
    wait_for(lambda: "job rejected" in worker.log_text(), message="the logged reason")
    time.sleep(1.0)  # a retried job would be recorded again by now
    assert len(_failures(container, trace_id=trace)) == 1
    assert container.redis.llen("maintenance") == 0


def test_a_permanent_failure_is_recorded_once_with_its_reason(worker, container):
    job = ProvisionTenant(user_id=uuid.uuid4())  # no such account
    container.publisher.publish(job)
    rows = wait_for(lambda: _failures(container, job_id=str(job.job_id)), message="the failure record")
    assert "ForeignKeyViolation" in rows[0][1]
    time.sleep(1.0)
    assert len(_failures(container, job_id=str(job.job_id))) == 1
