"""A business's own LLM provider key: sealed at rest, shown back only as its last characters, sent only with
the business's own model entries."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.core.crypto import Keyring, Sealed
from services.repositories.db import UnitOfWork
from services.repositories.repositories import Repository
from services.repositories.rows import existing
from services.usecases.tenant_data import TenantData

# The keyring binds a sealed record to its tenant and a second value (a chat id for chat bodies);
# this purpose stands in its place, so a provider key cannot be opened as a chat message or the reverse.
PURPOSE = "llm-provider-key"
HINT_CHARS = 4


@dataclass(frozen=True)
class SavedKey:
    """What a business may see of its key."""

    masked: str
    updated_at: datetime


class ProviderKeyRepository(Repository):
    def sealed(self) -> dict | None:
        rows = self._rows("select ciphertext, nonce, key_id, hint, updated_at from public.provider_keys")
        return rows[0] if rows else None

    def put(self, user_id: uuid.UUID, sealed: Sealed, hint: str) -> None:
        self.conn.execute(
            """insert into public.provider_keys (user_id, ciphertext, nonce, key_id, hint) values (%s, %s, %s, %s, %s)
               on conflict (user_id) do update set ciphertext = excluded.ciphertext, nonce = excluded.nonce,
                   key_id = excluded.key_id, hint = excluded.hint""",
            [user_id, sealed.ciphertext, sealed.nonce, sealed.key_id, hint])

    def delete(self) -> bool:
        return self.conn.execute("delete from public.provider_keys").rowcount > 0


def mask(hint: str) -> str:
    return f"…{hint}"


def save(deps: TenantData, user_id: uuid.UUID, key: str, *, via: str) -> SavedKey:
    sealed = deps.keyring.seal(key, tenant=user_id, chat=PURPOSE)
    with deps.tenant_uow(user_id) as uow:
        repo = ProviderKeyRepository(uow.conn)
        repo.put(user_id, sealed, key[-HINT_CHARS:])
        row = existing(repo.sealed(), "the saved key")
        uow.audit.log(user_id, "provider_key.saved", {"via": via})
    return SavedKey(mask(row["hint"]), row["updated_at"])


def remove(deps: TenantData, user_id: uuid.UUID, *, via: str) -> bool:
    with deps.tenant_uow(user_id) as uow:
        removed = ProviderKeyRepository(uow.conn).delete()
        if removed:
            uow.audit.log(user_id, "provider_key.deleted", {"via": via})
    return removed


def describe(deps: TenantData, user_id: uuid.UUID) -> SavedKey | None:
    with deps.tenant_uow(user_id) as uow:
        row = ProviderKeyRepository(uow.conn).sealed()
    return SavedKey(mask(row["hint"]), row["updated_at"]) if row else None


def loader(tenant_uow: Callable[[uuid.UUID], UnitOfWork], keyring: Keyring) -> Callable[[uuid.UUID], str | None]:
    """For the model adapter: the tenant's key in clear, read under the tenant's own row-level security."""

    def load(user_id: uuid.UUID) -> str | None:
        with tenant_uow(user_id) as uow:
            row = ProviderKeyRepository(uow.conn).sealed()
        if row is None:
            return None
        return keyring.open(Sealed(row["ciphertext"], row["nonce"], row["key_id"]), tenant=user_id, chat=PURPOSE)

    return load


def reseal(system_uow: Callable[[], UnitOfWork], keyring: Keyring, batch_size: int = 500) -> int:
    """Seal every provider key still under an older encryption key with the current one (for `salesboy reencrypt`,
    so a retired key can leave CHAT_ENCRYPTION_KEYS); safe to stop and run again. Returns how many were resealed."""
    count = 0
    while True:
        with system_uow() as uow:
            rows = uow.conn.execute(
                """select user_id, ciphertext, nonce, key_id from public.provider_keys where key_id <> %s
                   limit %s for update skip locked""", [keyring.current, batch_size]).fetchall()
            for user_id, ciphertext, nonce, key_id in rows:
                fresh = keyring.seal(keyring.open(Sealed(ciphertext, nonce, key_id), tenant=user_id, chat=PURPOSE),
                                     tenant=user_id, chat=PURPOSE)
                uow.conn.execute("update public.provider_keys set ciphertext = %s, nonce = %s, key_id = %s "
                                 "where user_id = %s", [fresh.ciphertext, fresh.nonce, fresh.key_id, user_id])
        count += len(rows)
        if len(rows) < batch_size:
            return count
