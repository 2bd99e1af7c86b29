"""tenant.provision gives an account its rows once; mail.account sends what an account request calls for (a
reset link, a confirmation link, a note to an existing owner) and keeps only what a later click needs."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest

from schemas.jobs import ProvisionTenant, SendAccountEmail
from services.handlers.mail import MailDeps, send_account_email
from services.handlers.tenant import provision_tenant
from services.usecases.sign_up import CONFIRM_LIFETIME, _request_id
from tests.unit.handlers.fakes import FakeMailer, FakeResetSender

SECRET = "s" * 40


def test_provisioning_creates_the_tenants_rows_once(backend, tenant) -> None:
    job = ProvisionTenant(user_id=tenant)
    assert provision_tenant(job, tenant_uow=backend.tenant_uow) is True
    assert provision_tenant(job, tenant_uow=backend.tenant_uow) is False  # a redelivered job
    assert tenant in backend.db.profiles and tenant in backend.db.bot_config and tenant in backend.db.sessions
    assert [(a["action"], a["detail"]) for a in backend.db.audit_logs] == [
        ("tenant.provisioned", {"job_id": str(job.job_id)})]


@pytest.fixture
def mail(backend) -> MailDeps:
    return MailDeps(system_uow=backend.system_uow, accounts=FakeResetSender(), mailer=FakeMailer(),
                    base_url="https://salesboy.example.com", secret_key=SECRET)


def _request(backend, purpose: str, email: str, **values):
    with backend.system_uow() as uow:
        request_id = uow.account_email_requests.add(purpose, email, **values)
    return request_id


def test_a_reset_request_asks_the_accounts_backend_and_is_forgotten(backend, mail) -> None:
    request_id = _request(backend, "password_reset", "Ada@Example.com")
    send_account_email(SendAccountEmail(request_id=request_id), deps=mail)
    assert mail.accounts.resets == [("ada@example.com", "https://salesboy.example.com")]
    assert backend.db.account_email_requests == {}


def test_a_new_sign_up_gets_a_confirmation_link_and_is_kept_for_it(backend, mail) -> None:
    request_id = _request(backend, "sign_up", "new@example.com", password_hash="$argon2id$...")
    send_account_email(SendAccountEmail(request_id=request_id), deps=mail)
    [sent] = mail.mailer.sent
    assert sent["to"] == "new@example.com" and "48 hours" in sent["body"]
    token = re.search(r"https://salesboy\.example\.com/\S+?[=/]([\w.-]{20,})", sent["body"]).group(1)
    assert _request_id(SECRET, token) == request_id  # the link confirms exactly this request
    assert backend.db.account_email_requests[request_id]["sent_at"] is not None
    send_account_email(SendAccountEmail(request_id=request_id), deps=mail)  # redelivered
    assert len(mail.mailer.sent) == 1


def test_signing_up_with_an_owners_address_tells_the_owner_instead(backend, mail) -> None:


    backend.db.users[uuid.uuid4()] = {"email": "ada@example.com"}
    request_id = _request(backend, "sign_up", "ada@example.com", password_hash="$argon2id$...")
    send_account_email(SendAccountEmail(request_id=request_id), deps=mail)
    [sent] = mail.mailer.sent
    assert sent["to"] == "ada@example.com" and sent["subject"].startswith("Someone tried to sign up")
    assert backend.db.account_email_requests == {}


def test_a_note_for_an_owner_who_left_sends_nothing(backend, mail) -> None:
    request_id = _request(backend, "sign_up", "gone@example.com")
    send_account_email(SendAccountEmail(request_id=request_id), deps=mail)
    assert mail.mailer.sent == [] and backend.db.account_email_requests == {}


def test_old_requests_are_cleared_and_never_sent(backend, mail) -> None:
    old = _request(backend, "sign_up", "late@example.com", password_hash="$argon2id$...")
    backend.db.clock.advance((CONFIRM_LIFETIME + timedelta(minutes=1)).total_seconds())
    send_account_email(SendAccountEmail(request_id=old), deps=mail)
    assert mail.mailer.sent == [] and backend.db.account_email_requests == {}
