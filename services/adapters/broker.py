"""Kombu's Redis transport with one Redis client per channel instead of one per command.

kombu builds a new `redis.Redis` for every publish, event and ack
(`Channel.conn_or_acquire`), and redis-py fills ~170 response callbacks in each
constructor: about 0.4 ms of CPU a time, several times per task. Those clients
all share the channel's connection pool, and a redis-py client is safe to share
between threads, so one client per pool does the same work.
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis

# For Celery's `broker_transport` setting; used for plain redis:// URLs.
TRANSPORT = f"{__name__}:Transport"


class Channel(kombu_redis.Channel):
    _shared_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:  # the consuming connection: kombu keeps that one itself
            return super()._create_client(asynchronous=True)
        client = self._shared_client
        if client is None or client.connection_pool is not self.pool:
            client = self._shared_client = super()._create_client()
        return client


class Transport(kombu_redis.Transport):
    Channel = Channel
