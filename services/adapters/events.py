"""Live events for the dashboard over flask-sse's Redis channels.

Workers publish here without a Flask app; the message is built with flask-sse's
own Message type, so the API's stream relays it exactly as flask-sse would.
"""

from __future__ import annotations

import json
import logging
import uuid

import redis
from flask_sse import Message

log = logging.getLogger(__name__)


def tenant_channel(user_id: uuid.UUID | str) -> str:
    return f"salesboy:tenant:{uuid.UUID(str(user_id))}"


class RedisEventPublisher:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    def publish(self, user_id: uuid.UUID, event: str, data: dict) -> None:
        message = Message(data, type=event)
        # Live progress is a convenience: the row in Postgres is the truth, so a
        # dropped event is logged, never allowed to fail the stage.
        try:
            self._redis.publish(tenant_channel(user_id), json.dumps(message.to_dict(), default=str))
        except redis.RedisError as exc:
            log.warning("live event not published", extra={"event": event, "error": str(exc)})
