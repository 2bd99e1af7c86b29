import pytest

from tests.conftest import session_worker


def pytest_collection_modifyitems(items):
    # Benchmarks print figures; they never assert on timing.
    for item in items:
        item.add_marker("slow")


@pytest.fixture(scope="session")
def worker(database_url, redis_url, shared_data_dir, gateway, n8n, llm):
    """The benchmarks' session worker runs as `salesboy up` runs it: model calls through the model gateway."""
    yield from session_worker(database_url, redis_url, shared_data_dir, gateway, n8n, llm, llm_gateway=True)
