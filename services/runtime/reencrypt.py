"""Re-encrypt stored message bodies with the current key, so an old key can be retired."""

from __future__ import annotations

from dataclasses import dataclass

from services.bootstrap import App
from services.core.crypto import Sealed, open_task_payload, seal_task_payload
from services.usecases import provider_keys

# table -> (ciphertext, nonce, key id) columns; every table also has id, user_id and chat_id.
SEALED_COLUMNS = {
    "inbox": ("body_ciphertext", "body_nonce", "body_key_id"),
    "outbox": ("body_ciphertext", "body_nonce", "body_key_id"),
    "chat_logs": ("ciphertext", "nonce", "key_id"),
}


@dataclass(frozen=True)
class ReencryptReport:
    rows: dict[str, int]


def reencrypt(container: App, batch_size: int = 500) -> ReencryptReport:
    """Rewrite every row sealed with an older key; safe to stop and run again."""
    keyring = container.keyring
    done: dict[str, int] = {}
    for table, (data, nonce, key_id) in SEALED_COLUMNS.items():
        done[table] = 0
        while True:
            with container.system_uow() as uow:
                rows = uow.conn.execute(
                    f"select id, user_id, chat_id, {data}, {nonce}, {key_id} from public.{table} "  # noqa: S608
                    f"where {key_id} <> %s and {data} is not null limit %s for update skip locked",
                    [keyring.current, batch_size]).fetchall()
                for row_id, user_id, chat_id, ciphertext, old_nonce, old_key in rows:
                    plain = keyring.open(Sealed(ciphertext, old_nonce, old_key), tenant=user_id, chat=chat_id)
                    fresh = keyring.seal(plain, tenant=user_id, chat=chat_id)
                    uow.conn.execute(
                        f"update public.{table} set {data} = %s, {nonce} = %s, {key_id} = %s where id = %s",  # noqa: S608
                        [fresh.ciphertext, fresh.nonce, fresh.key_id, row_id])
            done[table] += len(rows)
            if len(rows) < batch_size:
                break
    done["tasks"] = _reseal_task_payloads(container, batch_size)
    done["provider_keys"] = provider_keys.reseal(container.system_uow, container.keyring, batch_size)
    return ReencryptReport(done)


def _reseal_task_payloads(container: App, batch_size: int) -> int:
    """Task payloads sealed with an older key, or still in plaintext from before they were sealed."""
    keyring = container.keyring
    count = 0
    while True:
        with container.system_uow() as uow:
            rows = uow.conn.execute(
                """select id, user_id, chat_id, payload, payload_ciphertext, payload_nonce, payload_key_id
                   from public.tasks where payload_key_id is distinct from %s limit %s for update skip locked""",
                [keyring.current, batch_size]).fetchall()
            for row in rows:
                named = dict(zip(("id", "user_id", "chat_id", "payload", "payload_ciphertext", "payload_nonce",
                                  "payload_key_id"), row, strict=True))
                fresh = seal_task_payload(keyring, open_task_payload(keyring, named), tenant=named["user_id"],
                                          chat=named["chat_id"])
                uow.conn.execute(
                    """update public.tasks set payload = '{}'::jsonb, payload_ciphertext = %s, payload_nonce = %s,
                           payload_key_id = %s where id = %s""",
                    [fresh.ciphertext, fresh.nonce, fresh.key_id, named["id"]])
        count += len(rows)
        if len(rows) < batch_size:
            return count
