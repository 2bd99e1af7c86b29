"""Account emails: through SMTP when configured; otherwise, outside production only, written to the log.

In production without SMTP an email is refused, never logged: a reset or confirmation
link in a log file is a way into the account for whoever reads the logs.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from schemas.settings import Settings
from services.core.errors import PermanentError, TransientError

log = logging.getLogger(__name__)


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class MailNotConfiguredError(PermanentError):
    """Production without SMTP_HOST: account emails cannot go out."""


def can_send_mail(settings: Settings) -> bool:
    return bool(settings.smtp_host) or not settings.is_production


def make_mailer(settings: Settings) -> Mailer:
    if settings.smtp_host:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return SmtpMailer(settings.smtp_host, settings.smtp_port, sender=settings.smtp_sender,
                          username=settings.smtp_username, password=password, starttls=settings.smtp_starttls)
    if settings.is_production:
        return UnconfiguredMailer()
    return LogMailer()


class SmtpMailer:
    def __init__(self, host: str, port: int, *, sender: str, username: str | None = None,
                 password: str | None = None, starttls: bool = True, timeout: float = 10.0) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._username, self._password = username, password
        self._starttls, self._timeout = starttls, timeout

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self._sender, to, subject
        message.set_content(body)
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                if self._starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self._username:
                    smtp.login(self._username, self._password or "")
                smtp.send_message(message)
        except smtplib.SMTPServerDisconnected as exc:
            raise TransientError(f"the mail server hung up: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            # 4xx is the server saying "later": worth a retry. 5xx (bad login, refused sender) is raised as it
            # is, and the job is recorded as failed at once: a retry would get the same answer.
            if 400 <= exc.smtp_code < 500:
                raise TransientError(f"the mail server answered {exc.smtp_code}: {exc.smtp_error!r}") from exc
            raise
        log.info("email sent", extra={"subject": subject})


class LogMailer:
    """Development and tests without SMTP: the operator reads the email (and its link) in the worker's log."""

    def send(self, to: str, subject: str, body: str) -> None:
        log.warning("email not sent (SMTP_HOST is not set); its text follows",
                    extra={"to": to, "subject": subject, "body": body})


class UnconfiguredMailer:
    """Production without SMTP: refuses, so a link is never written where it should not be."""

    def send(self, to: str, subject: str, body: str) -> None:
        raise MailNotConfiguredError(f"cannot send {subject!r}: SMTP_HOST is not set")
