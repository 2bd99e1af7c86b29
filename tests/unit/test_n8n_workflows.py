"""The n8n workflow exports: valid structure, and their signature code run in Node
accepts exactly what Salesboy's Python verifier accepts."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from services.signing import SignatureError, WebhookVerifier, secret_key, sign, signed_headers

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / "ops" / "n8n" / "workflows").glob("*.json"))
HARNESS = ROOT / "tests" / "fakes" / "n8n_code_harness.js"
SECRET = "whsec_" + base64.b64encode(b"n8n-shared-secret").decode()
CALLBACK_SECRET = "whsec_" + base64.b64encode(b"n8n-callback-secret").decode()
SPEC = {"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "ts": 1614265330, "body": b'{"test": 2432232314}',
        "signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}

node = shutil.which("node")
needs_node = pytest.mark.skipif(node is None, reason="Node.js is not installed (ops/setup.sh installs it)")


def test_every_task_type_has_a_workflow():
    assert [w.stem for w in WORKFLOWS] == ["book_calendar", "create_order", "human_handoff", "send_email"]


def test_committed_exports_match_the_generator(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", ROOT / "ops" / "n8n" / "build_workflows.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for path in WORKFLOWS:
        assert json.loads(path.read_text()) == build.workflow(path.stem), f"{path.name} is stale: run the generator"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_export_structure(path):
    flow = json.loads(path.read_text())
    assert {"name", "nodes", "connections", "settings"} <= set(flow)
    names = [n["name"] for n in flow["nodes"]]
    assert len(names) == len(set(names)), "node names must be unique"
    for source, outputs in flow["connections"].items():
        assert source in names, f"connection from unknown node {source}"
        for branch in outputs["main"]:
            for target in branch:
                assert target["node"] in names, f"{source} -> unknown node {target['node']}"
    reachable, frontier = {"Webhook"}, ["Webhook"]
    while frontier:
        for branch in flow["connections"].get(frontier.pop(), {}).get("main", []):
            for target in branch:
                if target["node"] not in reachable:
                    reachable.add(target["node"])
                    frontier.append(target["node"])
    assert reachable == set(names), f"unreachable nodes: {set(names) - reachable}"
    webhook = next(n for n in flow["nodes"] if n["type"] == "n8n-nodes-base.webhook")
    assert webhook["parameters"]["path"] == path.stem and webhook["parameters"]["options"]["rawBody"] is True
    reject = next(n for n in flow["nodes"] if n["name"] == "Reject")
    assert reject["parameters"]["options"]["responseCode"] == 401
    text = path.read_text()
    assert "whsec_" not in text.replace("'whsec_'", ""), "no secret may be written into a workflow"


def _code(flow: dict, name: str) -> str:
    return next(n for n in flow["nodes"] if n["name"] == name)["parameters"]["jsCode"]


def _run(code: str, items: list, *, env=None, nodes=None, now=None) -> dict:
    spec = {"code": code, "input": items, "env": env or {}, "nodes": nodes or {}, "now": now}
    done = subprocess.run([node, str(HARNESS)], input=json.dumps(spec), capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _webhook_item(headers: dict, body: bytes) -> list:
    return [{"json": {"headers": headers, "body": {}}, "binary": {"data": {"data": base64.b64encode(body).decode()}}}]


class _Guard:
    def first_time(self, message_id, ttl_seconds):
        return True


def _python_accepts(secret: str, headers: dict, body: bytes, now: float) -> bool:
    try:
        WebhookVerifier([secret_key(secret)], _Guard()).verify(headers, body, now=now)
        return True
    except SignatureError:
        return False


@needs_node
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_verification_code_agrees_with_python(path):
    code = _code(json.loads(path.read_text()), "Verify signature")
    now = time.time()
    task = json.dumps({"task_id": str(uuid.uuid4()), "tenant": str(uuid.uuid4()), "payload": {}}).encode()
    good = signed_headers(secret_key(SECRET), "task-1", task, int(now))
    spec_headers = {"webhook-id": SPEC["id"], "webhook-timestamp": str(SPEC["ts"]),
                    "webhook-signature": SPEC["signature"]}
    cases = [
        (SECRET, good, task, now),
        (SECRET, good, task + b" ", now),  # tampered body
        (SECRET, {**good, "webhook-signature": "v1," + "A" * 44}, task, now),
        (SECRET, good, task, now + 301),  # stale
        (SECRET, {**good, "webhook-signature": f"v1,bogus {good['webhook-signature']}"}, task, now),
        ("whsec_" + base64.b64encode(b"other").decode(), good, task, now),
        (SPEC["secret"], spec_headers, SPEC["body"], SPEC["ts"]),
    ]
    for secret, headers, body, at in cases:
        out = _run(code, _webhook_item(headers, body), env={"SALESBOY_SIGNING_SECRET": secret}, now=at * 1000)
        assert out["ok"], out
        js_accepts = out["result"][0]["json"]["verified"]
        assert js_accepts == _python_accepts(secret, headers, body, at), (headers, body)
    missing = _run(code, _webhook_item(good, task))
    assert not missing["ok"] and "SALESBOY_SIGNING_SECRET" in missing["error"]


@needs_node
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_callback_signing_code_is_accepted_by_python(path):
    flow = json.loads(path.read_text())
    task = {"task_id": str(uuid.uuid4()), "tenant": str(uuid.uuid4()), "payload": {"message": "hi"},
            "callback_url": "http://salesboy.test/api/callbacks/n8n", "contact": {"phone": "+234801"}}
    result = _run(_code(flow, "Result"), [{"json": {}}], nodes={"Verify signature": [{"json": {"task": task}}]})
    assert result["ok"], result
    signed = _run(_code(flow, "Sign callback"), result["result"], env={"SALESBOY_CALLBACK_SECRET": CALLBACK_SECRET})
    assert signed["ok"], signed
    out = signed["result"][0]["json"]
    assert out["url"] == task["callback_url"]
    body = out["body"].encode()
    verifier = WebhookVerifier([secret_key(CALLBACK_SECRET)], _Guard())
    assert verifier.verify(out["headers"], body).startswith("n8n_")
    callback = json.loads(body)
    assert callback["task_id"] == task["task_id"] and callback["status"] == "succeeded"
    with pytest.raises(SignatureError):
        verifier.verify(out["headers"], body.replace(b"succeeded", b"failed"))
    assert sign(secret_key(CALLBACK_SECRET), out["headers"]["webhook-id"],
                int(out["headers"]["webhook-timestamp"]), body) == out["headers"]["webhook-signature"]


@needs_node
def test_ics_alternative_builds_an_invitation():
    flow = json.loads((ROOT / "ops" / "n8n" / "workflows" / "book_calendar.json").read_text())
    task = {"task_id": "t-1", "contact": {"phone": "+234801"}, "payload": {"message": "Friday\n3pm"}}
    out = _run(_code(flow, "Build ICS"), [{"json": {"task": task}}])
    assert out["ok"], out
    ics = out["result"][0]["json"]["ics"]
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "UID:t-1@salesboy" in ics and "DESCRIPTION:Friday 3pm" in ics
