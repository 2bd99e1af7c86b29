"""Kombu's Redis transport and Celery's Redis result backend, each with one cost per job taken out.

Transport: one Redis client per channel instead of one per command. kombu builds a
new `redis.Redis` for every publish, event and ack (`Channel.conn_or_acquire`), and
redis-py fills ~170 response callbacks in each constructor: about 0.4 ms of CPU a
time, several times per task. Those clients all share the channel's connection pool,
and a redis-py client is safe to share between threads, so one client per pool does
the same work.

Result backend: no result subscription when a job is sent. Celery's Redis backend
subscribes to a job's result channel as it publishes the job, from any process that
is not a worker (the API), and unsubscribes when the job's result object is dropped:
two more Redis commands and the result consumer's work on every enqueue, for results
nobody reads (only session queries return one). A caller that does wait
(`AsyncResult.get`) subscribes itself and then reads the stored result first
(`ResultConsumer.on_wait_for_pending`), so a result written before it asked is not missed.
"""

from __future__ import annotations

from celery.backends.redis import RedisBackend
from kombu.transport import redis as kombu_redis

# For Celery's `broker_transport` setting; used for plain redis:// URLs.
TRANSPORT = f"{__name__}:Transport"
# Celery's backend name for "this class at this URL": `<module:Class>+<redis URL>`.
RESULT_BACKEND = f"{__name__}:ResultBackend"


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


class ResultBackend(RedisBackend):
    def on_task_call(self, producer, task_id):
        """Nothing at publish: a caller subscribes when it asks for the result (module docstring)."""
