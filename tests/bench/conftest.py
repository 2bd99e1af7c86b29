def pytest_collection_modifyitems(items):
    # Benchmarks print figures; they never assert on timing.
    for item in items:
        item.add_marker("slow")
