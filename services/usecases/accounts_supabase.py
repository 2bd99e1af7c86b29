"""Logins in Supabase Auth, through supabase-py's auth client.

Supabase keeps the users in the same Postgres (`auth.users`), so tenant rows
reference them as they do local accounts. Password-reset emails come from
Supabase (asked by the mail worker, so the request page takes the same time whether
or not the account exists): its "Reset password" template should link to
`<PUBLIC_URL>/reset/{{ .TokenHash }}`; that page verifies the token hash
(`verify_otp`, type recovery) and sets the new password with the session it gives.
"""

from __future__ import annotations

import uuid

import httpx
from supabase_auth import SyncGoTrueClient
from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError

from pipelines import account_emails
from services.core.errors import PermanentError, TransientError
from services.usecases.accounts import (
    ALREADY_REGISTERED,
    AccountError,
    AccountServiceUnavailableError,
    EmailTakenError,
)

UNAVAILABLE = "the sign-in service is not reachable right now; try again in a minute"


class SupabaseAccounts:
    def __init__(self, url: str, api_key: str, *, timeout: float = 10.0) -> None:
        self._url = url.rstrip("/") + "/auth/v1"
        self._headers = {"apikey": api_key, "Authorization": f"Bearer {api_key}"}
        self._timeout = timeout

    def _client(self) -> SyncGoTrueClient:
        # One client per call: each holds the session of the one user it acts for.

        return SyncGoTrueClient(url=self._url, headers=self._headers, auto_refresh_token=False,
                                persist_session=True, http_client=httpx.Client(timeout=self._timeout))

    def register(self, email: str, password: str, display_name: str) -> tuple[uuid.UUID, bool]:
        try:
            answer = self._client().sign_up({"email": email, "password": password,
                                             "options": {"data": {"display_name": display_name}}})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthApiError as exc:
            if exc.code in ("user_already_exists", "email_exists"):
                raise EmailTakenError(ALREADY_REGISTERED, "email") from None
            if exc.code == "weak_password":
                raise AccountError(exc.message, "password") from None
            raise AccountError(exc.message, "email") from None
        # With confirmations on, Supabase answers a taken address with a stand-in user that has no identities.
        if answer.user is None or answer.user.identities == []:
            raise EmailTakenError(ALREADY_REGISTERED, "email")
        # With email confirmation on, Supabase gives no session until the link in its email is followed.
        return uuid.UUID(answer.user.id), answer.session is not None

    def verify(self, email: str, password: str) -> uuid.UUID | None:
        try:
            answer = self._client().sign_in_with_password({"email": email, "password": password})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthApiError:
            return None
        return uuid.UUID(answer.user.id) if answer.user else None

    def change_password(self, user_id: uuid.UUID, email: str, current: str, new: str) -> None:
        client = self._client()
        try:
            client.sign_in_with_password({"email": email, "password": current})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthApiError:
            raise AccountError("the current password is not right", "current_password") from None
        self._set_password(client, new, "new_password")

    def send_reset(self, email: str, base_url: str) -> None:
        """Ask Supabase to email its reset link (run by the mail worker: failures raise, to be retried)."""
        redirect_to = account_emails.link(base_url, account_emails.RESET_PATH)
        try:
            self._client().reset_password_for_email(email, {"redirect_to": redirect_to})
        except AuthRetryableError as exc:
            raise TransientError(f"Supabase Auth did not answer: {exc}") from exc
        except AuthApiError as exc:
            # Supabase answers the same for unknown emails; an error here is a real one (its own rate limit, ...).
            kind = TransientError if exc.status == 429 else PermanentError
            raise kind(f"Supabase Auth refused the reset email: {exc.code}: {exc.message}") from exc

    def finish_reset(self, token: str, new: str) -> uuid.UUID:
        client = self._client()
        try:
            answer = client.verify_otp({"token_hash": token, "type": "recovery"})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthApiError:
            raise AccountError("this reset link is not valid, was already used or has expired; ask for a new one") \
                from None
        if answer.user is None or answer.session is None:
            raise AccountError("this reset link is not valid; ask for a new one")
        self._set_password(client, new, "password")
        return uuid.UUID(answer.user.id)

    @staticmethod
    def _set_password(client: SyncGoTrueClient, new: str, field: str) -> None:
        try:
            client.update_user({"password": new})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthError as exc:
            raise AccountError(exc.message, field) from None
