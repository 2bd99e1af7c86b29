"""The rows every account needs, written by the provisioning stage and at sign-up alike."""

from __future__ import annotations

import logging
import uuid

from services.repositories.db import TenantUow

log = logging.getLogger(__name__)


def provision(tenant_uow: TenantUow, user_id: uuid.UUID, job_id: uuid.UUID | None = None) -> bool:
    """Idempotent: a second call finds the rows present and changes nothing. True when they were created."""
    with tenant_uow(user_id) as uow:
        created = uow.tenants.ensure_defaults(user_id)
        if created:
            uow.audit.log(user_id, "tenant.provisioned", {"job_id": str(job_id)} if job_id else {})
    log.info("tenant provisioned", extra={"tenant_created": created})
    return created
