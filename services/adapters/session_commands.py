"""Session commands and queries sent to the host holding a tenant's lease, through Celery."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from celery import Celery

from schemas.jobs import QueuedJob, SessionAction, SessionCommand, SessionQuery, SessionQueryKind
from services.repositories.db import Publisher


class CelerySessionCommands:
    def __init__(self, publisher: Publisher, celery: Celery, owner: Callable[[uuid.UUID], str | None]) -> None:
        self._publisher = publisher
        self._celery = celery
        # The queue of the host holding the tenant's lease (None: no live host runs it).
        self._owner = owner

    def send(self, user_id: uuid.UUID, action: SessionAction) -> None:
        """To the host holding the tenant's lease, or to any host (the routing table's queue) when none does."""
        self._publisher.publish(SessionCommand(user_id=user_id, action=action), queue=self._owner(user_id))

    def ask(self, user_id: uuid.UUID, query: SessionQueryKind, phone: str | None = None,
            timeout: float = 30.0) -> Any:
        """A question for the host running the tenant's WhatsApp; LookupError when none runs it.

        For the API only: the caller's HTTP request waits (bounded) for the answer. A task never asks:
        it hands work over and lets a row carry the outcome."""
        owner = self._owner(user_id)
        if owner is None:
            raise LookupError("WhatsApp is not running for this account: start it first")
        job = SessionQuery(user_id=user_id, query=query, phone=phone)
        self._publisher.publish(job, queue=owner)
        return self.wait_for_result(job, timeout)

    def wait_for_result(self, job: QueuedJob, timeout: float) -> Any:
        """Published jobs carry their id as the Celery task id. API requests only, never a task."""
        result = self._celery.AsyncResult(str(job.job_id))
        try:
            return result.get(timeout=timeout, propagate=True)
        finally:
            result.forget()
