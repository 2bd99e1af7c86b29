"""Live events for the dashboard over flask-sse's Redis channels.

Workers publish here without a Flask app, in the dictionary flask-sse's own
`Message.to_dict()` makes (a unit test holds the two equal), so the API's stream
relays it exactly as flask-sse would. Built here rather than with flask-sse's
type, which would load Flask, Werkzeug and Jinja into every worker process.
"""

from __future__ import annotations

import json
import logging
import uuid

import redis

log = logging.getLogger(__name__)


def sse_message(data: dict, event: str) -> dict:
    """flask-sse's stored form of an event: its data and, when named, its type."""
    return {"data": data, **({"type": event} if event else {})}


def tenant_channel(user_id: uuid.UUID | str) -> str:
    return f"salesboy:tenant:{uuid.UUID(str(user_id))}"


class RedisEventPublisher:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    def publish(self, user_id: uuid.UUID, event: str, data: dict) -> None:
        # Live progress is a convenience: the row in Postgres is the truth, so a
        # dropped event is logged, never allowed to fail the stage.
        try:
            self._redis.publish(tenant_channel(user_id), json.dumps(sse_message(data, event), default=str))
        except redis.RedisError as exc:
            log.warning("live event not published", extra={"event": event, "error": str(exc)})
