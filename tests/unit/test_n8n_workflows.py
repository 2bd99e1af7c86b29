"""The n8n workflow exports: valid structure, and their signature code run in Node
accepts exactly what Salesboy's Python verifier accepts."""

from __future__ import annotations

import base64
import importlib.util
import json
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from services.adapters.signing import SignatureError, WebhookVerifier, secret_key, sign, signed_headers

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
    spec = importlib.util.spec_from_file_location("build", ROOT / "ops" / "n8n" / "build_workflows.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for path in WORKFLOWS:
        assert json.loads(path.read_text()) == build.workflow(path.stem), f"{path.name} is stale: run the generator"


def test_workflows_and_credentials_have_fixed_ids():
    """Re-importing a newer export replaces each workflow (n8n matches on id; a second workflow on the
    same webhook path cannot be activated), and one imported credential file wires every node."""
    flows = [json.loads(path.read_text()) for path in WORKFLOWS]
    ids = [flow["id"] for flow in flows]
    assert len(set(ids)) == len(ids) and all(i.isalnum() and len(i) <= 36 for i in ids)
    used = {(kind, ref["id"]) for flow in flows for step in flow["nodes"]
            for kind, ref in step.get("credentials", {}).items()}
    assert used == {("smtp", "salesboySmtp"), ("googleCalendarOAuth2Api", "salesboyGoogleCal")}


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
    codes = {n["name"]: n["parameters"]["options"]["responseCode"] for n in flow["nodes"]
             if n["type"] == "n8n-nodes-base.respondToWebhook"}
    assert codes == {"Accept": 202, "Duplicate": 409, "Reject": 401}
    text = path.read_text()
    assert "whsec_" not in text.replace("'whsec_'", ""), "no secret may be written into a workflow"
    assert "$vars" not in text, "n8n Variables need a licence: settings travel in the task, secrets in $env"
    # No false success: every step that can fail leaves both ways into an outcome node that checks the
    # output, and only those (and the signer) reach the callback.
    by_name = {n["name"]: n for n in flow["nodes"]}
    for name, n in by_name.items():
        if n.get("onError") is not None:
            assert n["onError"] == "continueErrorOutput"
            success, failure = flow["connections"][name]["main"]
            assert [t["node"] for t in failure] == [f"{name} failed"], name
            assert all(t["node"].endswith(" done?") or (t["node"] in by_name and
                       by_name[t["node"]]["type"] == "n8n-nodes-base.if") or name == "Prepare" for t in success)
    for name in ("Send email", "Notify owner", "Email invitation", "Create event", "Post order"):
        if name in by_name:
            assert by_name[name].get("onError") == "continueErrorOutput"
    into_signer = {s for s, out in flow["connections"].items() for b in out["main"] for t in b
                   if t["node"] == "Sign callback"}
    assert into_signer and all(s.endswith((" done?", " failed")) for s in into_signer)


def _code(flow: dict, name: str) -> str:
    return next(n for n in flow["nodes"] if n["name"] == name)["parameters"]["jsCode"]


def _run(code: str, items: list, *, env=None, nodes=None, now=None, static=None) -> dict:
    spec = {"code": code, "input": items, "env": env or {}, "nodes": nodes or {}, "now": now,
            "staticData": static or {}}
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
    task = json.dumps({"task_id": str(uuid.uuid4()), "tenant": str(uuid.uuid4()), "payload": {},
                       "callback_url": "http://salesboy.test/api/callbacks/n8n"}).encode()
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
        verdict = out["result"][0]["json"]
        # The spec's test vector is signed right but is no task: past the signature, refused as such.
        js_accepts = verdict["verified"] or verdict["reason"] == "body is not a Salesboy task"
        assert js_accepts == _python_accepts(secret, headers, body, at), (headers, body)
    missing = _run(code, _webhook_item(good, task))
    assert not missing["ok"] and "SALESBOY_SIGNING_SECRET" in missing["error"]
    rotated = _run(code, _webhook_item(good, task), env={"SALESBOY_SIGNING_SECRET": f"whsec_b3RoZXI= {SECRET}"},
                   now=now * 1000)
    assert rotated["result"][0]["json"]["verified"], "any of several space-separated secrets is accepted"


@needs_node
def test_a_repeated_webhook_id_is_refused_within_the_window():
    code = _code(json.loads(WORKFLOWS[0].read_text()), "Verify signature")
    now = time.time()
    task_id = str(uuid.uuid4())
    task = json.dumps({"task_id": task_id, "tenant": str(uuid.uuid4()), "callback_url": "http://x/cb"}).encode()
    headers = signed_headers(secret_key(SECRET), task_id, task, int(now))
    env = {"SALESBOY_SIGNING_SECRET": SECRET}
    first = _run(code, _webhook_item(headers, task), env=env, now=now * 1000)
    assert first["result"][0]["json"]["verified"] and task_id in first["staticData"]["acceptedWebhookIds"]
    again = _run(code, _webhook_item(headers, task), env=env, now=(now + 60) * 1000, static=first["staticData"])
    assert again["result"][0]["json"] == {"verified": False, "status": 409, "task_id": task_id,
                                          "reason": "replayed: this webhook-id was already accepted"}
    other = signed_headers(secret_key(SECRET), "another-id", task, int(now))
    assert _run(code, _webhook_item(other, task), env=env, now=now * 1000,
                static=first["staticData"])["result"][0]["json"]["verified"]
    # Past twice the tolerance the id is forgotten (a stale timestamp is refused before that anyway).
    later = _run(code, _webhook_item(signed_headers(secret_key(SECRET), "x", task, int(now + 700)), task),
                 env=env, now=(now + 700) * 1000, static=first["staticData"])
    assert task_id not in later["staticData"]["acceptedWebhookIds"]


STEPS = {"send_email": "Send email", "human_handoff": "Notify owner", "book_calendar": "Email invitation",
         "create_order": "Post order"}
GOOD_OUTPUT = {"Send email": {"messageId": "<m1@x>", "accepted": ["a@b.test"], "response": "250 ok"},
               "Notify owner": {"messageId": "<m1@x>", "accepted": ["a@b.test"], "response": "250 ok"},
               "Email invitation": {"messageId": "<m1@x>", "accepted": ["a@b.test"], "response": "250 ok"},
               "Post order": {"statusCode": 201, "body": {"ok": True}, "headers": {}}}


def _task_for_callback():
    return {"task_id": str(uuid.uuid4()), "tenant": str(uuid.uuid4()), "payload": {"message": "hi"},
            "callback_url": "http://salesboy.test/api/callbacks/n8n", "contact": {"phone": "+234801"}}


@needs_node
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_callback_signing_code_is_accepted_by_python(path):
    flow = json.loads(path.read_text())
    step = STEPS[path.stem]
    task = _task_for_callback()
    nodes = {"Verify signature": [{"json": {"task": task}}], "Prepare": [{"json": {"reply": "Done!", "to": "a@b"}}]}
    result = _run(_code(flow, f"{step} done?"), [{"json": GOOD_OUTPUT[step]}], nodes=nodes)
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
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.stem)
def test_an_error_on_the_success_output_is_a_failure(path):
    """n8n can send a missing credential's error down a step's success output: the outcome says failed."""
    flow = json.loads(path.read_text())
    step = STEPS[path.stem]
    nodes = {"Verify signature": [{"json": {"task": _task_for_callback()}}], "Prepare": [{"json": {"reply": "x"}}]}
    for output, why in (({"error": "Node does not have any credentials set"}, "credentials"),
                        ({**GOOD_OUTPUT[step], "error": {"message": "boom", "description": "placeholder"}}, "boom"),
                        ({"task": {}}, "credential" if "Post" not in step else "answered nothing"),
                        ({"statusCode": 500} if "Post" in step else {"accepted": [], "messageId": "<m>"},
                         "answered 500" if "Post" in step else "did not accept")):
        out = _run(_code(flow, f"{step} done?"), [{"json": output}], nodes=nodes)
        assert out["ok"], out
        verdict = out["result"][0]["json"]
        assert verdict["status"] == "failed" and verdict["reply_text"] is None, output
        assert verdict["result"]["error"].startswith(f"{step}: ") and why in verdict["result"]["error"]
    failed = _run(_code(flow, f"{step} failed"), [{"json": {"error": {"message": "Connection refused"}}}],
                  nodes=nodes)
    assert failed["result"][0]["json"]["status"] == "failed"
    assert failed["result"][0]["json"]["result"] == {"error": f"{step}: Connection refused"}
    prepare = _run(_code(flow, "Prepare failed"), [{"json": {"error": "no order endpoint"}}], nodes=nodes)
    assert prepare["result"][0]["json"]["result"] == {"error": "Prepare: no order endpoint"}


