"""Chat log encryption: AES-256-GCM with a random 96-bit nonce per record.

The associated data binds each ciphertext to its tenant and chat, so a record
copied to another tenant or chat fails to decrypt. Every record stores the id
of the key that encrypted it: new records use the first key in the ring, older
keys stay available for reading until rows are re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class DecryptionError(ValueError):
    """The record was altered, moved, or its key is not configured."""


@dataclass(frozen=True)
class Sealed:
    ciphertext: bytes
    nonce: bytes
    key_id: str


class Keyring:
    def __init__(self, keys: dict[str, bytes], current: str) -> None:
        if current not in keys:
            raise ValueError("the current key must be in the ring")
        for key_id, key in keys.items():
            if len(key) != 32:
                raise ValueError(f"key {key_id!r} must be 32 bytes (AES-256), not {len(key)}")
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self.current = current

    @classmethod
    def parse(cls, raw: str) -> Keyring:
        """`kid:base64,kid2:base64,...` - the first key encrypts, all decrypt."""
        keys: dict[str, bytes] = {}
        order = []
        for part in (p.strip() for p in raw.split(",")):
            if not part:
                continue
            key_id, sep, encoded = part.partition(":")
            if not sep or not key_id:
                raise ValueError("each encryption key is written as key_id:base64")
            try:
                keys[key_id] = base64.b64decode(encoded, validate=True)
            except ValueError as exc:
                raise ValueError(f"encryption key {key_id!r} is not valid base64") from exc
            order.append(key_id)
        if not order:
            raise ValueError("no encryption key configured")
        return cls(keys, order[0])

    @property
    def key_ids(self) -> list[str]:
        return list(self._ciphers)

    def seal(self, plaintext: str, *, tenant: uuid.UUID, chat: str) -> Sealed:
        nonce = os.urandom(12)
        ciphertext = self._ciphers[self.current].encrypt(nonce, plaintext.encode(), _aad(tenant, chat))
        return Sealed(ciphertext, nonce, self.current)

    def open(self, sealed: Sealed, *, tenant: uuid.UUID, chat: str) -> str:
        cipher = self._ciphers.get(sealed.key_id)
        if cipher is None:
            raise DecryptionError(f"encryption key {sealed.key_id!r} is not configured")
        try:
            return cipher.decrypt(bytes(sealed.nonce), bytes(sealed.ciphertext), _aad(tenant, chat)).decode()
        except InvalidTag:
            raise DecryptionError("the record was altered or does not belong to this chat") from None


def _aad(tenant: uuid.UUID, chat: str) -> bytes:
    return f"salesboy:v1:{tenant}:{chat}".encode()


def seal_task_payload(keyring: Keyring, payload: dict, *, tenant: uuid.UUID, chat: str) -> Sealed:
    """A task's payload holds the customer's words: sealed like chat bodies, bound to the task's chat."""
    return keyring.seal(json.dumps(payload), tenant=tenant, chat=_task_context(chat))


def open_task_payload(keyring: Keyring, row: dict) -> dict:
    """The payload of a `public.tasks` row (rows from before payloads were sealed hold it in `payload`)."""
    if row.get("payload_ciphertext") is None:
        return row.get("payload") or {}
    sealed = Sealed(row["payload_ciphertext"], row["payload_nonce"], row["payload_key_id"])
    return json.loads(keyring.open(sealed, tenant=row["user_id"], chat=_task_context(row["chat_id"])))


def _task_context(chat: str) -> str:
    return f"task:{chat}"
