"""The business owner's web dashboard: server-rendered pages on the same services as the REST API."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask, abort, request, send_from_directory
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from schemas.settings import Settings
from services.bootstrap import Container

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Called by machines that sign each request instead of holding a session.
SIGNED_ENDPOINTS = {"messages.whatsapp_webhook", "tasks.n8n_callback"}
# Files the pages load, installed from npm by the setup command (never from a CDN).
VENDOR_ASSETS = {"pico.min.css": Path("@picocss") / "pico" / "css" / "pico.min.css"}
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def init_app(app: Flask, container: Container, settings: Settings) -> None:
    from api.dashboard import (
        accounts,
        contacts,
        errors,
        kb_page,
        logs,
        overview,
        playground,
        sessions_page,
        settings_page,
    )

    secure = settings.session_cookie_secure
    if secure is None:
        secure = (settings.public_url or "").startswith("https://")
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="salesboy_session", PERMANENT_SESSION_LIFETIME=timedelta(days=7),
        WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_SSL_STRICT=secure,
    )
    csrf = CSRFProtect(app)

    @app.before_request
    def _csrf_for_sessions():
        # A request that proves itself with an API key or a signature carries no ambient cookie authority.
        if request.method in SAFE_METHODS or request.headers.get("X-API-KEY"):
            return
        if request.endpoint in SIGNED_ENDPOINTS or request.routing_exception is not None:
            return
        csrf.protect()

    limiter = Limiter(get_remote_address, app=app, storage_uri=container.redis_url,
                      storage_options={"socket_timeout": 5}, strategy="moving-window",
                      headers_enabled=True, swallow_errors=False)
    app.extensions["salesboy.limiter"] = limiter

    for module in (accounts, overview, sessions_page, kb_page, contacts, logs, settings_page, playground):
        app.register_blueprint(module.blueprint)

    def per_email() -> str:
        return "email:" + request.form.get("email", "").strip().lower()

    # Guessing one account's password is stopped per email; spraying many accounts, per address.
    for endpoint in ("accounts.login", "accounts.reset_request"):
        view = app.view_functions[endpoint]
        view = limiter.limit(settings.login_rate_limit_per_ip, methods=["POST"])(view)
        app.view_functions[endpoint] = limiter.limit(settings.login_rate_limit, methods=["POST"],
                                                     key_func=per_email)(view)

    vendor_root = Path(__file__).resolve().parents[2] / "node_modules"

    @app.get("/assets/vendor/<name>")
    def vendor_asset(name: str):
        relative = VENDOR_ASSETS.get(name)
        if relative is None:
            abort(404, description="no such asset")
        return send_from_directory(vendor_root / relative.parent, relative.name, max_age=86_400)

    @app.after_request
    def _page_headers(response):
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.template_global()
    def is_current(endpoint: str) -> bool:
        here = request.endpoint or ""
        blueprint_name = endpoint.split(".", maxsplit=1)[0]
        # Whitelist and groups share a blueprint but are two pages.
        return here == endpoint or (blueprint_name != "contacts" and here.split(".")[0] == blueprint_name)

    errors.init_app(app)