def _prepare(task_type: str, task: dict) -> dict:
    flow = json.loads((ROOT / "ops" / "n8n" / "workflows" / f"{task_type}.json").read_text())
    return _run(_code(flow, "Prepare"), [{"json": {"task": task}}])


SETTINGS = {"business_name": "Ada's Shop", "owner_email": "owner@shop.test", "sender": '"Ada\'s Shop" <bot@shop.test>',
            "order_url": "https://orders.shop.test/new", "calendar_mode": "ics", "calendar_id": "primary",
            "booking_minutes": 45, "email_subject": "Our price list", "email_text": "Hello, the list is attached.\n"}


@needs_node
def test_prepare_uses_the_business_settings_from_the_task():
    task = {"task_id": "t-1", "tenant": "u-1", "contact": {"phone": "+234801", "chat_id": "234801@c.us"},
            "payload": {"message": "Email me your price list at ada@example.com", "emails": ["ada@example.com"]},
            "conversation_summary": "customer: hi", "settings": SETTINGS,
            "attachment": {"filename": "prices.pdf", "mime_type": "application/pdf", "data_base64": "JVBERi0="}}
    email = _prepare("send_email", task)["result"][0]
    assert email["json"]["to"] == "ada@example.com" and email["json"]["from"] == SETTINGS["sender"]
    assert email["json"]["subject"] == "Our price list" and email["json"]["text"] == SETTINGS["email_text"]
    assert "price list at" not in email["json"]["text"], "the email is what the business wrote, not an echo"
    assert email["binary"]["attachment"] == {"data": "JVBERi0=", "mimeType": "application/pdf",
                                             "fileName": "prices.pdf"}
    order = _prepare("create_order", task)["result"][0]["json"]
    assert order["order_url"] == SETTINGS["order_url"] and order["order"]["details"] == task["payload"]
    handoff = _prepare("human_handoff", task)["result"][0]["json"]
    assert handoff["to"] == "owner@shop.test" and "+234801" in handoff["subject"] and handoff["reply"] is None
    bare = {**task, "settings": {}, "payload": {"message": "hi"}}
    assert "no email address" in _prepare("send_email", bare)["error"]
    assert "task_settings.order_url" in _prepare("create_order", bare)["error"]
    assert "task_settings.owner_email" in _prepare("human_handoff", bare)["error"]
    assert "task_settings.owner_email" in _prepare("book_calendar", bare)["error"]


