"""The Redis transport Salesboy's Celery apps use shares one client per connection pool; its result backend
subscribes only for a caller that waits."""

import json
import threading
import uuid

import redis
from celery.utils.saferepr import saferepr
from kombu import Connection
from kombu.transport.redis import Mutex

from schemas.jobs import FilterInbound
from schemas.settings import Settings
from services.adapters import broker
from services.adapters.celery_app import UNACKED_MUTEX_EXPIRE_SECONDS, CeleryPublisher, make_celery


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


def test_sending_a_job_subscribes_to_nothing_and_a_waiting_caller_still_gets_its_result(redis_url):
    settings = Settings(_env_file=None, SALESBOY_ENV="test")
    app = make_celery(settings, redis_url)
    raw = redis.Redis.from_url(redis_url)
    queue = "test-broker-results"  # no worker takes it: the test stands in for one
    try:
        early, late = (
            FilterInbound(user_id=uuid.uuid4(), inbox_id=uuid.uuid4()),
            FilterInbound(user_id=uuid.uuid4(), inbox_id=uuid.uuid4()),
        )
        publisher = CeleryPublisher(app)
        subscribed = _calls(raw, "subscribe")
        for job in (early, late):
            publisher.publish(job, queue=queue)
        assert raw.llen(queue) == 2
        # Celery's own Redis backend subscribes to each job's result channel here (and unsubscribes as soon as
        # the result object is dropped).
        assert _calls(raw, "subscribe") == subscribed
        # The arguments as Flower and the worker's log print them: what Celery would have written itself.
        headers = json.loads(raw.lindex(queue, -1))["headers"]
        assert headers["id"] == str(early.job_id)
        assert (headers["argsrepr"], headers["kwargsrepr"]) == (saferepr(()), saferepr({"payload": early.payload()},
                                                                                        app.amqp.kwargsrepr_maxsize))

        # A result written before the caller asks (the worker was quick) ...
        app.backend.store_result(str(early.job_id), ["g1"], "SUCCESS")
        assert app.AsyncResult(str(early.job_id)).get(timeout=5) == ["g1"]
        # ... and one written while it waits.
        threading.Timer(0.3, app.backend.store_result, [str(late.job_id), ["g2"], "SUCCESS"]).start()
        assert app.AsyncResult(str(late.job_id)).get(timeout=5) == ["g2"]
    finally:
        raw.delete(queue, *(f"celery-task-meta-{job.job_id}" for job in (early, late)))
        app.close()


def _calls(client: redis.Redis, command: str) -> int:
    return int(client.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0))
