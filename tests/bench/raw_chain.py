"""A bare Celery chain with as many hops as the message pipeline, for the latency baseline.

Each hop only sends the next; the last writes the time it ran. Run by a worker
started from the benchmark: `celery -A tests.bench.raw_chain worker`.
"""

import os
import time

from celery import Celery

app = Celery("raw_chain", broker=os.environ.get("RAW_CHAIN_BROKER", "redis://127.0.0.1:6379/15"))
app.conf.update(task_serializer="json", accept_content=["json"], task_ignore_result=True, task_acks_late=True,
                worker_prefetch_multiplier=1, task_default_queue="raw_chain", worker_hijack_root_logger=False)

HOPS = 4


@app.task(name="raw.hop")
def hop(n: int, started: float, key: str) -> None:
    if n + 1 < HOPS:
        app.send_task("raw.hop", args=[n + 1, started, key])
    else:
        with app.connection_for_write() as conn:
            conn.default_channel.client.set(key, repr(time.time() - started), ex=600)
