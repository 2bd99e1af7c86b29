"""What most owner-facing use cases need: a tenant's rows, and the keys that seal and open its messages."""

from __future__ import annotations

from dataclasses import dataclass

from services.core.crypto import Keyring
from services.repositories.db import TenantUow


@dataclass(frozen=True)
class TenantData:
    tenant_uow: TenantUow
    keyring: Keyring
