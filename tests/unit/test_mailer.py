"""Account emails over real SMTP (smtplib against a local server), or into the log."""

from __future__ import annotations

import logging
import smtplib

import pytest

from services.adapters.mailer import LogMailer, SmtpMailer
from tests.fakes.smtp_server import FakeSmtp


@pytest.fixture
def smtp():
    server = FakeSmtp(username="salesboy", password="s3cret")
    yield server
    server.stop()


def test_smtp_delivers_with_login(smtp):
    mailer = SmtpMailer("127.0.0.1", smtp.port, sender="Salesboy <no-reply@shop.example>", username="salesboy",
                        password="s3cret", starttls=False, timeout=5)
    mailer.send("ama@example.com", "Reset your Salesboy password", "Follow https://shop.example/reset/abc")
    (message,) = smtp.messages
    assert message["To"] == "ama@example.com" and message["Subject"] == "Reset your Salesboy password"
    assert "https://shop.example/reset/abc" in message.get_payload()
    assert smtp.envelopes == [("no-reply@shop.example", ["ama@example.com"])]


def test_smtp_refusal_is_raised_not_swallowed(smtp):
    mailer = SmtpMailer("127.0.0.1", smtp.port, sender="x@shop.example", username="salesboy", password="wrong",
                        starttls=False, timeout=5)
    with pytest.raises(smtplib.SMTPAuthenticationError):
        mailer.send("ama@example.com", "s", "b")
    assert smtp.messages == []


def test_without_smtp_the_email_goes_to_the_log(caplog):
    with caplog.at_level(logging.WARNING, logger="services.adapters.mailer"):
        LogMailer().send("ama@example.com", "Reset", "the link: https://x/reset/t")
    record = caplog.records[-1]
    assert record.body == "the link: https://x/reset/t" and record.to == "ama@example.com"
