"""A local Supabase Auth (GoTrue) server: the `/auth/v1` endpoints supabase-py's auth client calls.

Like Supabase, it keeps users in the project's own Postgres (`auth.users`, bcrypt hashes),
so tenant rows can reference them. Errors use GoTrue's body (`code`, `error_code`, `msg`)
and its API-version header. Emails are not sent: each is recorded in `self.emails`,
with the recovery token hash Supabase's email template would put in the link.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import bcrypt
import psycopg
from psycopg.types.json import Jsonb
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

API_VERSION = "2024-01-01"


@dataclass
class Email:
    to: str
    kind: str
    token_hash: str
    redirect_to: str | None


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


class _Refusal(Exception):
    def __init__(self, status: int, error_code: str, msg: str) -> None:
        super().__init__(msg)
        self.status, self.error_code, self.msg = status, error_code, msg


class FakeGoTrue:
    def __init__(self, database_url: str, *, api_key: str = "anon-test-key", confirm_email: bool = False,
                 recovery_ttl: float = 3600) -> None:
        self.database_url = database_url
        self.api_key = api_key
        self.confirm_email = confirm_email
        self.recovery_ttl = recovery_ttl
        self.emails: list[Email] = []
        self._tokens: dict[str, uuid.UUID] = {}  # access token -> user
        self._recovery: dict[str, tuple[uuid.UUID, float]] = {}
        self.down = False
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_Quiet)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def stop(self) -> None:
        self._server.shutdown()

    # --- HTTP ----------------------------------------------------------------------------------

    def _app(self, environ, start_response):
        request = Request(environ)
        try:
            if self.down:
                raise _Refusal(503, "unavailable", "Service Unavailable")
            if request.headers.get("apikey") != self.api_key:
                raise _Refusal(401, "no_api_key", "Invalid API key")
            body = request.get_json(silent=True) or {}
            route = (request.method, request.path)
            handlers = {("POST", "/auth/v1/signup"): self._signup, ("POST", "/auth/v1/token"): self._token,
                        ("POST", "/auth/v1/recover"): self._recover, ("POST", "/auth/v1/verify"): self._verify,
                        ("PUT", "/auth/v1/user"): self._update_user}
            if route not in handlers:
                raise _Refusal(404, "not_found", "Not found")
            status, payload = handlers[route](request, body)
        except _Refusal as refusal:
            status, payload = refusal.status, {"code": refusal.status, "error_code": refusal.error_code,
                                               "msg": refusal.msg}
        response = Response(json.dumps(payload, default=str), status=status, content_type="application/json")
        response.headers["X-Supabase-Api-Version"] = API_VERSION
        return response(environ, start_response)

    def _signup(self, request, body):
        email, password = str(body.get("email", "")).lower(), str(body.get("password", ""))
        if len(password) < 6:
            raise _Refusal(422, "weak_password", "Password should be at least 6 characters.")
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            if conn.execute("select 1 from auth.users where email = %s", [email]).fetchone():
                raise _Refusal(422, "user_already_exists", "User already registered")
            confirmed = None if self.confirm_email else datetime.now(UTC)
            row = conn.execute(
                """insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
                   values (%s, %s, %s, %s) returning id""",
                [email, bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode(), confirmed,
                 Jsonb(body.get("data") or {})]).fetchone()
        user = self._user(row[0])
        return 200, (user if self.confirm_email else self._session(row[0]))

    def _token(self, request, body):
        if request.args.get("grant_type") != "password":
            raise _Refusal(400, "validation_failed", "unsupported grant_type")
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            row = conn.execute("select id, encrypted_password, email_confirmed_at from auth.users where email = %s",
                               [str(body.get("email", "")).lower()]).fetchone()
        if row is None or not row[1] or not bcrypt.checkpw(str(body.get("password", "")).encode(), row[1].encode()):
            raise _Refusal(400, "invalid_credentials", "Invalid login credentials")
        if row[2] is None:
            raise _Refusal(400, "email_not_confirmed", "Email not confirmed")
        return 200, self._session(row[0])

    def _recover(self, request, body):
        email = str(body.get("email", "")).lower()
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            row = conn.execute("select id from auth.users where email = %s", [email]).fetchone()
        if row is not None:  # GoTrue answers 200 either way
            token_hash = secrets.token_hex(28)
            self._recovery[token_hash] = (row[0], time.time() + self.recovery_ttl)
            self.emails.append(Email(email, "recovery", token_hash, request.args.get("redirect_to")))
        return 200, {}

    def _verify(self, request, body):
        found = self._recovery.pop(str(body.get("token_hash", "")), None) if body.get("type") == "recovery" else None
        if found is None or found[1] < time.time():
            raise _Refusal(403, "otp_expired", "Email link is invalid or has expired")
        return 200, self._session(found[0])

    def _update_user(self, request, body):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        user_id = self._tokens.get(token)
        if user_id is None:
            raise _Refusal(401, "bad_jwt", "invalid JWT")
        password = body.get("password")
        if password is not None:
            if len(str(password)) < 6:
                raise _Refusal(422, "weak_password", "Password should be at least 6 characters.")
            with psycopg.connect(self.database_url, autocommit=True) as conn:
                conn.execute("update auth.users set encrypted_password = %s, updated_at = now() where id = %s",
                             [bcrypt.hashpw(str(password).encode(), bcrypt.gensalt(rounds=4)).decode(), user_id])
        return 200, self._user(user_id)

    # --- shapes --------------------------------------------------------------------------------

    def _user(self, user_id: uuid.UUID) -> dict:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            email, created, confirmed, meta = conn.execute(
                "select email, created_at, email_confirmed_at, raw_user_meta_data from auth.users where id = %s",
                [user_id]).fetchone()
        return {"id": str(user_id), "aud": "authenticated", "role": "authenticated", "email": email,
                "email_confirmed_at": confirmed, "created_at": created, "app_metadata": {"provider": "email"},
                "user_metadata": meta or {}}

    def _session(self, user_id: uuid.UUID) -> dict:
        token = secrets.token_urlsafe(24)
        self._tokens[token] = user_id
        return {"access_token": token, "refresh_token": secrets.token_urlsafe(12), "token_type": "bearer",
                "expires_in": 3600, "expires_at": int(time.time()) + 3600, "user": self._user(user_id)}
