"""How a request reaches the container built for its app."""

from __future__ import annotations

from flask import current_app

from services.bootstrap import App


def container() -> App:
    return current_app.extensions["salesboy"]
