"""mail.account: send what an account request calls for, if anything.

Runs in a worker, off the request: the page that stored the request answered before
anyone knew whether the address has an account, so SMTP's time never shows there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from pipelines import account_emails
from schemas.jobs import QueuedJob, SendAccountEmail
from schemas.settings import Settings
from services.adapters.mailer import Mailer
from services.adapters.ports import UnitOfWork
from services.repositories.account_email_requests import AccountEmailRequest
from services.usecases.sign_up import CONFIRM_LIFETIME, confirmation_token

log = logging.getLogger(__name__)
# Long enough for a queued job to have run; a request older than this that no job answered lost its job.
STUCK_AFTER = timedelta(minutes=5)


class ResetSender(Protocol):
    """The accounts backend: mails a reset link itself (local) or asks Supabase Auth to."""

    def send_reset(self, email: str, base_url: str) -> None: ...


@dataclass(frozen=True)
class MailDeps:
    system_uow: Callable[[], UnitOfWork]
    accounts: ResetSender
    mailer: Mailer
    base_url: str
    secret_key: str


def links_base_url(settings: Settings) -> str:
    """Links in emails start from PUBLIC_URL (required in production), never from a request's Host header."""
    return settings.public_url or f"http://{settings.api_host}:{settings.api_port}"


def send_account_email(job: SendAccountEmail, *, deps: MailDeps) -> None:
    with deps.system_uow() as uow:
        requests = uow.account_email_requests
        requests.delete_older_than(CONFIRM_LIFETIME)  # unconfirmed sign-ups, and requests that kept failing
        request = requests.get(job.request_id)
    if request is None or request.sent:
        log.info("account email already handled", extra={"request_id": str(job.request_id)})
        return
    if request.purpose == "password_reset":
        deps.accounts.send_reset(request.email, deps.base_url)
        _forget(deps, request)
    else:
        _answer_sign_up(deps, request)


def _answer_sign_up(deps: MailDeps, request: AccountEmailRequest) -> None:
    with deps.system_uow() as uow:
        owner = uow.users.find_by_email(request.email)
    if owner is not None:
        text = account_emails.sign_up_attempt(deps.base_url)
        deps.mailer.send(owner.email, text.subject, text.body)
        _forget(deps, request)
    elif request.password_hash:
        token = confirmation_token(deps.secret_key, request.id)
        text = account_emails.confirm_sign_up(deps.base_url, token, int(CONFIRM_LIFETIME.total_seconds() // 3600))
        deps.mailer.send(request.email, text.subject, text.body)
        with deps.system_uow() as uow:
            uow.account_email_requests.mark_sent(request.id)  # kept until its link is followed
    else:
        _forget(deps, request)  # a note for an owner who no longer has an account: nothing to say


def _forget(deps: MailDeps, request: AccountEmailRequest) -> None:
    with deps.system_uow() as uow:
        uow.account_email_requests.delete(request.id)


def stuck_account_emails(uow: UnitOfWork) -> list[QueuedJob]:
    """Sweeper finder: the job again for each account email stored but never handled (its enqueue failed
    after the commit, or Redis lost it), until the request expires."""
    ids = uow.account_email_requests.unsent(older_than=STUCK_AFTER, newer_than=CONFIRM_LIFETIME)
    return [SendAccountEmail(request_id=request_id) for request_id in ids]
