"""The single routing table: which queue each task runs on.

Task names are `<stage>.<step>`; the stage picks the queue. Producers and
workers both use this table, so a task name alone decides where a job goes.
"""

QUEUES = ("sessions", "inbound", "intent", "rag", "outbound", "dispatch", "ingest", "maintenance", "mail")

TASK_ROUTES = {
    "sessions.*": {"queue": "sessions"},
    "inbound.*": {"queue": "inbound"},
    "intent.*": {"queue": "intent"},
    "rag.*": {"queue": "rag"},
    "outbound.*": {"queue": "outbound"},
    "dispatch.*": {"queue": "dispatch"},
    "ingest.*": {"queue": "ingest"},
    "tenant.*": {"queue": "maintenance"},
    "maintenance.*": {"queue": "maintenance"},
    "mail.*": {"queue": "mail"},
}


def queue_for(task_name: str) -> str:
    stage = task_name.split(".", 1)[0]
    route = TASK_ROUTES.get(f"{stage}.*")
    if route is None:
        raise KeyError(f"no queue is routed for task {task_name!r}")
    return route["queue"]
