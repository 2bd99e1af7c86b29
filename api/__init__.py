"""Salesboy's HTTP API. `create_app()` is the only way an app is built."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from api import bot, dashboard, errors, health, kb, messages, observability, openapi, rest, sessions, stream, tasks
from api.dashboard import errors as dashboard_errors
from api.dashboard import kb_page
from schemas.settings import Settings, revealed
from services.adapters.logging import configure_logging
from services.bootstrap import App, bootstrap
from services.runtime.runtime import refuse_privileged_runtime, resolve_database_url, resolve_redis_url


def create_app(settings: Settings | None = None, container: App | None = None) -> Flask:
    settings = settings or Settings()
    if container is None:
        configure_logging(settings.log_level, settings.resolved_log_dir, "api")
        database_url, _ = resolve_database_url(settings, start=False)
        refuse_privileged_runtime(settings, database_url)
        redis_url, _ = resolve_redis_url(settings, start=False)
        container = bootstrap(settings, database_url=database_url, redis_url=redis_url)

    here = Path(__file__).resolve().parent
    app = Flask("salesboy", root_path=str(here), template_folder="templates", static_folder="static")
    app.config.update(
        SECRET_KEY=revealed(settings.secret_key, "SALESBOY_SECRET_KEY"),
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        JSON_SORT_KEYS=False,
    )
    app.extensions["salesboy"] = container
    if settings.trusted_proxies:
        n = settings.trusted_proxies
        # Werkzeug's documented way to put middleware in front of a Flask app.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=0)
    # The per-file limit is the knowledge base's own (the App's settings), which the page shows.
    file_limit = container.settings.kb_max_upload_bytes
    _upload_limits(app, settings.max_request_bytes, file_limit)
    observability.init_app(app)
    dashboard.init_app(app, container, settings)
    errors.init_app(app, wants_page=dashboard_errors.wants_page, error_page=dashboard_errors.error_page,
                    file_limit_bytes=file_limit)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(kb.blueprint)
    app.register_blueprint(stream.blueprint)
    app.register_blueprint(messages.blueprint)
    app.register_blueprint(tasks.blueprint)
    sessions.init_app(app, settings)
    app.register_blueprint(bot.blueprint)
    app.register_blueprint(rest.blueprint)
    app.register_blueprint(openapi.blueprint)
    openapi.versioned_aliases(app)
    return app


# Upload views and how many files each accepts at once; the multipart boundaries and the form's other fields
# get an allowance on top. Werkzeug spools every file part over 500 KB to a temporary file, so a large
# request costs disk, not memory, and the views read one file at a time.
UPLOAD_ENDPOINTS = {"kb_page.upload": kb_page.MAX_FILES, "kb.upload": 1}
FORM_ALLOWANCE = 1024 * 1024


def _upload_limits(app: Flask, request_limit: int, file_limit: int) -> None:
    """Every file an upload view allows may be at the per-file limit: a request of them all is not refused
    whole. Registered before every other hook, as the CSRF check reads the form."""

    @app.before_request
    def _allow_the_files() -> None:
        files = UPLOAD_ENDPOINTS.get(request.endpoint or "")
        if files:
            request.max_content_length = max(request_limit, files * file_limit + FORM_ALLOWANCE)
