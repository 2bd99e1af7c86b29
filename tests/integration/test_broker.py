"""The Redis transport Salesboy's Celery apps use shares one client per connection pool."""

import redis
from kombu import Connection
from kombu.transport.redis import Mutex

from schemas.settings import Settings
from services.adapters import broker
from services.adapters.celery_app import UNACKED_MUTEX_EXPIRE_SECONDS, make_celery


def test_commands_reuse_one_client_until_the_pool_changes(redis_url):
    queue = "test-broker-queue"
    with Connection(redis_url, transport=broker.TRANSPORT) as connection:
        channel = connection.default_channel
        with channel.conn_or_acquire() as first, channel.conn_or_acquire() as second:
            assert first is second
            first.lpush(queue, "job")
        assert redis.Redis.from_url(redis_url).lpop(queue) == b"job"
        channel._pool = None  # what kombu does when it drops its pools after a connection error
        with channel.conn_or_acquire() as third:
            assert third is not first and third.connection_pool is channel.pool
            assert third.ping()


def test_celery_uses_it_for_redis_urls_only():
    settings = Settings(_env_file=None, SALESBOY_ENV="test")
    assert make_celery(settings, "redis://localhost:6379/0").conf.broker_transport == broker.TRANSPORT
    assert make_celery(settings, "rediss://cache.example:6380/0").conf.broker_transport is None


def test_a_worker_killed_while_restoring_unacked_jobs_blocks_the_others_briefly(redis_url):
    settings = Settings(_env_file=None, SALESBOY_ENV="test")
    app = make_celery(settings, redis_url)
    with app.connection_for_write() as connection:
        qos = connection.default_channel.qos
        raw = redis.Redis.from_url(redis_url)
        with Mutex(raw, qos.unacked_mutex_key, qos.unacked_mutex_expire):
            # What a worker dying here leaves behind, and how long it stands in the others' way.
            assert 0 < raw.ttl(qos.unacked_mutex_key) <= UNACKED_MUTEX_EXPIRE_SECONDS
