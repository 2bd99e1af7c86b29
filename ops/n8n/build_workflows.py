"""Write the four n8n workflow exports in ops/n8n/workflows/ from one template.

Run after editing the JavaScript in ops/n8n/code/: `python ops/n8n/build_workflows.py`.
Each workflow: Webhook (raw body) -> Verify signature -> Verified? -> 401, or 202 and
the business step -> Result -> Sign callback -> Send callback (to the task's callback_url).
A failing business step reports `failed` through the same signed callback.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERIFY = (HERE / "code" / "verify_signature.js").read_text()
SIGN = (HERE / "code" / "sign_callback.js").read_text()

TASK = "$('Verify signature').first().json.task"


def node(name: str, kind: str, version: float, position: tuple[int, int], parameters: dict, **extra) -> dict:
    return {"parameters": parameters, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"salesboy/{name}/{kind}")),
            "name": name, "type": f"n8n-nodes-base.{kind}", "typeVersion": version, "position": list(position),
            **extra}


def code(name: str, js: str, position: tuple[int, int]) -> dict:
    return node(name, "code", 2, position, {"jsCode": js})


def result_code(status: str, result: str, reply: str) -> str:
    return (f"const task = {TASK};\n"
            f"return [{{ json: {{ task, status: '{status}', result: {result}, reply_text: {reply} }} }}];\n")


def email(name: str, position, to: str, subject: str, text: str, **extra) -> dict:
    return node(name, "emailSend", 2.1, position, {
        "fromEmail": "={{ $vars.SALESBOY_FROM_EMAIL }}", "toEmail": to, "subject": subject,
        "emailFormat": "text", "text": text, "options": {},
    }, credentials={"smtp": {"id": "REPLACE_WITH_SMTP_CREDENTIAL_ID", "name": "SMTP account"}},
        onError="continueErrorOutput", **extra)


def business_steps(task_type: str) -> tuple[list[dict], list[str], dict]:
    """(nodes, names whose success output leads to Result, extra connections)."""
    if task_type == "send_email":
        step = email("Send email", (1100, 200), "={{ $json.task.payload.emails[0] }}",
                     "={{ $vars.SALESBOY_EMAIL_SUBJECT || 'Your request' }}",
                     "={{ $json.task.payload.message }}\n\n{{ $vars.SALESBOY_EMAIL_FOOTER || '' }}")
        return [step], ["Send email"], {}
    if task_type == "book_calendar":
        choose = node("Google Calendar?", "if", 2, (1100, 200),
                      _is_true("={{ $vars.SALESBOY_CALENDAR_MODE !== 'ics' }}"))
        google = node("Create event", "googleCalendar", 1.3, (1350, 100), {
            "calendar": {"__rl": True, "value": "={{ $vars.SALESBOY_CALENDAR_ID || 'primary' }}", "mode": "id"},
            "start": "={{ $json.task.payload.start || $now.plus(1, 'day').toISO() }}",
            "end": "={{ $json.task.payload.end || $now.plus(1, 'day').plus(30, 'minutes').toISO() }}",
            "additionalFields": {"summary": "=Booking: {{ $json.task.contact.phone }}",
                                 "description": "={{ $json.task.conversation_summary }}"},
        }, credentials={"googleCalendarOAuth2Api": {"id": "REPLACE_WITH_GOOGLE_CREDENTIAL_ID",
                                                    "name": "Google Calendar account"}},
            onError="continueErrorOutput")
        ics = code("Build ICS", _ICS, (1350, 300))
        send_ics = email("Email invitation", (1600, 300), "={{ $vars.SALESBOY_OWNER_EMAIL }}",
                         "=Booking request {{ $json.task.task_id }}", "={{ $json.ics }}")
        connections = {"Google Calendar?": {"main": [[_to("Create event")], [_to("Build ICS")]]},
                       "Build ICS": {"main": [[_to("Email invitation")]]}}
        return [choose, google, ics, send_ics], ["Create event", "Email invitation"], connections
    if task_type == "create_order":
        choose = node("Google Sheets?", "if", 2, (1100, 200), _is_true("={{ !!$vars.SALESBOY_ORDERS_SHEET_ID }}"))
        sheet = node("Append order", "googleSheets", 4.5, (1350, 100), {
            "operation": "append",
            "documentId": {"__rl": True, "value": "={{ $vars.SALESBOY_ORDERS_SHEET_ID }}", "mode": "id"},
            "sheetName": {"__rl": True, "value": "Orders", "mode": "name"},
            "columns": {"mappingMode": "defineBelow", "value": {
                "task_id": "={{ $json.task.task_id }}", "phone": "={{ $json.task.contact.phone }}",
                "details": "={{ JSON.stringify($json.task.payload) }}"}},
            "options": {},
        }, credentials={"googleSheetsOAuth2Api": {"id": "REPLACE_WITH_GOOGLE_CREDENTIAL_ID",
                                                  "name": "Google Sheets account"}},
            onError="continueErrorOutput")
        post = node("Post order", "httpRequest", 4.2, (1350, 300), {
            "method": "POST", "url": "={{ $vars.SALESBOY_ORDER_URL }}", "sendBody": True,
            "specifyBody": "json", "jsonBody": "={{ JSON.stringify($json.task) }}", "options": {"timeout": 10000},
        }, onError="continueErrorOutput")
        connections = {"Google Sheets?": {"main": [[_to("Append order")], [_to("Post order")]]}}
        return [choose, sheet, post], ["Append order", "Post order"], connections
    notify = email("Notify owner", (1100, 200), "={{ $vars.SALESBOY_OWNER_EMAIL }}",
                   "=A customer wants a person: {{ $json.task.contact.phone || $json.task.contact.chat_id }}",
                   "={{ $json.task.payload.message }}\n\nConversation:\n{{ $json.task.conversation_summary }}")
    return [notify], ["Notify owner"], {}


_ICS = """const task = $input.first().json.task;
const stamp = new Date().toISOString().replace(/[-:]/g, '').split('.')[0] + 'Z';
const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Salesboy//n8n//EN', 'BEGIN:VEVENT',
  `UID:${task.task_id}@salesboy`, `DTSTAMP:${stamp}`,
  `SUMMARY:Booking request from ${task.contact.phone || task.contact.chat_id}`,
  `DESCRIPTION:${String(task.payload.message || '').replace(/\\n/g, ' ')}`,
  'END:VEVENT', 'END:VCALENDAR'].join('\\r\\n');
