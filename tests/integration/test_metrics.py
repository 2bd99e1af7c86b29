"""/metrics shows the pipeline: what the workers did (multiprocess files) and the state in Postgres and Redis."""

from __future__ import annotations

import uuid

from prometheus_client.parser import text_string_to_metric_families

from api import create_app
from tests.conftest import wait_for
from tests.integration.messaging import _final, _message, _post


def _samples(client) -> dict[tuple[str, tuple], float]:
    answer = client.get("/metrics")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    found = {}
    for family in text_string_to_metric_families(answer.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def _value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_show_stages_queues_and_outcomes(settings, container, shop, worker, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(worker.metrics_dir))
    client = create_app(settings, container).test_client()
    user, headers = shop
    before = _samples(client)
    phone = f"+23480{uuid.uuid4().int % 10**8:08d}"
    response = _post(client, _message(user, "Do you deliver to Accra?", sender_phone=phone))
    assert _final(client, headers, response.get_json()["inbox_id"], timeout=90)["status"] == "answered"

    after = wait_for(lambda: (s := _samples(client)) and _value(s, "salesboy_stage_runs_total",
                                                                stage="outbound.deliver", outcome="ok")
                     > _value(before, "salesboy_stage_runs_total", stage="outbound.deliver", outcome="ok") and s,
                     timeout=30, message="the delivery to be counted")
    for stage in ("inbound.filter", "intent.classify", "rag.respond", "ingest.embed"):
        assert _value(after, "salesboy_stage_runs_total", stage=stage, outcome="ok") >= 1, stage
        assert _value(after, "salesboy_stage_seconds_count", stage=stage, outcome="ok") >= 1, stage
    assert _value(after, "salesboy_messages_total", status="answered") >= 1
    assert _value(after, "salesboy_chunks") >= 1
    assert _value(after, "salesboy_documents", status="ready") >= 1
    assert _value(after, "salesboy_broker_up") == 1 and _value(after, "salesboy_database_up") == 1
    assert ("salesboy_queue_depth", (("queue", "inbound"),)) in after
    assert _value(after, "salesboy_queue_consumers", queue="inbound") >= 1
    assert _value(after, "salesboy_queue_consumers", queue="sessions") == 0  # nobody runs sessions here


def test_metrics_stay_protected(settings, container):
    client = create_app(settings, container).test_client()
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 401
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 401
