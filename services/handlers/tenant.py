"""tenant.provision: give a tenant the rows every account needs."""

from __future__ import annotations

from schemas.jobs import ProvisionTenant
from services.repositories.db import TenantUow
from services.usecases import tenants


def provision_tenant(job: ProvisionTenant, *, tenant_uow: TenantUow) -> bool:
    """Idempotent: a redelivered job finds the rows present and changes nothing."""
    return tenants.provision(tenant_uow, job.user_id, job.job_id)
