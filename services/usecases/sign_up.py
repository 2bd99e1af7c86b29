"""Sign-up where the email address must be proven first (production, local accounts).

The page does the same work for a new address and a taken one (hash the password,
store a request, queue a job) and answers the same, so it tells no one who has an
account. The mail worker then emails either a confirmation link (new address) or a
note to the existing owner; the account exists only once the link is followed, so
nobody can hold an address they do not read.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from schemas.jobs import SendAccountEmail
from services.repositories.account_email_requests import AccountEmailRequestRepository
from services.repositories.db import PublishAfterCommitError, SystemUow, TenantUow
from services.usecases.accounts import Account, AccountError, check_password_strength, set_up_tenant
from services.usecases.accounts_local import hash_password

CONFIRM_SALT = "salesboy.confirm-email"
CONFIRM_LIFETIME = timedelta(hours=48)
log = logging.getLogger(__name__)
USED_OR_EXPIRED = "this confirmation link was already used or has expired; sign in, or sign up again"


@dataclass(frozen=True)
class SignUpDeps:
    system_uow: SystemUow
    tenant_uow: TenantUow
    secret_key: str  # signs the confirmation links


def request_sign_up(deps: SignUpDeps, email: str, password: str, display_name: str) -> None:
    check_password_strength(password)
    # Hashed now, for every address: the slow part costs the same whether or not the address is taken.
    password_hash = hash_password(password)
    _queue(deps, email, password_hash=password_hash, display_name=display_name)


def tell_owner_about_sign_up(deps: SignUpDeps, email: str) -> None:
    """Someone signed up with a taken address (Supabase accounts): its owner hears about it by email."""
    _queue(deps, email, password_hash=None, display_name=None)


def _queue(deps: SignUpDeps, email: str, *, password_hash: str | None, display_name: str | None) -> None:
    try:
        with deps.system_uow() as uow:
            request_id = AccountEmailRequestRepository(uow.conn).add(
                "sign_up", email, password_hash=password_hash, display_name=display_name)
            uow.publish_after_commit(SendAccountEmail(request_id=request_id))
    except PublishAfterCommitError as exc:
        # The request is stored: the sweeper (stuck_account_emails) sends its job once the broker answers.
        log.warning("sign-up request stored; its email is left for the sweeper", extra={"error": str(exc)})


def confirmation_token(secret_key: str, request_id: uuid.UUID) -> str:
    return URLSafeTimedSerializer(secret_key, salt=CONFIRM_SALT).dumps({"rid": str(request_id)})


def _request_id(secret_key: str, token: str) -> uuid.UUID:
    serializer = URLSafeTimedSerializer(secret_key, salt=CONFIRM_SALT)
    try:
        claims = serializer.loads(token, max_age=int(CONFIRM_LIFETIME.total_seconds()))
        return uuid.UUID(str(claims["rid"]))
    except SignatureExpired:
        raise AccountError(USED_OR_EXPIRED) from None
    except (BadSignature, KeyError, TypeError, ValueError):
        raise AccountError("this confirmation link is not valid; sign up again") from None


def confirm_sign_up(deps: SignUpDeps, token: str) -> Account:
    """Create the account the link was sent for; the link works once."""
    request_id = _request_id(deps.secret_key, token)
    with deps.system_uow() as uow:
        requests = AccountEmailRequestRepository(uow.conn)
        request = requests.get(request_id)
        if request is None or request.purpose != "sign_up" or not request.password_hash:
            raise AccountError(USED_OR_EXPIRED)
        if uow.users.find_by_email(request.email) is not None:
            raise AccountError(USED_OR_EXPIRED)
        display_name = request.display_name or ""
        user_id = uow.users.create(request.email, request.password_hash, metadata={"display_name": display_name})
        requests.delete_sign_ups(request.email)
    set_up_tenant(deps.tenant_uow, user_id, display_name)
    return Account(user_id, request.email)
