"""Logins in Salesboy's own `auth.users`, hashed with bcrypt as Supabase Auth hashes them.

A reset token is signed and expires; it carries a fingerprint of the current hash,
so it stops working the moment the password changes (it can be used once).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import uuid

import bcrypt
import psycopg
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from pipelines import account_emails
from services.usecases.accounts import ALREADY_REGISTERED, MAX_PASSWORD, AccountError, EmailTakenError

RESET_SALT = "salesboy.password-reset"


@functools.cache
def _dummy_hash() -> bytes:
    """Checked when the email is unknown, so a miss costs as long as a wrong password (made once, on first use)."""
    return bcrypt.hashpw(b"salesboy-no-such-user", bcrypt.gensalt(rounds=12))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode()[:MAX_PASSWORD], bcrypt.gensalt(rounds=12)).decode()


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:20]


class LocalAccounts:
    def __init__(self, system_uow, mailer, *, secret_key: str, reset_minutes: float) -> None:
        self._system_uow = system_uow
        self._mailer = mailer
        self._serializer = URLSafeTimedSerializer(secret_key, salt=RESET_SALT)
        self._reset_seconds = int(reset_minutes * 60)
        self._reset_minutes = int(reset_minutes)

    def register(self, email: str, password: str, display_name: str) -> tuple[uuid.UUID, bool]:
        try:
            with self._system_uow() as uow:
                return uow.users.create(email, hash_password(password), metadata={"display_name": display_name}), True
        except psycopg.errors.UniqueViolation:
            raise EmailTakenError(ALREADY_REGISTERED, "email") from None

    def verify(self, email: str, password: str) -> uuid.UUID | None:
        with self._system_uow() as uow:
            row = uow.users.find_by_email(email)
        stored = (row.encrypted_password if row else None) or ""
        candidate = password.encode()[:MAX_PASSWORD]
        if not stored.startswith("$2"):
            bcrypt.checkpw(candidate, _dummy_hash())
            return None
        return row.id if row and bcrypt.checkpw(candidate, stored.encode()) else None

    def change_password(self, user_id: uuid.UUID, email: str, current: str, new: str) -> None:
        if self.verify(email, current) != user_id:
            raise AccountError("the current password is not right", "current_password")
        with self._system_uow() as uow:
            uow.users.set_password_hash(user_id, hash_password(new))

    def send_reset(self, email: str, base_url: str) -> None:
        """Mail a reset link if the account exists (run by the mail worker: mail failures raise, to be retried)."""
        with self._system_uow() as uow:
            row = uow.users.find_by_email(email)
        if row is None:
            return
        token = self._serializer.dumps({"uid": str(row.id), "fp": _fingerprint(row.encrypted_password or "")})
        text = account_emails.password_reset(base_url, token, self._reset_minutes)
        self._mailer.send(row.email, text.subject, text.body)

    def finish_reset(self, token: str, new: str) -> uuid.UUID:
        try:
            claims = self._serializer.loads(token, max_age=self._reset_seconds)
            user_id = uuid.UUID(str(claims["uid"]))
        except SignatureExpired:
            raise AccountError("this reset link has expired; ask for a new one") from None
        except (BadSignature, KeyError, TypeError, ValueError):
            raise AccountError("this reset link is not valid; ask for a new one") from None
        with self._system_uow() as uow:
            row = uow.conn.execute("select encrypted_password from auth.users where id = %s for update",
                                   [user_id]).fetchone()
            if row is None or not hmac.compare_digest(_fingerprint(row[0] or ""), str(claims.get("fp", ""))):
                raise AccountError("this reset link was already used; ask for a new one")
            uow.users.set_password_hash(user_id, hash_password(new))
        return user_id
