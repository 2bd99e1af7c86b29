"""The per-session send limit, in Redis: WhatsApp bans numbers that send in floods.

A sliding minute per tenant, shared by the host that sends and the API that checks
before queueing, so a caller hears "wait N seconds" instead of waiting on retries.
"""

from __future__ import annotations

import time
import uuid

import redis

from services.core.errors import TransientError

# Atomic: trim the minute, refuse when full (answering how long until a slot frees), else take a slot.
_TAKE = """
local key, now, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('zremrangebyscore', key, 0, now - 60)
if redis.call('zcard', key) >= limit then
  local oldest = redis.call('zrange', key, 0, 0, 'WITHSCORES')[2]
  return tostring(60 - (now - tonumber(oldest)))
end
if ARGV[3] ~= '' then
  redis.call('zadd', key, now, ARGV[3])
  redis.call('expire', key, 61)
end
return '0'
"""


class SendLimitError(TransientError):
    def __init__(self, wait_seconds: float, per_minute: int) -> None:
        super().__init__(f"sending paused for {wait_seconds:.0f}s: {per_minute} messages a minute")
        self.wait_seconds = wait_seconds


class SendWindow:
    def __init__(self, client: redis.Redis, per_minute: int) -> None:
        self._redis = client
        self.per_minute = per_minute

    def _run(self, user_id: uuid.UUID, member: str) -> float:
        answer = self._redis.eval(_TAKE, 1, f"salesboy:sends:{user_id}", f"{time.time():.6f}", self.per_minute,
                                  member)
        return float(answer)

    def wait_seconds(self, user_id: uuid.UUID) -> float:
        """0 when a message may go now, otherwise how long until one may."""
        return self._run(user_id, "")

    def take(self, user_id: uuid.UUID) -> None:
        wait = self._run(user_id, uuid.uuid4().hex)
        if wait > 0:
            raise SendLimitError(wait, self.per_minute)
