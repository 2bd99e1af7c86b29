"""Account emails waiting for the mail worker (service role only).

A row is written for every request, whether or not the email belongs to an account,
so the request page does the same work either way; the worker decides what to send.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from services.repositories.repositories import Repository
from services.repositories.rows import one_row

Purpose = Literal["password_reset", "sign_up"]


@dataclass(frozen=True)
class AccountEmailRequest:
    id: uuid.UUID
    purpose: Purpose
    email: str
    password_hash: str | None
    display_name: str | None
    age: timedelta
    sent: bool


class AccountEmailRequestRepository(Repository):
    def add(self, purpose: Purpose, email: str, *, password_hash: str | None = None,
            display_name: str | None = None) -> uuid.UUID:
        return one_row(self.conn.execute(
            """insert into public.account_email_requests (purpose, email, password_hash, display_name)
               values (%s, lower(%s), %s, %s) returning id""",
            [purpose, email.strip(), password_hash, display_name],
        ))[0]

    def get(self, request_id: uuid.UUID) -> AccountEmailRequest | None:
        """Locked until the transaction ends: a confirmation link is used once, even clicked twice at once."""
        row = self.conn.execute(
            """select id, purpose, email, password_hash, display_name, now() - created_at, sent_at is not null
                 from public.account_email_requests where id = %s for update""",
            [request_id],
        ).fetchone()
        return AccountEmailRequest(*row) if row else None

    def mark_sent(self, request_id: uuid.UUID) -> None:
        self.conn.execute("update public.account_email_requests set sent_at = now() where id = %s", [request_id])

    def delete(self, request_id: uuid.UUID) -> None:
        self.conn.execute("delete from public.account_email_requests where id = %s", [request_id])

    def delete_sign_ups(self, email: str) -> None:
        """Once an address has its account, its other pending sign-ups can never be confirmed."""
        self.conn.execute("delete from public.account_email_requests "
                          "where purpose = 'sign_up' and lower(email) = lower(%s)", [email])

    def unsent(self, *, older_than: timedelta, newer_than: timedelta, limit: int = 500) -> list[uuid.UUID]:
        """Requests no mail job has handled yet: sent ones are marked, and the rest deleted once answered."""
        return [row[0] for row in self.conn.execute(
            """select id from public.account_email_requests
                where sent_at is null and created_at < now() - %s and created_at > now() - %s
                order by created_at limit %s""",
            [older_than, newer_than, limit],
        ).fetchall()]

    def delete_older_than(self, age: timedelta) -> int:
        return self.conn.execute("delete from public.account_email_requests where created_at < now() - %s",
                                 [age]).rowcount
