"""The playground says a question is being answered until its reply exists: through the pipeline, and
while the reply waits in the outbox for its typing pause. The pipeline runs in-process, one job at a time,
so every state between the question and its reply is looked at."""

from __future__ import annotations

import pytest

from schemas.jobs import DeliverReply
from services.usecases import playground
from tests.integration.inline_messages import inline_container, shop


@pytest.fixture
def inline(settings):
    # A typing pause, as in production: the reply then waits in the outbox as a delivery job of its own
    # (with no pause the answering task delivers it at once, and there is no moment to look at).
    paused = settings.model_copy(update={"typing_delay_ms_per_char": 15, "typing_delay_max_seconds": 4})
    container, publisher, _counting = inline_container(paused)
    yield container, publisher
    container.close()


def test_a_question_is_pending_until_its_reply_exists(inline):
    container, publisher = inline
    user = shop(container, publisher)
    chat_id = playground.new_chat_id()
    playground.ask(container.tenant_data, user, chat_id, "Do you deliver to Accra?")
    seen: list[tuple[str, int, int]] = []
    while publisher.queue:
        job = publisher.queue.popleft()
        rows, pending = playground.conversation(container.tenant_data, user, chat_id)
        replies = [r for r in rows if r.direction == "outbound"]
        seen.append((type(job).__name__, pending, len(replies)))
        assert pending == (0 if replies else 1), seen  # the reply not sent yet (typing pause): still pending
        container.handle(job)
    assert any(name == DeliverReply.__name__ for name, _, _ in seen)
    rows, pending = playground.conversation(container.tenant_data, user, chat_id)
    replies = [r.text for r in rows if r.direction == "outbound"]
    assert pending == 0 and replies and "Accra" in replies[0]
