"""The handler suite runs on in-memory fakes only: any test here that opens a Postgres or Redis
connection, sends to the broker, or loads an embedding model fails at that call."""

from __future__ import annotations

import threading
import uuid

import psycopg
import pytest
import redis.connection

from schemas.settings import DEV_ENCRYPTION_KEYS
from services.adapters import embeddings, embeddings_litellm, embeddings_onnx
from services.adapters.celery_app import CeleryPublisher
from services.adapters.intent_classifier import IntentHeads
from services.core.crypto import Keyring
from services.handlers.messages import MessageDeps
from services.usecases.tasks import TaskRules
from tests.unit.handlers.fakes import (
    Backend,
    FakeChat,
    FakeEmbedder,
    FakeEvents,
    FakeStorage,
    FakeTransport,
    FakeVectorStore,
)


def _forbidden(what: str, original, others: set[threading.Thread]):
    """Refuses in the test's thread and any thread it starts (a pool's workers); threads running before
    the test (a pool an earlier integration test left open in the same run) carry on as before."""
    def refuse(*args, **kwargs):
        current = threading.current_thread()
        if current is threading.main_thread() or current not in others:
            raise AssertionError(f"a handler unit test reached {what}: use the fakes in tests/unit/handlers/fakes.py")
        return original(*args, **kwargs)
    return refuse


@pytest.fixture(autouse=True)
def no_real_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per test (not per session), so the full suite's integration tests keep their real parts."""
    others = set(threading.enumerate())
    monkeypatch.setattr(psycopg.Connection, "connect",
                        _forbidden("Postgres (psycopg connect)", psycopg.Connection.connect, others))
    monkeypatch.setattr(psycopg, "connect", _forbidden("Postgres (psycopg connect)", psycopg.connect, others))
    monkeypatch.setattr(redis.connection.AbstractConnection, "connect",
                        _forbidden("Redis", redis.connection.AbstractConnection.connect, others))
    monkeypatch.setattr(CeleryPublisher, "publish", _forbidden("the Celery broker", CeleryPublisher.publish, others))
    for model in (embeddings.SentenceTransformerEmbedder, embeddings_onnx.OnnxEmbedder,
                  embeddings_litellm.LiteLLMEmbedder):
        monkeypatch.setattr(model, "__init__",
                            _forbidden(f"an embedding model ({model.__name__})", model.__init__, others))


@pytest.fixture
def backend() -> Backend:
    return Backend()


@pytest.fixture
def keyring() -> Keyring:
    return Keyring.parse(DEV_ENCRYPTION_KEYS)


@pytest.fixture
def tenant() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def vectors(backend: Backend) -> FakeVectorStore:
    return FakeVectorStore(backend.db)


@pytest.fixture
def events() -> FakeEvents:
    return FakeEvents()


@pytest.fixture
def storage() -> FakeStorage:
    return FakeStorage()


@pytest.fixture
def transport() -> FakeTransport:
    return FakeTransport()


@pytest.fixture
def chat() -> FakeChat:
    return FakeChat()


@pytest.fixture(scope="session")
def intent_heads() -> IntentHeads:
    """Shared, as in a worker process: a head is fitted once per example set (about a second each)."""
    return IntentHeads(FakeEmbedder())


@pytest.fixture
def message_deps(backend, keyring, embedder, vectors, chat, transport, events, intent_heads) -> MessageDeps:
    """The message stages' dependencies as bootstrap wires them, over the fakes; no n8n, no SMTP, no
    session host (tests replace fields with dataclasses.replace)."""
    return MessageDeps(
        tenant_uow=backend.tenant_uow, keyring=keyring, embedder=embedder, vectors=vectors, chat=chat,
        transport=transport, events=events, typing_delay_ms_per_char=10, typing_delay_max_seconds=3,
        task_rules=TaskRules(keyring=keyring, n8n_base_url=None, email_alerts=False),
        intent_heads=intent_heads)

