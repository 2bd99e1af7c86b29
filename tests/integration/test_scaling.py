"""More than one machine's worth of processes against one Postgres and one broker.

- Two pipeline workers, each with its own data dir, and the API as its own gunicorn process: every message
  is answered once, also when one worker is killed in the middle.
- RabbitMQ as the Celery broker: the message pipeline runs on it end to end. The test machines run RabbitMQ
  on 127.0.0.1:5672 (`SALESBOY_TEST_AMQP_URL` overrides); in CI (CI=true) an unreachable RabbitMQ fails the
  test, elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import kombu
import pytest

from api import create_app
from schemas.jobs import SweepStuck
from services.adapters.signing import signed_headers
from services.bootstrap import bootstrap
from services.handlers import messages
from services.handlers.sweeper import sweep
from services.runtime.embedded import free_port
from tests.conftest import REPO_ROOT, WorkerProcess, subprocess_env, wait_for, worker_settings_env
from tests.integration.messaging import KEY, _message, _post

PIPELINE_QUEUES = "inbound,intent,rag,outbound,dispatch"
STUCK_AFTER_SECONDS = 20  # past the broker's visibility timeout below, so a redelivery comes first
SWEEP_EVERY_SECONDS = 5
AMQP_URL = os.environ.get("SALESBOY_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")

pytestmark = pytest.mark.slow


def _env(database_url, redis_url, data_dir, gateway, n8n, llm, **extra) -> dict[str, str]:
    return subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(data_dir), DATABASE_URL=database_url,
                          REDIS_URL=redis_url, **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0],
                                                                     llm.base_url), **extra)


def _wait_consuming(app, name_prefix: str, count: int) -> None:
    def consuming():
        replies = app.control.ping(timeout=0.5) or []
        return len([r for r in replies for node in r if node.startswith(name_prefix)]) >= count
    wait_for(consuming, timeout=60, message=f"{count} worker(s) named {name_prefix}* to answer")


def test_two_workers_and_an_api_process_answer_each_message_once(shop, gateway, n8n, llm, database_url,
                                                                   redis_url, container, worker, tmp_path):
    user, _ = shop
    procs: list[WorkerProcess] = []
    api_log = (tmp_path / "api.log").open("w")
    port = free_port()
    api = None
    try:
        for n in range(2):
            data_dir = Path(tempfile.mkdtemp(prefix=f"salesboy-test-host{n}-", dir=tmp_path))
            # A job the killed host held comes back to the queue after this long (the broker's visibility
            # timeout), and the other host answers it.
            env = _env(database_url, redis_url, data_dir, gateway, n8n, llm, BROKER_VISIBILITY_TIMEOUT_SECONDS="10",
                       TASK_TIME_LIMIT_SECONDS="8")
            procs.append(WorkerProcess(env, data_dir, PIPELINE_QUEUES, data_dir / "worker.log"))
        api_dir = Path(tempfile.mkdtemp(prefix="salesboy-test-api-", dir=tmp_path))
        api = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(REPO_ROOT / "ops" / "gunicorn.conf.py"), "--bind",
             f"127.0.0.1:{port}", "api:create_app()"],
            env=_env(database_url, redis_url, api_dir, gateway, n8n, llm, PYTHONPATH=str(REPO_ROOT)),
            cwd=api_dir, stdout=api_log, stderr=subprocess.STDOUT)
        wait_for(lambda: _answers(f"http://127.0.0.1:{port}/healthz"), timeout=60, message="the API process")
        _wait_consuming(container.celery, "test-", 3)  # the session's worker and these two

        chats = []
        for n in range(12):
            phone = f"+23481{uuid.uuid4().int % 10**8:08d}"
            payload = _message(user, "Do you deliver to Accra?", sender_phone=phone)
            chats.append(payload["chat_id"])
            body = json.dumps(payload).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/webhook/whatsapp", data=body, method="POST",
                headers={**signed_headers(KEY, f"msg_{uuid.uuid4().hex}", body), "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as answer:
                assert json.loads(answer.read())["duplicate"] is False
            if n == 5:
                os.kill(procs[0].process.pid, signal.SIGKILL)  # a host dies with jobs in hand
        # With Redis as the broker a job the killed host had popped but not yet recorded as unacked (kombu's
        # BRPOP, then a separate write of its unacked entry) is gone from the broker: the sweeper re-sends
        # the row's next job. Beat runs it every SWEEP_INTERVAL_SECONDS; here it runs each few seconds with a
        # short deadline, so such a message is answered within the wait.
        finders = [messages.stuck_messages(STUCK_AFTER_SECONDS, container.settings.message_max_attempts)]
        last_sweep = [time.monotonic()]

        def replied(chat: str):
            if time.monotonic() - last_sweep[0] > SWEEP_EVERY_SECONDS:
                sweep(SweepStuck(), system_uow=container.system_uow, finders=finders)
                last_sweep[0] = time.monotonic()
            return gateway.messages_to(chat)

        for chat in chats:
            try:
                wait_for(lambda c=chat: replied(c), timeout=180, message=f"the reply to {chat}")
            except AssertionError as exc:
                report = _where_messages_stand(container, user, chats, [*procs, worker])
                raise AssertionError(f"{exc}\n{report}") from None
        with container.system_uow() as uow:
            replies = dict(uow.conn.execute(
                "select chat_id, count(*) from public.outbox where user_id = %s and chat_id = any(%s) group by 1",
                [user, chats]).fetchall())
        assert all(replies.get(chat) == 1 for chat in chats), replies
        assert all(len(gateway.messages_to(chat)) == 1 for chat in chats)
    finally:
        if api is not None:
            api.terminate()
            api.wait(30)
        api_log.close()
        for proc in procs:
            proc.stop()


def _where_messages_stand(container, user, chats, workers: list[WorkerProcess]) -> str:
    """The unanswered messages' rows and every log line naming their traces, for a failure report."""
    with container.system_uow() as uow:
        rows = uow.conn.execute(
            "select chat_id, status, attempts, last_error, trace_id, updated_at from public.inbox"
            " where user_id = %s and chat_id = any(%s) and status <> 'answered'", [user, chats]).fetchall()
    lines = [f"unanswered: {row}" for row in rows]
    for proc in workers:
        log = proc.log_text().splitlines()
        lines += [f"{proc.log_path}: {line[:400]}" for line in log if any(row[4] in line for row in rows)]
    return "\n".join(lines)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _rabbit_or_skip() -> str:
    try:
        with kombu.Connection(AMQP_URL, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            for queue in PIPELINE_QUEUES.split(","):
                try:
                    channel.queue_purge(queue)
                except Exception:  # not declared yet
                    channel = connection.channel()
    except Exception as exc:
        reason = f"RabbitMQ does not answer at {AMQP_URL}: {type(exc).__name__}: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (the test machines run RabbitMQ; CI requires it)")
        pytest.skip(reason)
    return AMQP_URL