@needs_node
def test_ics_alternative_builds_an_invitation():
    task = {"task_id": "t-1", "contact": {"phone": "+234801"}, "settings": SETTINGS,
            "payload": {"message": "Friday, 3pm; please\nthanks", "start": "2026-12-04T15:00:00+01:00"}}
    out = _prepare("book_calendar", task)
    assert out["ok"], out
    item = out["result"][0]
    ics = item["json"]["ics"]
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "UID:t-1@salesboy" in ics
    assert "DTSTART:20261204T140000Z" in ics and "DTEND:20261204T144500Z" in ics
    assert "DESCRIPTION:Friday\\, 3pm\\; please\\nthanks" in ics
    assert item["json"]["to"] == "owner@shop.test" and item["binary"]["invite"]["mimeType"] == "text/calendar"
    assert base64.b64decode(item["binary"]["invite"]["data"]).decode() == ics
    # The time is told in the offset it was asked in; with no conversation yet, no empty section.
    assert item["json"]["reply"] == ("Your booking request for Fri, 04 Dec 2026 15:00 (UTC+01:00) is in: "
                                     "we'll confirm the time shortly.")
    assert item["json"]["text"].startswith("+234801 asked to book Fri, 04 Dec 2026 15:00 (UTC+01:00), 45 minutes.")
    assert "Conversation:" not in item["json"]["text"]
    west = _prepare("book_calendar", {**task, "payload": {"start": "2026-12-04T09:30:00-0530"},
                                      "conversation_summary": "customer: Friday?"})["result"][0]["json"]
    assert "Fri, 04 Dec 2026 09:30 (UTC-05:30)" in west["reply"] and "Conversation:\ncustomer: Friday?" in west["text"]
    utc = _prepare("book_calendar", {**task, "payload": {"start": "2026-12-04T14:00:00Z"}})["result"][0]["json"]
    assert "Fri, 04 Dec 2026 14:00 (UTC) is in" in utc["reply"]
    google = _prepare("book_calendar", {**task, "settings": {**SETTINGS, "calendar_mode": "google"}})
    assert google["result"][0]["json"]["google"] is True and google["result"][0]["json"]["calendar_id"] == "primary"
