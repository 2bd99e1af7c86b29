"""tenant.provision: give a tenant the rows every account needs."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from schemas.jobs import ProvisionTenant
from services.adapters.ports import UnitOfWork

log = logging.getLogger(__name__)


def provision_tenant(job: ProvisionTenant, *, tenant_uow: Callable[[uuid.UUID], UnitOfWork]) -> bool:
    """Idempotent: a redelivered job finds the rows present and changes nothing."""
    with tenant_uow(job.user_id) as uow:
        created = uow.tenants.ensure_defaults(job.user_id)
        if created:
            uow.audit.log(job.user_id, "tenant.provisioned", {"job_id": str(job.job_id)})
    log.info("tenant provisioned", extra={"tenant_created": created})
    return created
