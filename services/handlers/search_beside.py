"""rag.respond's search, started by intent.classify on a thread beside the verdict's transaction.

The search (its own transaction: BEGIN, the vector and keyword query, COMMIT) then runs while the verdict
commits and rag.respond's claim is made, instead of after them. It is only a read, made as rag.respond would
make it; rag.respond takes it when it searched what the answer searches, and searches for itself otherwise.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Executor, Future
from dataclasses import dataclass

from schemas.bot import BotSettings
from services.usecases import answering

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartedSearch:
    """The search of `text`, started beside the verdict."""

    text: str
    found: Future[answering.Retrieval]


def start(
    searches: Executor | None, deps: answering.Deps, user_id: uuid.UUID, settings: BotSettings, text: str
) -> StartedSearch | None:
    """Start the search of a message the verdict sends to rag.respond: its own text (its vector is the one just
    classified). With a debounce window the question is the burst, not this message, so nothing is started. A
    search nobody takes (the message moved on, a follow-up the answer reads with the message before it) is
    dropped."""
    if searches is None or settings.debounce_seconds:
        return None
    return StartedSearch(text, searches.submit(answering.retrieve, deps, user_id, text))


def searcher(started: StartedSearch | None, deps: answering.Deps, user_id: uuid.UUID) -> answering.Search:
    """How rag.respond's answer searches: with the search started beside the verdict when it searched the same
    text, else afresh (also when the search beside failed, as a failed prefetch is embedded again)."""

    def search(text: str) -> answering.Retrieval:
        if started is not None and started.text == text:
            try:
                return started.found.result()
            except Exception as exc:
                log.warning("search beside the verdict failed; searched again",
                            extra={"error": f"{type(exc).__name__}: {exc}"})
        return answering.retrieve(deps, user_id, text)

    return search
