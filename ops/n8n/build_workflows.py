"""Write the four n8n workflow exports in ops/n8n/workflows/ from one template.

Run after editing the JavaScript in ops/n8n/code/: `python ops/n8n/build_workflows.py`.

Each workflow: Webhook (raw body) -> Verify signature (Standard Webhooks, then replay check in the
workflow's static data) -> Verified? -> Seen before? (n8n's deduplication store, for a repeat while
the first execution still runs) -> 202 `{"accepted": true, "task_id"}`, or 409 for a repeat, or
401 -> Prepare (the business's settings from the signed body; a missing one fails the task)
-> the business step -> an outcome node that checks the step's own output -> Sign callback ->
Send callback (to the task's callback_url). Every error of Prepare or the step, including a
missing or placeholder credential, reports `failed` with the reason. Nothing needs an n8n licence:
the secrets are read with `$env`, per-business settings travel in the task.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = HERE / "code"
TASK_TYPES = ("send_email", "book_calendar", "create_order", "human_handoff")
# Fixed credential ids: `n8n import:credentials` of a file with these ids wires every workflow at
# once (docs/n8n.md); until then the nodes point at a credential that does not exist and fail.
SMTP_CREDENTIAL_ID = "salesboySmtp"
GOOGLE_CREDENTIAL_ID = "salesboyGoogleCal"
SMTP = {"smtp": {"id": SMTP_CREDENTIAL_ID, "name": "SMTP account"}}
GOOGLE = {"googleCalendarOAuth2Api": {"id": GOOGLE_CREDENTIAL_ID, "name": "Google Calendar account"}}


def workflow_id(task_type: str) -> str:
    """A fixed id per workflow, so importing a newer export replaces the old one instead of adding a
    second workflow on the same webhook path (which n8n refuses to activate)."""
    return f"salesboy{''.join(part.title() for part in task_type.split('_'))}"


def _js(name: str) -> str:
    return (CODE / name).read_text()


def node(name: str, kind: str, version: float, position: tuple[int, int], parameters: dict, **extra) -> dict:
    return {"parameters": parameters, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"salesboy/{name}/{kind}")),
            "name": name, "type": f"n8n-nodes-base.{kind}", "typeVersion": version, "position": list(position),
            **extra}


def code(name: str, js: str, position: tuple[int, int], **extra) -> dict:
    return node(name, "code", 2, position, {"jsCode": js}, **extra)


def outcome(step: str, position: tuple[int, int], *, failed: bool, check: str = "", result: str = "{}") -> dict:
    js = (_js("outcome.js").replace("__STEP__", step).replace("__FAILED__", "true" if failed else "false")
          .replace("__CHECK__", check).replace("__RESULT__", result))
    return code(f"{step} failed" if failed else f"{step} done?", js, position)


# A missing or placeholder credential can leave the email step through its success output with no
# error at all (its input passed on unchanged): no messageId means no email was sent.
EMAIL_CHECK = ("  if (!out.messageId) {\n"
               "    return 'no email was sent: the SMTP credential is missing '\n"
               "      + '(import one with id salesboySmtp, or pick a real SMTP credential in n8n)';\n  }\n"
               "  if (!Array.isArray(out.accepted) || out.accepted.length === 0) {\n"
               "    return 'the SMTP server did not accept the email' + (out.response ? `: ${out.response}` : '');\n"
               "  }")
EMAIL_RESULT = "{ message_id: out.messageId, to: prepared.to }"


def email(name: str, position: tuple[int, int], attachment: str | None) -> dict:
    options: dict = {"appendAttribution": False}
    if attachment:
        options["attachments"] = attachment
    return node(name, "emailSend", 2.1, position, {
        "fromEmail": "={{ $json.from }}", "toEmail": "={{ $json.to }}", "subject": "={{ $json.subject }}",
        "emailFormat": "text", "text": "={{ $json.text }}", "options": options,
    }, credentials=SMTP, onError="continueErrorOutput")


def business_steps(task_type: str) -> tuple[list[dict], dict]:
    """(nodes after Prepare, connections among them); Prepare's success output goes to the first."""
    if task_type in ("send_email", "human_handoff"):
        step = "Send email" if task_type == "send_email" else "Notify owner"
        nodes = [email(step, (1250, 200), "attachment" if task_type == "send_email" else None),
                 outcome(step, (1500, 100), failed=False, check=EMAIL_CHECK, result=EMAIL_RESULT),
                 outcome(step, (1500, 300), failed=True)]
        return nodes, {step: {"main": [[_to(f"{step} done?")], [_to(f"{step} failed")]]}}
    if task_type == "book_calendar":
        google = node("Create event", "googleCalendar", 1.3, (1500, 100), {
            "calendar": {"__rl": True, "value": "={{ $json.calendar_id }}", "mode": "id"},
            "start": "={{ $json.start }}", "end": "={{ $json.end }}",
            "additionalFields": {"summary": "={{ $json.summary }}", "description": "={{ $json.description }}"},
        }, credentials=GOOGLE, onError="continueErrorOutput")
        nodes = [node("Google Calendar?", "if", 2, (1250, 200), _is_true("={{ $json.google }}")), google,
                 outcome("Create event", (1750, 0), failed=False,
                         check="  if (!out.id) return 'Google Calendar did not return the new event';",
                         result="{ event_id: out.id, link: out.htmlLink || null }"),
                 outcome("Create event", (1750, 150), failed=True),
                 email("Email invitation", (1500, 300), "invite"),
                 outcome("Email invitation", (1750, 300), failed=False, check=EMAIL_CHECK, result=EMAIL_RESULT),
                 outcome("Email invitation", (1750, 450), failed=True)]
        return nodes, {"Google Calendar?": {"main": [[_to("Create event")], [_to("Email invitation")]]},
                       "Create event": {"main": [[_to("Create event done?")], [_to("Create event failed")]]},
                       "Email invitation": {"main": [[_to("Email invitation done?")],
                                                     [_to("Email invitation failed")]]}}
    post = node("Post order", "httpRequest", 4.2, (1250, 200), {
        "method": "POST", "url": "={{ $json.order_url }}", "sendBody": True, "specifyBody": "json",
        "jsonBody": "={{ JSON.stringify($json.order) }}",
        "options": {"timeout": 10000, "response": {"response": {"fullResponse": True}}},
    }, onError="continueErrorOutput")
    nodes = [post,
             outcome("Post order", (1500, 100), failed=False,
                     check="  if (!(out.statusCode >= 200 && out.statusCode < 300)) {\n"
                           "    return `the order endpoint answered ${out.statusCode || 'nothing'}`;\n  }",
                     result="{ status_code: out.statusCode }"),
             outcome("Post order", (1500, 300), failed=True)]
    return nodes, {"Post order": {"main": [[_to("Post order done?")], [_to("Post order failed")]]}}


