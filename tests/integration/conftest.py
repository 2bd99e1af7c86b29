"""Fixtures for the message-pipeline tests."""

from __future__ import annotations

import uuid

import pytest

from api import create_app
from schemas.jobs import ProvisionTenant
from services.handlers.tenant import provision_tenant
from services.usecases.apikeys import create_api_key
from tests.conftest import create_user, wait_for
from tests.integration.messaging import FAQ
from tests.openapi_check import watching


@pytest.fixture
def shop(container, worker):
    """A tenant with a ready knowledge base, an API key and default settings."""
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    document = container.kb.upload(user, "faq.md", FAQ + uuid.uuid4().hex.encode())
    wait_for(lambda: container.kb.get_document(user, document.id)[0].status == "ready", timeout=120,
             message="the FAQ to be ready")
    key, _ = create_api_key(container.tenant_uow, user, "tests")
    return user, {"X-API-KEY": key}



@pytest.fixture
def client(settings, container):
    return create_app(settings, container).test_client()


@pytest.fixture(autouse=True)
def answers_match_the_description():
    """Every answer an `/api` route gives in an integration test must match the OpenAPI description."""
    with watching() as violations:
        yield
    assert not violations, "answers that do not match the OpenAPI description:\n" + "\n".join(violations)