return [{ json: { task, ics } }];
"""

REPLIES = {
    "send_email": "'Done! I have emailed you the details.'",
    "book_calendar": "'Your booking request is in: we will confirm the time shortly.'",
    "create_order": "'Your order has been received. We will confirm it shortly.'",
    "human_handoff": "null",
}


def _to(name: str) -> dict:
    return {"node": name, "type": "main", "index": 0}


def _is_true(expression: str) -> dict:
    return {"conditions": {"options": {"caseSensitive": True, "typeValidation": "loose"}, "combinator": "and",
                           "conditions": [{"id": str(uuid.uuid5(uuid.NAMESPACE_URL, expression)),
                                           "leftValue": expression, "rightValue": True,
                                           "operator": {"type": "boolean", "operation": "true",
                                                        "singleValue": True}}]}, "options": {}}


def workflow(task_type: str) -> dict:
    steps, succeeded, step_connections = business_steps(task_type)
    nodes = [
        node("Webhook", "webhook", 2, (0, 200), {"httpMethod": "POST", "path": task_type,
                                                 "responseMode": "responseNode", "options": {"rawBody": True}},
             webhookId=str(uuid.uuid5(uuid.NAMESPACE_URL, f"salesboy/webhook/{task_type}"))),
        code("Verify signature", VERIFY, (250, 200)),
        node("Verified?", "if", 2, (500, 200), _is_true("={{ $json.verified }}")),
        node("Reject", "respondToWebhook", 1.1, (750, 350), {
            "respondWith": "json", "responseBody": '={{ JSON.stringify({error: $json.reason}) }}',
            "options": {"responseCode": 401}}),
        node("Accept", "respondToWebhook", 1.1, (750, 100), {
            "respondWith": "json", "responseBody": '{"accepted": true}', "options": {"responseCode": 202}}),
        *steps,
        code("Result", result_code("succeeded", "{ at: new Date().toISOString() }", REPLIES[task_type]),
             (1850, 100)),
        code("Failure result", result_code("failed", "{ error: $input.first().json.error || 'step failed' }",
                                           "null"), (1850, 350)),
        code("Sign callback", SIGN, (2100, 200)),
        node("Send callback", "httpRequest", 4.2, (2350, 200), {
            "method": "POST", "url": "={{ $json.url }}", "sendHeaders": True, "specifyHeaders": "json",
            "jsonHeaders": "={{ JSON.stringify($json.headers) }}", "sendBody": True, "contentType": "raw",
            "rawContentType": "application/json", "body": "={{ $json.body }}", "options": {"timeout": 10000}}),
    ]
    connections = {
        "Webhook": {"main": [[_to("Verify signature")]]},
        "Verify signature": {"main": [[_to("Verified?")]]},
        "Verified?": {"main": [[_to("Accept")], [_to("Reject")]]},
        "Accept": {"main": [[_to(steps[0]["name"])]]},
        "Result": {"main": [[_to("Sign callback")]]},
        "Failure result": {"main": [[_to("Sign callback")]]},
        "Sign callback": {"main": [[_to("Send callback")]]},
        **step_connections,
    }
    for name in succeeded:
        connections[name] = {"main": [[_to("Result")], [_to("Failure result")]]}
    return {"name": f"Salesboy: {task_type}", "nodes": nodes, "connections": connections, "active": False,
            "settings": {"executionOrder": "v1"}, "pinData": {},
            "meta": {"templateCredsSetupCompleted": False}, "tags": []}


def main() -> None:
    out = HERE / "workflows"
    out.mkdir(exist_ok=True)
    for task_type in REPLIES:
        (out / f"{task_type}.json").write_text(json.dumps(workflow(task_type), indent=2) + "\n")


if __name__ == "__main__":
    main()