def _to(name: str) -> dict:
    return {"node": name, "type": "main", "index": 0}


def _is_true(expression: str) -> dict:
    return {"conditions": {"options": {"caseSensitive": True, "typeValidation": "loose"}, "combinator": "and",
                           "conditions": [{"id": str(uuid.uuid5(uuid.NAMESPACE_URL, expression)),
                                           "leftValue": expression, "rightValue": True,
                                           "operator": {"type": "boolean", "operation": "true",
                                                        "singleValue": True}}]}, "options": {}}


_REPEAT = """// A webhook-id already accepted: name the task, so Salesboy knows n8n has it.
const verified = $('Verify signature').first().json;
const task = verified.task || {};
return [{ json: { duplicate: true, task_id: task.task_id || verified.task_id || null,
                  error: 'replayed: this webhook-id was already accepted' } }];
"""


def _respond(name: str, position: tuple[int, int], status: int, body: str) -> dict:
    return node(name, "respondToWebhook", 1.1, position, {
        "respondWith": "json", "responseBody": body, "options": {"responseCode": status}})


def workflow(task_type: str) -> dict:
    steps, step_connections = business_steps(task_type)
    outcomes = [n["name"] for n in steps if n["name"].endswith((" done?", " failed"))]
    nodes = [
        node("Webhook", "webhook", 2, (0, 200), {"httpMethod": "POST", "path": task_type,
                                                 "responseMode": "responseNode", "options": {"rawBody": True}},
             webhookId=str(uuid.uuid5(uuid.NAMESPACE_URL, f"salesboy/webhook/{task_type}"))),
        code("Verify signature", _js("verify_signature.js"), (250, 200)),
        node("Verified?", "if", 2, (500, 200), _is_true("={{ $json.verified }}")),
        # Static data is stored when an execution ends; n8n's deduplication store is written at once,
        # so a repeat that arrives while the first execution still runs is caught here.
        node("Seen before?", "removeDuplicates", 2, (650, 100), {
            "operation": "removeItemsSeenInPreviousExecutions", "logic": "removeItemsWithAlreadySeenKeyValues",
            "dedupeValue": "={{ $json.webhookId }}", "options": {"scope": "workflow", "historySize": 10000}},
             alwaysOutputData=True),
        node("New?", "if", 2, (800, 100), _is_true("={{ !!$json.webhookId }}")),
        _respond("Accept", (950, 0), 202, "={{ JSON.stringify({accepted: true, task_id: $json.task.task_id}) }}"),
        node("Replayed?", "if", 2, (750, 350), _is_true("={{ $json.status === 409 }}")),
        code("Repeat", _REPEAT, (900, 250)),
        _respond("Duplicate", (1050, 250), 409, "={{ JSON.stringify($json) }}"),
        _respond("Reject", (1000, 450), 401, "={{ JSON.stringify({error: $json.reason}) }}"),
        code("Prepare", _js(f"prepare_{task_type}.js"), (1000, 100), onError="continueErrorOutput"),
        outcome("Prepare", (1250, 450), failed=True),
        *steps,
        code("Sign callback", _js("sign_callback.js"), (2000, 200)),
        node("Send callback", "httpRequest", 4.2, (2250, 200), {
            "method": "POST", "url": "={{ $json.url }}", "sendHeaders": True, "specifyHeaders": "json",
            "jsonHeaders": "={{ JSON.stringify($json.headers) }}", "sendBody": True, "contentType": "raw",
            "rawContentType": "application/json", "body": "={{ $json.body }}", "options": {"timeout": 10000}},
             retryOnFail=True, maxTries=5, waitBetweenTries=5000),
    ]
    connections = {
        "Webhook": {"main": [[_to("Verify signature")]]},
        "Verify signature": {"main": [[_to("Verified?")]]},
        "Verified?": {"main": [[_to("Seen before?")], [_to("Replayed?")]]},
        "Seen before?": {"main": [[_to("New?")]]},
        "New?": {"main": [[_to("Accept")], [_to("Repeat")]]},
        "Repeat": {"main": [[_to("Duplicate")]]},
        "Replayed?": {"main": [[_to("Repeat")], [_to("Reject")]]},
        "Accept": {"main": [[_to("Prepare")]]},
        "Prepare": {"main": [[_to(steps[0]["name"])], [_to("Prepare failed")]]},
        **step_connections,
        "Sign callback": {"main": [[_to("Send callback")]]},
    }
    for name in ["Prepare failed", *outcomes]:
        connections[name] = {"main": [[_to("Sign callback")]]}
    return {"id": workflow_id(task_type), "name": f"Salesboy: {task_type}", "nodes": nodes,
            "connections": connections, "active": False,
            "settings": {"executionOrder": "v1"}, "pinData": {},
            "meta": {"templateCredsSetupCompleted": False}, "tags": []}


def main() -> None:
    out = HERE / "workflows"
    out.mkdir(exist_ok=True)
    for task_type in TASK_TYPES:
        (out / f"{task_type}.json").write_text(json.dumps(workflow(task_type), indent=2) + "\n")


if __name__ == "__main__":
    main()
