"""Dashboard tests: the Flask app over the real database, driven like a browser would (forms + CSRF)."""

from __future__ import annotations

import re
import uuid

import pytest

from api import create_app
from tests.mail_worker import Inbox, MailWorker

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client that fills in the CSRF token the way a page's form does."""

    def __init__(self, client) -> None:
        self.client = client

    def token(self, path: str = "/login") -> str:
        html = self.client.get(path).get_data(as_text=True)
        found = TOKEN.search(html)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, page: str = "/login", **kwargs):
        return self.client.post(path, data={"csrf_token": self.token(page), **(data or {})}, **kwargs)

    def sign_up(self, email: str | None = None, password: str = "correct horse battery", name: str = "Ada's Shop"):
        email = email or f"owner-{uuid.uuid4().hex[:10]}@example.com"
        response = self.post("/signup", {"display_name": name, "email": email, "password": password}, page="/signup")
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return email


@pytest.fixture(scope="session")
def mail_worker(database_url, redis_url, shared_data_dir):
    """Account emails go out through the `mail` queue: a real worker sends them to a local SMTP server."""
    with MailWorker.shared(database_url, redis_url, shared_data_dir) as worker:
        yield worker


@pytest.fixture
def inbox(mail_worker) -> Inbox:
    return mail_worker.inbox


@pytest.fixture
def app(settings, container, mail_worker):
    # Every test client comes from 127.0.0.1: the per-address limits are tested on their own.
    return create_app(settings.model_copy(update={"login_rate_limit_per_ip": "1000 per minute",
                                                  "signup_rate_limit": "1000 per minute"}), container)


@pytest.fixture
def browser(app):
    return Browser(app.test_client())


@pytest.fixture
def other_browser(app):
    return Browser(app.test_client())
