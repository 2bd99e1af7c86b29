"""The business owner's web dashboard: server-rendered pages on the same services as the REST API."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, abort, request, send_from_directory, session, url_for
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from api.api_keys import api_key_tenant, carries_api_key
from api.dashboard import (
    account_page,
    accounts,
    contacts,
    errors,
    intents_page,
    kb_page,
    logs,
    overview,
    playground,
    sessions_page,
    settings_page,
    task_settings_page,
)
from api.dashboard.accounts import sign_up_was_tried, too_many_sign_ups
from api.dashboard.web import signed_in_user
from api.errors import error_response
from pipelines import plain_words
from schemas.settings import Settings
from services.bootstrap import App

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Called by machines that sign each request instead of holding a session.
SIGNED_ENDPOINTS = {"messages.whatsapp_webhook", "tasks.n8n_callback"}
# Files the pages load, installed from npm by the setup command (never from a CDN).
VENDOR_ASSETS = {"pico.min.css": Path("@picocss") / "pico" / "css" / "pico.min.css"}
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def init_app(app: Flask, container: App, settings: Settings) -> None:
    secure = settings.session_cookie_secure
    if secure is None:
        secure = (settings.public_url or "").startswith("https://")
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="salesboy_session", PERMANENT_SESSION_LIFETIME=timedelta(days=7),
        WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_SSL_STRICT=secure,
    )
    csrf = CSRFProtect(app)
    app.extensions["salesboy.settings"] = settings
    @app.before_request
    def _csrf_for_sessions():
        if request.method in SAFE_METHODS:
            return
        if request.endpoint in SIGNED_ENDPOINTS or request.routing_exception is not None:
            return
        # Only a valid key is exempt: such a request is judged by its key alone, never by a cookie
        # (api/auth.py), so a made-up key is no way around the CSRF check for a cookie's request.
        if carries_api_key():
            if api_key_tenant() is None:
                abort(401, description="the API key is not valid: it was revoked or mistyped")
            return
        csrf.protect()

    @app.before_request
    def _forget_ended_session():
        # A cookie whose session was ended elsewhere is dropped on any page, not only on those that need
        # a sign-in, so no page shows the signed-in menu for it (one indexed lookup, cached for the request).
        if "sid" in session and request.endpoint not in ("static", "vendor_asset"):
            signed_in_user()

    limiter = Limiter(get_remote_address, app=app, storage_uri=container.redis_url,
                      storage_options={"socket_timeout": 5}, strategy="moving-window",
                      headers_enabled=True, swallow_errors=False)
    app.extensions["salesboy.limiter"] = limiter

    for module in (accounts, account_page, overview, sessions_page, kb_page, contacts, logs, settings_page,
                   task_settings_page, intents_page, playground):
        app.register_blueprint(module.blueprint)

    _limit_account_forms(app, limiter, settings)

    vendor_root = Path(__file__).resolve().parents[2] / "node_modules"

    @app.get("/assets/vendor/<name>")
    def vendor_asset(name: str):
        relative = VENDOR_ASSETS.get(name)
        if relative is None:
            abort(404, description="no such asset")
        return send_from_directory(vendor_root / relative.parent, relative.name, max_age=86_400)

    @app.get("/favicon.ico")
    def favicon():  # browsers ask for it on every page, the API's description included
        return send_from_directory(app.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=86_400)

    @app.after_request
    def _page_headers(response):
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.template_global()
    def page_link(step: int) -> str:
        """This list's URL, `step` pages further (filters kept)."""
        try:
            current = max(1, int(request.args.get("page", "1")))
        except ValueError:
            current = 1
        values: dict[str, Any] = {**(request.view_args or {}), **request.args.to_dict(),
                                  "page": str(max(1, current + step))}
        if request.endpoint is None:
            raise RuntimeError("a list's page link outside a routed request")
        return url_for(request.endpoint, **values)

    @app.template_global()
    def is_current(endpoint: str) -> bool:
        here = request.endpoint or ""
        blueprint_name = endpoint.split(".", maxsplit=1)[0]
        # Whitelist and groups share a blueprint but are two pages; intents are part of the bot settings.
        here_blueprint = {"intents_page": "settings_page"}.get(here.split(".")[0], here.split(".")[0])
        return here == endpoint or (blueprint_name != "contacts" and here_blueprint == blueprint_name)

    _plain_words_filters(app)
    errors.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(exc: RateLimitExceeded):
        # A limit may bring its own page (sign-up explains itself); the others get the common error answer.
        if exc.response is not None:
            return exc.response
        if errors.wants_page():
            return errors.error_page(429, exc.description)
        return error_response(429, "too_many_requests", exc.description)


def _plain_words_filters(app: Flask) -> None:
    """Templates say states, decisions and errors in the owner's words (pipelines/plain_words.py)."""
    app.add_template_filter(plain_words.session_state, "session_words")
    app.add_template_filter(plain_words.session_retrying, "session_retrying")
    app.add_template_filter(plain_words.session_error, "session_error")
    app.add_template_filter(plain_words.outcome, "outcome_words")
    app.add_template_filter(plain_words.intent, "intent_words")
    app.add_template_filter(plain_words.reason, "reason_words")
    app.add_template_global(plain_words.didnt_know, "didnt_know")
    app.add_template_global(plain_words.shown_outcome, "shown_outcome")
    app.add_template_filter(plain_words.task_type, "task_words")
    app.add_template_filter(plain_words.task_status, "task_status_words")
    app.add_template_filter(plain_words.task_failure, "task_failure")
    app.add_template_filter(plain_words.document_status, "document_words")
    app.add_template_global(plain_words.audit_sentence, "audit_sentence")
    app.add_template_global(plain_words.trace_story, "trace_story")
    app.add_template_global(plain_words.stage_details, "stage_details")


def _limit_account_forms(app: Flask, limiter: Limiter, settings: Settings) -> None:
    """Limits on the forms that guess passwords, send emails or create accounts.

    Sign-in is limited per (email, client address), not per email alone: otherwise anyone
    could keep an owner out of their own account by spraying wrong passwords at their
    email. The per-address limit stops one client guessing; a spray spread over many
    addresses still meets each address's limit. Reset requests stay limited per email
    alone, so nobody can flood an inbox with reset links from many addresses.
    """
    def email() -> str:
        return request.form.get("email", "").strip().lower()

    def per_email() -> str:
        return "email:" + email()

    def per_email_and_address() -> str:
        return f"email:{email()}|{get_remote_address()}"

    def limit(endpoint: str, value: str, key_func=None, on_breach=None, deduct_when=None) -> None:
        # flask-limiter's decorator is typed for async views too; the view it wraps here is a plain one.
        limited = limiter.limit(value, methods=["POST"], key_func=key_func, on_breach=on_breach,
                                deduct_when=deduct_when)
        app.view_functions[endpoint] = limited(app.view_functions[endpoint])  # type: ignore[assignment]

    limit("accounts.login", settings.login_rate_limit_per_ip)
    limit("accounts.login", settings.login_rate_limit, per_email_and_address)
    limit("accounts.reset_request", settings.login_rate_limit_per_ip)
    limit("accounts.reset_request", settings.login_rate_limit, per_email)
    # Sign-ups count once they get past the form's checks (sign_up_was_tried): a reached limit still refuses
    # every post, but typing mistakes never use it up.
    limit("accounts.signup", settings.signup_rate_limit, on_breach=too_many_sign_ups, deduct_when=sign_up_was_tried)
    limit("accounts.signup", settings.signup_rate_limit, per_email, on_breach=too_many_sign_ups,
          deduct_when=sign_up_was_tried)
