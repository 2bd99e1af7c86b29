"""Logins in Supabase Auth, through supabase-py's auth client.

Supabase keeps the users in the same Postgres (`auth.users`), so tenant rows
reference them as they do local accounts. Password-reset emails come from
Supabase: its "Reset password" template should link to
`<PUBLIC_URL>/reset/{{ .TokenHash }}`; that page verifies the token hash
(`verify_otp`, type recovery) and sets the new password with the session it gives.
"""

from __future__ import annotations

import uuid

from supabase_auth import SyncGoTrueClient
from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError

from services.accounts import ALREADY_REGISTERED, AccountError, AccountServiceUnavailableError

UNAVAILABLE = "the sign-in service is not reachable right now; try again in a minute"


class SupabaseAccounts:
    def __init__(self, url: str, api_key: str, *, timeout: float = 10.0) -> None:
        self._url = url.rstrip("/") + "/auth/v1"
        self._headers = {"apikey": api_key, "Authorization": f"Bearer {api_key}"}
        self._timeout = timeout

    def _client(self) -> SyncGoTrueClient:
        # One client per call: each holds the session of the one user it acts for.
        import httpx

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
                raise AccountError(ALREADY_REGISTERED, "email") from None
            if exc.code == "weak_password":
                raise AccountError(exc.message, "password") from None
            raise AccountError(exc.message, "email") from None
        if answer.user is None:
            raise AccountError(ALREADY_REGISTERED, "email")
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

    def send_reset(self, email: str, reset_url: str) -> None:
        try:
            self._client().reset_password_for_email(email, {"redirect_to": reset_url})
        except AuthRetryableError:
            raise AccountServiceUnavailableError(UNAVAILABLE) from None
        except AuthApiError:
            return  # unknown email or a rate limit: the page answers the same either way

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
