"""Owner alerts by email: sent once to the business's owner email through real SMTP, failures recorded."""

from __future__ import annotations

import pytest

from schemas.jobs import EmailOwnerAlert, ProvisionTenant
from services.bootstrap import bootstrap
from services.core.errors import PermanentError
from services.handlers import dispatch
from services.handlers.tenant import provision_tenant
from tests.conftest import create_user
from tests.fakes.smtp_server import FakeSmtp
from tests.integration.messaging import _configure

TRACE = "0" * 32


@pytest.fixture
def smtp():
    server = FakeSmtp()
    yield server
    server.stop()


@pytest.fixture
def mailing(settings, database_url, redis_url, smtp):
    configured = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port,
                                             "smtp_starttls": False})
    container = bootstrap(configured, database_url=database_url, redis_url=redis_url)
    yield container
    container.close()


def _tenant(container, email=None):
    user = create_user(container, email)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    return user


def _alert(container, user, key="task-1"):
    with container.tenant_uow(user) as uow:
        return uow.alerts.add(user_id=user, key=key, kind="task_failed", title="An order could not be completed",
                              detail="n8n answered 503 three times.", task_id=None, chat_id="2348011@c.us")


def test_an_alert_is_emailed_once_to_the_owner_email(mailing, smtp):
    assert mailing.task_rules.email_alerts  # SMTP set: alert_owner queues the email
    user = _tenant(mailing)
    _configure(mailing, user, task_settings={"owner_email": "boss@shop.test"})
    alert_id = _alert(mailing, user)
    job = EmailOwnerAlert(user_id=user, alert_id=alert_id, trace_id=TRACE)
    dispatch.email_alert(job, deps=mailing.dispatch)
    dispatch.email_alert(job, deps=mailing.dispatch)  # redelivered: already emailed, nothing more
    (sent,) = [m for m in smtp.messages if m["To"] == "boss@shop.test"]
    assert sent["Subject"] == "Salesboy: An order could not be completed"
    assert "n8n answered 503 three times." in sent.get_payload(decode=True).decode()
    with mailing.tenant_uow(user) as uow:
        assert uow.alerts.get(alert_id).emailed_at is not None


def test_without_an_owner_email_the_account_email_is_used(mailing, smtp):
    user = _tenant(mailing, "ada-alerts@example.test")
    alert_id = _alert(mailing, user, key="handoff-1")
    dispatch.email_alert(EmailOwnerAlert(user_id=user, alert_id=alert_id, trace_id=TRACE), deps=mailing.dispatch)
    assert [m["To"] for m in smtp.messages] == ["ada-alerts@example.test"]


def test_a_refused_address_is_a_permanent_failure_recorded_on_the_alert(mailing, smtp):
    user = _tenant(mailing)
    _configure(mailing, user, task_settings={"owner_email": "gone@shop.test"})
    smtp.unknown_mailboxes.add("gone@shop.test")
    alert_id = _alert(mailing, user)
    job = EmailOwnerAlert(user_id=user, alert_id=alert_id, trace_id=TRACE)
    with pytest.raises(PermanentError, match=r"gone@shop\.test") as refused:
        dispatch.email_alert(job, deps=mailing.dispatch)
    dispatch.email_alert_failed(job, refused.value, deps=mailing.dispatch)  # what the give-up table calls
    assert smtp.messages == []
    with mailing.tenant_uow(user) as uow:
        alert = uow.alerts.get(alert_id)
    assert alert.emailed_at is None and "gone@shop.test" in alert.email_error