def test_message_pipeline_on_rabbitmq(shop, settings, gateway, n8n, llm, database_url, redis_url, tmp_path):
    amqp = _rabbit_or_skip()
    user, _ = shop
    env = _env(database_url, redis_url, tmp_path, gateway, n8n, llm, CELERY_BROKER_URL=amqp)
    proc = WorkerProcess(env, tmp_path, PIPELINE_QUEUES, tmp_path / "rabbit-worker.log")
    on_rabbit = settings.model_copy(update={"celery_broker_url": amqp})
    built = bootstrap(on_rabbit, database_url=database_url, redis_url=redis_url)
    try:
        assert built.celery.connection_for_write().transport.driver_type == "amqp"
        client = create_app(on_rabbit, built).test_client()
        _wait_consuming(built.celery, "test-", 1)
        phone = f"+23482{uuid.uuid4().int % 10**8:08d}"
        payload = _message(user, "Do you deliver to Accra?", sender_phone=phone)
        assert _post(client, payload).status_code == 200
        reply = wait_for(lambda: gateway.messages_to(payload["chat_id"]), timeout=90,
                         message=f"the reply through RabbitMQ\n{proc.log_text()[-3000:]}")
        assert len(reply) == 1 and "Accra" in reply[0]["text"]
        metrics = client.get("/metrics").get_data(as_text=True)
        assert 'salesboy_queue_depth{queue="inbound"} 0.0' in metrics
    finally:
        built.close()
        proc.stop()
