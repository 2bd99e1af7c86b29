"""Accounts: sign-up, sign-in, password reset and change, over a backend (local or Supabase Auth).

What is the same for both backends lives here: the password policy, creating the
tenant's rows after sign-up, and the audit trail.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from schemas.jobs import SendAccountEmail
from services.adapters.ports import AccountBackend
from services.repositories.account_email_requests import AccountEmailRequestRepository
from services.repositories.account_sessions import AccountSessionRepository
from services.repositories.db import PublishAfterCommitError, SystemUow, TenantUow
from services.usecases import tenants

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 72  # bcrypt reads no further


class AccountError(ValueError):
    """A request about an account that cannot be done; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class AccountServiceUnavailableError(AccountError):
    """The sign-in service (Supabase Auth) did not answer."""


class EmailTakenError(AccountError):
    """Sign-up with an email that already has an account."""


@dataclass(frozen=True)
class Account:
    user_id: uuid.UUID
    email: str
    signed_in: bool = True  # False while the email is not confirmed yet


ALREADY_REGISTERED = "an account could not be created with this email; if it is yours, sign in or reset your password"


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"use at least {MIN_PASSWORD} characters", field)
    if len(password.encode()) > MAX_PASSWORD:
        raise AccountError(f"use at most {MAX_PASSWORD} bytes", field)


@dataclass(frozen=True)
class AccountDeps:
    backend: AccountBackend
    tenant_uow: TenantUow
    system_uow: SystemUow


def normal_email(email: str) -> str:
    """An account's email as stored and looked up: no spaces around it, lower case."""
    return email.strip().lower()


def sign_up(deps: AccountDeps, email: str, password: str, display_name: str = "") -> Account:
    """Create the login and everything a new tenant needs (profile, bot config, defaults)."""
    check_password_strength(password)
    email = normal_email(email)
    user_id, signed_in = deps.backend.register(email, password, display_name)
    set_up_tenant(deps.tenant_uow, user_id, display_name)
    return Account(user_id, email, signed_in)


def set_up_tenant(tenant_uow: TenantUow, user_id: uuid.UUID, display_name: str) -> None:
    tenants.provision(tenant_uow, user_id)
    with tenant_uow(user_id) as uow:
        uow.conn.execute("update public.profiles set display_name = %s where user_id = %s", [display_name, user_id])
        uow.audit.log(user_id, "account.created", {})


def authenticate(deps: AccountDeps, email: str, password: str) -> Account | None:
    email = normal_email(email)
    user_id = deps.backend.verify(email, password[:200])
    return Account(user_id, email) if user_id else None


def change_password(deps: AccountDeps, user_id: uuid.UUID, current: str, new: str) -> None:
    with deps.system_uow() as uow:
        row = uow.conn.execute("select email from auth.users where id = %s", [user_id]).fetchone()
    if row is None:
        raise AccountError("the current password is not right", "current_password")
    check_password_strength(new, "new_password")
    deps.backend.change_password(user_id, row[0], current, new)
    _signed_out_everywhere(deps, user_id, "account.password_changed")


def request_reset(deps: AccountDeps, email: str) -> None:
    """Queue a reset email; the worker sends it only if the account exists.

    The same row and the same job whatever the email, so the request costs the same
    whether or not the account exists and the caller can answer the same either way.
    """
    try:
        with deps.system_uow() as uow:
            request_id = AccountEmailRequestRepository(uow.conn).add("password_reset", normal_email(email))
            uow.publish_after_commit(SendAccountEmail(request_id=request_id))
    except PublishAfterCommitError as exc:
        # The request is stored: the sweeper (stuck_account_emails) sends its job once the broker answers.
        log.warning("reset request stored; its email is left for the sweeper", extra={"error": str(exc)})


def reset_password(deps: AccountDeps, token: str, new: str) -> Account:
    check_password_strength(new)
    user_id = deps.backend.finish_reset(token, new)
    with deps.system_uow() as uow:
        email = uow.conn.execute("select email from auth.users where id = %s", [user_id]).fetchone()[0]  # type: ignore[index]  # the reset named this user
    _signed_out_everywhere(deps, user_id, "account.password_reset")
    return Account(user_id, email)


def _signed_out_everywhere(deps: AccountDeps, user_id: uuid.UUID, action: str) -> None:
    """A new password ends every session; the caller signs the person who changed it in afresh."""
    with deps.tenant_uow(user_id) as uow:
        ended = AccountSessionRepository(uow.conn).revoke_all(user_id)
        uow.audit.log(user_id, action, {"sessions_ended": ended})


@dataclass(frozen=True)
class AccountSummary:
    email: str
    plan: str | None  # None on a self-hosted install: no plan was ever set
    created_at: datetime


def summary(system_uow: SystemUow, user_id: uuid.UUID) -> AccountSummary | None:
    """The account an API key or session acts for; None when it no longer exists."""
    with system_uow() as uow:
        row = uow.conn.execute(
            "select email, raw_app_meta_data ->> 'plan', created_at from auth.users where id = %s",
            [user_id]).fetchone()
    return AccountSummary(*row) if row else None


def user_id_for_email(system_uow: SystemUow, email: str) -> uuid.UUID | None:
    with system_uow() as uow:
        user = uow.users.find_by_email(normal_email(email))
    return user.id if user else None
