"""Local accounts: sign-up, sign-in, password reset and change, over `auth.users`.

Passwords are bcrypt hashes, as Supabase Auth keeps them. A reset token is
signed and expires; it carries a fingerprint of the current hash, so it stops
working the moment the password changes (a token can be used once).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass

import bcrypt
import psycopg
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from schemas.jobs import ProvisionTenant
from services.handlers.tenant import provision_tenant

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 72  # bcrypt reads no further
RESET_SALT = "salesboy.password-reset"
# Checked when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"salesboy-no-such-user", bcrypt.gensalt(rounds=12))


class AccountError(ValueError):
    """A request about an account that cannot be done; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Account:
    user_id: uuid.UUID
    email: str


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"use at least {MIN_PASSWORD} characters", field)
    if len(password.encode()) > MAX_PASSWORD:
        raise AccountError(f"use at most {MAX_PASSWORD} bytes", field)


def sign_up(container, email: str, password: str, display_name: str = "") -> Account:
    """Create the login and everything a new tenant needs (profile, bot config, defaults)."""
    check_password_strength(password)
    hashed = hash_password(password)
    try:
        with container.system_uow() as uow:
            user_id = uow.users.create(email, hashed, metadata={"display_name": display_name})
    except psycopg.errors.UniqueViolation:
        raise AccountError("an account could not be created with this email; if it is yours, sign in or "
                           "reset your password", "email") from None
    provision_tenant(ProvisionTenant(user_id=user_id), tenant_uow=container.tenant_uow)
    with container.tenant_uow(user_id) as uow:
        uow.conn.execute("update public.profiles set display_name = %s where user_id = %s", [display_name, user_id])
        uow.audit.log(user_id, "account.created", {})
    return Account(user_id, email.lower())


def authenticate(container, email: str, password: str) -> Account | None:
    """The account for these credentials, or None; as slow for an unknown email as for a wrong password."""
    with container.system_uow() as uow:
        row = uow.users.find_by_email(email)
    stored = (row or {}).get("encrypted_password") or ""
    candidate = password.encode()[:MAX_PASSWORD]
    if not stored.startswith("$2"):
        bcrypt.checkpw(candidate, _DUMMY_HASH)
        return None
    if not bcrypt.checkpw(candidate, stored.encode()):
        return None
    return Account(row["id"], row["email"])


def change_password(container, user_id: uuid.UUID, current: str, new: str) -> None:
    with container.system_uow() as uow:
        row = uow.conn.execute("select email from auth.users where id = %s", [user_id]).fetchone()
    if row is None or authenticate(container, row[0], current) is None:
        raise AccountError("the current password is not right", "current_password")
    check_password_strength(new, "new_password")
    with container.system_uow() as uow:
        uow.users.set_password_hash(user_id, hash_password(new))
    with container.tenant_uow(user_id) as uow:
        uow.audit.log(user_id, "account.password_changed", {})


def _serializer(container) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(container.settings.secret_key.get_secret_value(), salt=RESET_SALT)


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:20]


def reset_token(container, email: str) -> str | None:
    """A reset token for this email's account, or None when there is no such account."""
    with container.system_uow() as uow:
        row = uow.users.find_by_email(email)
    if row is None:
        return None
    return _serializer(container).dumps({"uid": str(row["id"]), "fp": _fingerprint(row["encrypted_password"] or "")})


def reset_password(container, token: str, new: str) -> Account:
    max_age = int(container.settings.password_reset_minutes * 60)
    try:
        claims = _serializer(container).loads(token, max_age=max_age)
    except SignatureExpired:
        raise AccountError("this reset link has expired; ask for a new one") from None
    except BadSignature:
        raise AccountError("this reset link is not valid; ask for a new one") from None
    check_password_strength(new)
    with container.system_uow() as uow:
        row = uow.conn.execute("select id, email, encrypted_password from auth.users where id = %s for update",
                               [claims.get("uid")]).fetchone()
        if row is None or not hmac.compare_digest(_fingerprint(row[2] or ""), str(claims.get("fp", ""))):
            raise AccountError("this reset link was already used; ask for a new one")
        uow.users.set_password_hash(row[0], hash_password(new))
    with container.tenant_uow(row[0]) as uow:
        uow.audit.log(row[0], "account.password_reset", {})
    return Account(row[0], row[1])
