"""The message pipeline run in-process (each job handled as soon as it is published) against the real
embedding model, Postgres and Redis: a test sees exactly what one message costs."""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from schemas.bot import BotSettings
from schemas.jobs import ProvisionTenant
from services.bootstrap import App, _embedder, bootstrap
from services.handlers.tenant import provision_tenant
from services.usecases import answering, playground
from tests.conftest import create_user
from tests.integration.messaging import FAQ, _configure


class InlinePublisher:
    """Collects published jobs; `drain()` runs them, and whatever they publish, to the end."""

    def __init__(self) -> None:
        self.container = None
        self.queue: deque = deque()

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.queue.append(job)

    def drain(self) -> None:
        while self.queue:
            self.container.handle(self.queue.popleft())


class CountingEmbedder:
    """The real embedder, with every text it was asked to encode written down."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return self.inner.embed(texts)


def inline_container(settings):
    publisher = InlinePublisher()
    counting = CountingEmbedder(_embedder(settings))  # the backend the settings pick, as a worker's
    container = bootstrap(settings, database_url=settings.database_url, redis_url=settings.redis_url,
                          publisher=publisher, embedder=counting)
    publisher.container = container
    return container, publisher, counting


@contextmanager
def tenant_with(settings, documents: dict[str, bytes]) -> Iterator[tuple[App, uuid.UUID]]:
    """A container and a tenant whose documents are ingested inline (real ingest, embedder and Postgres)."""
    container, publisher, _counting = inline_container(settings)
    try:
        user = create_user(container)
        for name, data in documents.items():
            container.kb.upload(user, name, data)
        publisher.drain()
        yield container, user
    finally:
        container.close()


def answer_plainly(container: App, user: uuid.UUID, question: str) -> answering.Answer:
    """The LLM-free answer to a question with the bot's default settings (no debounce window)."""
    deps = answering.Deps(container.embedder, container.vectors, container.tenant_uow)
    return answering.answer(deps, user, BotSettings(debounce_seconds=0), question)


def shop(container, publisher, **config) -> uuid.UUID:
    """A tenant with the FAQ indexed, answering at once (no debounce window)."""
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    container.kb.upload(user, "faq.md", FAQ + uuid.uuid4().hex.encode())
    publisher.drain()
    _configure(container, user, debounce_seconds=0, **config)
    return user


def ask(container, publisher, user, text: str) -> tuple[dict, list[str]]:
    """The message's final trace and the replies it got."""
    chat_id = playground.new_chat_id()
    inbox_id = playground.ask(container.tenant_data, user, chat_id, text)
    publisher.drain()
    rows, pending = playground.conversation(container.tenant_data, user, chat_id)
    assert pending == 0
    with container.tenant_uow(user) as uow:
        trace = uow.inbox.inbound(inbox_id).trace
    return trace, [r.text for r in rows if r.direction == "outbound"]
