"""Server-sent events: each tenant hears only its own channel.

Messages are flask-sse's (workers publish them with flask-sse's Message); this
view adds what flask-sse lacks: the channel comes from the signed-in tenant,
never from the request, and a keep-alive comment goes out when the channel is
quiet, so a dead client is noticed and its greenlet freed.
"""

from __future__ import annotations

import json
import uuid

from flask import Blueprint, Response, abort, request, stream_with_context
from flask_sse import Message

from api.auth import tenant_required
from api.context import container
from services.adapters.events import tenant_channel

blueprint = Blueprint("stream", __name__)


@blueprint.get("/api/stream")
@tenant_required
def stream(user_id: uuid.UUID):
    asked = request.args.get("channel")
    if asked is not None and asked != tenant_channel(user_id):
        abort(403, description="you can only subscribe to your own channel")
    c = container()
    keepalive = c.settings.sse_keepalive_seconds
    pubsub = c.redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(tenant_channel(user_id))

    def events():
        try:
            yield ": connected\n\n"
            while True:
                message = pubsub.get_message(timeout=keepalive)
                if message is None:
                    yield ": keep-alive\n\n"
                    continue
                data = json.loads(message["data"])
                yield str(Message(**data))
        finally:
            pubsub.close()

    return Response(stream_with_context(events()), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
