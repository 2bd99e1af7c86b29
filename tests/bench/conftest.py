import os

import pytest

from tests.conftest import session_worker


def pytest_collection_modifyitems(items):
    # Benchmarks print figures; they never assert on timing.
    for item in items:
        item.add_marker("slow")


@pytest.fixture(scope="session")
def worker(database_url, redis_url, shared_data_dir, gateway, n8n, llm):
    """The benchmarks' session worker runs as `salesboy up` runs it: model calls through the model gateway
    (BENCH_LLM_GATEWAY=0: the shape before it, models called in the worker's own process).
    BENCH_INGEST_WORKER=up: the worker takes only `ingest`, in a prefork pool of one process, as `salesboy up`'s
    ingest worker does (the default: every queue but `sessions` in one solo process; for the ingest benchmark)."""
    if os.environ.get("BENCH_INGEST_WORKER") == "up":
        queues, pool = "ingest", ("--pool", "prefork", "--concurrency", "1")
    else:
        queues, pool = "maintenance,inbound,intent,rag,outbound,dispatch,ingest", ("--pool", "solo")
    yield from session_worker(database_url, redis_url, shared_data_dir, gateway, n8n, llm,
                              llm_gateway=os.environ.get("BENCH_LLM_GATEWAY", "1") != "0", queues=queues, pool=pool)
