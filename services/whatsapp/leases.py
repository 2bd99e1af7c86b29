"""Which host runs which tenant's session: a Redis lease per tenant, renewed by heartbeat.

The lease's value is the owning host's own command queue, so later commands for
that tenant reach the host whose browser holds the session.
"""

from __future__ import annotations

import uuid

import redis


def _key(user_id: uuid.UUID) -> str:
    return f"salesboy:session-lease:{user_id}"


def lease_owner(client: redis.Redis, user_id: uuid.UUID) -> str | None:
    """The queue of the host running this tenant's session, or None when no live host does."""
    value = client.get(_key(user_id))
    if isinstance(value, bytes):
        return value.decode()
    return value or None


class SessionLeases:
    def __init__(self, client: redis.Redis, host_queue: str, ttl_seconds: int) -> None:
        self._redis = client
        self.host_queue = host_queue
        self.ttl = ttl_seconds

    def acquire(self, user_id: uuid.UUID) -> bool:
        """Take the lease, or keep it if this host has it already."""
        if self._redis.set(_key(user_id), self.host_queue, nx=True, ex=self.ttl):
            return True
        return self.owner(user_id) == self.host_queue and self.renew(user_id)

    def renew(self, user_id: uuid.UUID) -> bool:
        # Only our own lease: compare-and-expire in one script, so a lease another
        # host took over in between is never extended by us.
        return bool(self._redis.eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end "
            "return 0", 1, _key(user_id), self.host_queue, self.ttl))

    def release(self, user_id: uuid.UUID) -> None:
        self._redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end "
                         "return 0", 1, _key(user_id), self.host_queue)

    def owner(self, user_id: uuid.UUID) -> str | None:
        return lease_owner(self._redis, user_id)
