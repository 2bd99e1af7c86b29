"""Errors on dashboard pages come back as a page, with the same reason the API would give."""

from __future__ import annotations

from flask import Flask, render_template, request

from api.dashboard.web import NAV

MACHINE_PREFIXES = ("/api/", "/healthz", "/readyz", "/metrics", "/assets/")
TITLES = {400: "That request could not be used", 401: "Please sign in", 403: "Not allowed",
          404: "Not found", 413: "Too large", 429: "Too many attempts", 500: "Something went wrong"}


def wants_page() -> bool:
    return not request.path.startswith(MACHINE_PREFIXES)


def error_page(status: int, message: str):
    title = TITLES.get(status, "Something went wrong")
    if status == 429:
        message = f"Too many attempts in a short time ({message}). Wait a minute, then try again."
    return render_template("error.html", nav=NAV, status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        message = "This form expired or did not come from Salesboy. Reload the page and try again."
        if wants_page():
            return error_page(400, message)
        from api.errors import error_response

        return error_response(400, "csrf_failed", f"{message} ({exc.description})")
