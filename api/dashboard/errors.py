"""Errors on dashboard pages come back as a page, with the same reason the API would give."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from api.dashboard.web import NAV
from api.errors import error_response
from pipelines import plain_words

MACHINE_PREFIXES = ("/api/", "/healthz", "/readyz", "/metrics", "/assets/")


def wants_page() -> bool:
    return not request.path.startswith(MACHINE_PREFIXES)


def error_page(status: int, message: str | None):
    title, standard = plain_words.http_error(status)
    message = message or standard
    if status == 429:
        message = f"Too many attempts in a short time ({message}). Wait a minute, then try again."
    return render_template("error.html", nav=NAV, status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        message = "This form expired or did not come from Salesboy. Reload the page and try again."
        if wants_page():
            return error_page(400, message)
        return error_response(400, "csrf_failed", f"{message} ({exc.description})")
