"""The REST contract: an OpenAPI 3.1 description built with apispec from the pydantic models the routes
validate with, served at /api/openapi.json (and /api/v1/openapi.json), with Swagger UI at /api/docs from the
`swagger-ui-dist` npm package (served from this server, under the pages' Content-Security-Policy).

Every route lives under `/api/v1/…`; the unversioned `/api/…` paths are aliases of the same views, kept for
existing clients (`versioned_aliases`). tests/integration/test_openapi.py checks that every `/api` route is
described here and that the integration tests' answers match their descriptions.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from apispec import APISpec
from flask import Blueprint, Flask, abort, current_app, jsonify, render_template_string, send_from_directory
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from schemas import api as s
from schemas.bot import BotSettings, BusinessIntent, ProviderKeyInput
from schemas.kb import SearchRequest
from schemas.messages import InboundMessage, IntentName, LogOutcome, TaskCallback
from schemas.pipelines import TASK_DONE, TASK_IN_PROGRESS

V1 = "/api/v1"
# Earlier paths and the v1 route each one is an alias of.
LEGACY_ALIASES = {
    "/api/session": "/api/v1/sessions/status",
    "/api/session/start": "/api/v1/sessions/start",
    "/api/session/stop": "/api/v1/sessions/stop",
    "/api/session/logout": "/api/v1/sessions/logout",
    "/api/session/pairing-code": "/api/v1/sessions/pairing-code",
    "/api/session/groups": "/api/v1/groups",
    "/api/session/contacts": "/api/v1/contacts",
    "/api/session/send-media": "/api/v1/session/send-media",
}
SWAGGER_FILES = {"swagger-ui.css", "swagger-ui-bundle.js"}
_SWAGGER_DIR = Path(__file__).resolve().parents[1] / "node_modules" / "swagger-ui-dist"

Body = type[BaseModel] | str | None  # a model, "multipart", "sse" or "text", or nothing


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # under /api/v1, with {params}
    tag: str
    summary: str
    request: Body = None
    responses: dict[int, Body] = field(default_factory=dict)
    auth: str = "tenant"  # "tenant" (X-API-KEY or session), "signed" (Standard Webhooks), "none"
    query: tuple[str, ...] = ()
    paged: bool = False


OPS: list[Op] = [
    Op("get", "/me", "account", "The caller's account: id (the webhook's `tenant`), email, plan", None, {200: s.Me}),
    Op("get", "/keys", "account", "API keys of the account", None, {200: s.ApiKeyPage}, paged=True),
    Op("post", "/keys", "account", "Create an API key (shown once)", s.ApiKeyCreate, {201: s.NewApiKey}),
    Op("delete", "/keys/{key_id}", "account", "Revoke an API key", None, {204: None}),
    # WhatsApp
    Op("post", "/sessions/start", "whatsapp", "Start WhatsApp Web for the account; scan the QR that follows", None,
       {202: s.Accepted}),
    Op("post", "/sessions/stop", "whatsapp", "Stop the session and keep the login", None, {202: s.Accepted}),
    Op("post", "/sessions/logout", "whatsapp", "Unlink the phone and delete the browser profile", None,
       {202: s.Accepted}),
    Op("get", "/sessions/status", "whatsapp", "Session status in plain words", None, {200: s.SessionStatus}),
    Op("get", "/sessions/qr", "whatsapp", "The QR code to scan (SVG data URI)", None, {200: s.Qr}),
    Op("post", "/sessions/pairing-code", "whatsapp", "A code to link by phone number instead of a QR",
       s.PairingCodeRequest, {200: s.Object}),
    Op("post", "/message/send", "whatsapp", "Send a text (JSON) or a file (multipart: to, file, caption)",
       s.SendText, {200: s.Sent}),
    Op("post", "/session/send-media", "whatsapp", "Send a file (multipart: chat_id, file, caption); earlier path",
       "multipart", {200: s.Sent}),
    Op("get", "/groups", "whatsapp", "The linked account's groups", None, {200: s.GroupPage}, paged=True),
    Op("get", "/contacts", "whatsapp", "The linked account's contacts", None, {200: s.ContactList}, paged=True),
    # who the bot answers
    Op("get", "/whitelist", "audience", "Whitelisted contacts", None, {200: s.ContactPage}, query=("search",),
       paged=True),
    Op("post", "/whitelist", "audience", "Add a contact to the whitelist", s.WhitelistEntry, {201: s.Added}),
    Op("post", "/whitelist/bulk", "audience", "Add many contacts", s.WhitelistBulk, {201: s.Added}),
    Op("delete", "/whitelist/{contact_id}", "audience", "Remove a contact", None, {204: None}),
    Op("get", "/group-settings", "audience", "Groups and whether the bot answers in each", None,
       {200: s.GroupSettingPage}, paged=True),
    Op("patch", "/group-settings/{group_id}", "audience", "Turn auto-reply or mention-only on or off",
       s.GroupSettingUpdate, {200: s.GroupSetting}),
    # bot
    Op("get", "/bot", "bot", "Bot settings", None, {200: BotSettings}),
    Op("patch", "/bot", "bot", "Change bot settings (fields not sent keep their value; "
       "objects such as business, task_settings and n8n_urls are merged field by field, null inside them "
       "removes a field; lists are replaced whole)", BotSettings,
       {200: BotSettings}),
    Op("get", "/bot/models", "bot", "Models a business may list, and its saved provider key", None, {200: s.Object}),
    Op("put", "/bot/provider-key", "bot", "Save the business's own provider key", ProviderKeyInput,
       {200: s.ProviderKeySaved}),
    Op("delete", "/bot/provider-key", "bot", "Delete the provider key", None, {204: None}),
    Op("get", "/bot/intents", "bot", "The business's own intents", None, {200: s.IntentList}),
    Op("put", "/bot/intents/{key}", "bot", "Add an intent, or replace the one with this key", BusinessIntent,
       {200: BusinessIntent}),
    Op("delete", "/bot/intents/{key}", "bot", "Delete an intent", None, {204: None}),
    # knowledge base
    Op("post", "/kb/upload", "knowledge-base", "Upload a document (multipart field `file`)", "multipart",
       {202: s.DocumentEnvelope}),
    Op("get", "/kb", "knowledge-base", "Documents with status and progress", None, {200: s.DocumentPage}, paged=True),
    Op("get", "/kb/{document_id}", "knowledge-base", "One document and its first chunks", None,
       {200: s.DocumentDetail}),
    Op("delete", "/kb/{document_id}", "knowledge-base", "Delete a document, its chunks and vectors", None, {204: None}),
    Op("post", "/kb/{document_id}/reembed", "knowledge-base", "Chunk and embed again", None, {202: s.DocumentEnvelope}),
    Op("post", "/kb/search", "knowledge-base", "Retrieval test: the top chunks for a query", SearchRequest,
       {200: s.SearchResults}),
    # conversations
    Op("get", "/conversations", "conversations", "Chats, most recent first", None, {200: s.ConversationPage},
       query=("handoff",), paged=True),
    Op("get", "/messages", "conversations", "The decrypted chat log, newest first", None, {200: s.MessagePage},
       query=("chat_id", "contact", "since", "until", "intent", "outcome"), paged=True),
    Op("get", "/messages/{message_id}/trace", "conversations", "Each stage's decision, chunks, model and replies",
       None, {200: s.Object}),
    Op("get", "/handoffs", "conversations", "Chats a person took over", None, {200: s.HandoffPage}, paged=True),
    Op("post", "/chats/{chat_id}/release", "conversations", "Hand a chat back to the bot", None, {200: s.Released}),
    Op("post", "/playground", "conversations", "Ask the bot as a customer would", s.PlaygroundAsk,
       {202: s.PlaygroundQueued}),
    Op("get", "/playground/{chat_id}", "conversations", "A playground chat with the bot's answers", None,
       {200: s.PlaygroundChat}, paged=True),
    # tasks
    Op("get", "/tasks", "tasks", "Tasks handed to n8n", None, {200: s.TaskPage},
       query=("status", "type", "since", "until"), paged=True),
    Op("post", "/tasks", "tasks", "Create a task for a chat", s.Object, {201: s.TaskCreated}),
    Op("get", "/tasks/{task_id}", "tasks", "One task with payload, attempts, result and callbacks", None,
       {200: s.Object}),
    Op("get", "/alerts", "tasks", "What the owner must act on", None, {200: s.AlertPage}, paged=True),
    Op("post", "/alerts/{alert_id}/dismiss", "tasks", "Dismiss an alert", None, {200: s.Object}),
    # machines
    Op("post", "/webhook/whatsapp", "machines", "A WhatsApp message from a gateway (signed)", InboundMessage,
       {200: s.WebhookAccepted}, auth="signed"),
    Op("post", "/callbacks/n8n", "machines", "n8n reports a task's outcome (signed)", TaskCallback, {200: s.Object},
       auth="signed"),
    Op("get", "/stream", "machines", "Server-sent events for the caller (document progress, QR, status)", None,
       {200: "sse"}),
    Op("get", "/openapi.json", "machines", "This description", None, {200: s.Object}, auth="none"),
    Op("get", "/docs", "machines", "This description, browsable", None, {200: "html"}, auth="none"),
]

# Query filters that take known values only (anything else is a 400 naming them).
_CHOICES: dict[str, tuple[str, ...]] = {"handoff": ("true", "false"), "intent": get_args(IntentName),
                                        "outcome": get_args(LogOutcome), "status": TASK_IN_PROGRESS + TASK_DONE}

_PAGING = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"},
     "description": "`next_cursor` of the previous page"},
]


def _content(body: Body, refs: dict[str, str]) -> dict:
    if body == "multipart":
        return {"multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "contentMediaType": "application/octet-stream"},
            "to": {"type": "string"}, "chat_id": {"type": "string"}, "caption": {"type": "string"}}}}}
    if body == "sse":
        return {"text/event-stream": {"schema": {"type": "string"}}}
    if body == "html":
        return {"text/html": {"schema": {"type": "string"}}}
    if not isinstance(body, type):
        raise ValueError(f"no content type for the body {body!r}")
    return {"application/json": {"schema": {"$ref": refs[body.__name__]}}}


@functools.cache
def build_spec(public_url: str | None = None) -> dict:
    """The description as a dict (cached: it depends only on the code)."""
    spec = APISpec(
        title="Salesboy API", version="1.0.0", openapi_version="3.1.0",
        info={"description": (
            "Self-hosted WhatsApp sales assistant. Authenticate with `X-API-KEY` (create one with "
            "`salesboy apikey create --tenant EMAIL` or `POST /api/v1/keys`). Every route is under `/api/v1`; "
            "the same paths without `v1` (`/api/kb`, `/api/sessions/start`, …) are aliases of the same routes, "
            "and so are the earlier `/api/session/*` paths: " + ", ".join(
                f"`{old}` = `{new}`" for old, new in LEGACY_ALIASES.items()) + ". Lists take `limit` and `cursor` "
            "and answer `next_cursor` (null on the last page). Every error is "
            "`{\"error\", \"message\", \"request_id\"}`, with `fields` for invalid input.")},
        servers=[{"url": public_url or "/"}],
    )
    _, defs = models_json_schema([(m, "validation") for m in s.DESCRIBED],
                                 ref_template="#/components/schemas/{model}")
    refs = {}
    for name, schema in defs.get("$defs", {}).items():
        spec.components.schema(name, schema)
        refs[name] = f"#/components/schemas/{name}"
    spec.components.security_scheme("apiKey", {"type": "apiKey", "in": "header", "name": "X-API-KEY"})
    spec.components.security_scheme("webhookSignature", {
        "type": "apiKey", "in": "header", "name": "webhook-signature",
        "description": "Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature v1,<base64 HMAC>"})
    error = {"description": "error", "content": {"application/json": {"schema": {"$ref": refs["Error"]}}}}
    paths: dict[str, dict] = {}
    for op in OPS:
        params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"{(\w+)}", op.path)]
        params += [{"name": name, "in": "query", "schema": {"type": "string", **({"enum": list(_CHOICES[name])}
                                                                          if name in _CHOICES else {})}}
                   for name in op.query]
        params += _PAGING if op.paged else []
        operation: dict[str, Any] = {"summary": op.summary, "tags": [op.tag], "operationId": _operation_id(op),
                                     "responses": {}}
        if params:
            operation["parameters"] = params
        if op.request is not None:
            operation["requestBody"] = {"required": True, "content": _content(op.request, refs)}
        for status, body in op.responses.items():
            answer: dict[str, Any] = {"description": "OK" if status < 300 else str(status)}
            if body is not None:
                answer["content"] = _content(body, refs)
            operation["responses"][str(status)] = answer
        operation["responses"]["default"] = error
        if op.auth == "tenant":
            operation["security"] = [{"apiKey": []}]
        elif op.auth == "signed":
            operation["security"] = [{"webhookSignature": []}]
        else:
            operation["security"] = []
        paths.setdefault(V1 + op.path, {})[op.method] = operation
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def _operation_id(op: Op) -> str:
    words = re.sub(r"[{}]", "", op.path).strip("/").replace("-", "_").replace("/", "_").replace(".", "_")
    return f"{op.method}_{words}"


def v1_path(rule: str) -> str:
    """The described v1 path of a Flask rule (`/api/kb/<document_id>` -> `/api/v1/kb/{document_id}`)."""
    path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)
    if path in LEGACY_ALIASES:
        return LEGACY_ALIASES[path]
    if path.startswith(V1 + "/") or path == V1:
        return path
    return V1 + path.removeprefix("/api")


def versioned_aliases(app: Flask) -> None:
    """Serve every `/api/…` route at `/api/v1/…` too (same view, limits, CSRF rules and error envelope)."""
    existing = {(r.rule, m) for r in app.url_map.iter_rules() for m in r.methods or ()}
    for rule in list(app.url_map.iter_rules()):
        if not rule.rule.startswith("/api/") or rule.rule.startswith(V1 + "/"):
            continue
        target = LEGACY_ALIASES.get(rule.rule) or V1 + rule.rule.removeprefix("/api")
        methods = sorted(m for m in rule.methods or () if m not in ("HEAD", "OPTIONS") and (target, m) not in existing)
        if methods:
            app.add_url_rule(target, endpoint=rule.endpoint, methods=methods)
            existing.update((target, m) for m in methods)


blueprint = Blueprint("openapi", __name__)

_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Salesboy API</title>
<link rel="stylesheet" href="{{ url_for('openapi.swagger_asset', name='swagger-ui.css') }}"></head>
<body><div id="swagger-ui" data-spec="{{ url_for('openapi.description') }}"></div>
<script src="{{ url_for('openapi.swagger_asset', name='swagger-ui-bundle.js') }}"></script>
<script src="{{ url_for('static', filename='api-docs.js') }}"></script></body></html>"""


@blueprint.get("/api/openapi.json")
def description():
    return jsonify(build_spec(current_app.extensions["salesboy"].settings.public_url))


@blueprint.get("/api/docs")
def docs():
    return render_template_string(_DOCS_PAGE)


@blueprint.get("/assets/api-docs/<name>")
def swagger_asset(name: str):
    if name not in SWAGGER_FILES:
        abort(404, description="no such asset")
    return send_from_directory(_SWAGGER_DIR, name, max_age=86_400)


def _example(schema: dict, components: dict, depth: int = 0) -> Any:
    """A small example body for a schema (for the Postman collection)."""
    if depth > 4:
        return None
    if "default" in schema:
        return schema["default"]
    inner = components[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else (schema.get("anyOf") or [None])[0]
    if inner is not None:
        return _example(inner, components, depth + 1)
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {name: _example(sub, components, depth + 1) for name, sub in schema.get("properties", {}).items()
                if name in required or depth == 0}
    if kind == "array":
        return [_example(schema.get("items", {}), components, depth + 1)]
    return {"integer": 1, "number": 1.0, "boolean": True, "string": ""}.get(str(kind))


def postman_collection(spec: dict) -> dict:
    """A Postman collection (v2.1) with one request per operation, grouped by tag; variables `baseUrl`, `apiKey`."""
    components = spec["components"]["schemas"]
    folders: dict[str, list] = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            segments = [f":{p[1:-1]}" if p.startswith("{") else p for p in path.strip("/").split("/")]
            request: dict[str, Any] = {
                "method": method.upper(),
                "header": [],
                "url": {"raw": "{{baseUrl}}/" + "/".join(segments), "host": ["{{baseUrl}}"], "path": segments,
                        "variable": [{"key": p[1:], "value": ""} for p in segments if p.startswith(":")]},
                "description": operation["summary"],
            }
            if operation.get("security") == [{"apiKey": []}]:
                request["header"].append({"key": "X-API-KEY", "value": "{{apiKey}}"})
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                body = _example(content["application/json"]["schema"], components)
                request["header"].append({"key": "Content-Type", "value": "application/json"})
                request["body"] = {"mode": "raw", "raw": json.dumps(body, indent=2),
                                   "options": {"raw": {"language": "json"}}}
            elif "multipart/form-data" in content:
                request["body"] = {"mode": "formdata", "formdata": [{"key": "file", "type": "file", "src": ""}]}
            folders.setdefault(operation["tags"][0], []).append({"name": operation["summary"], "request": request})
    return {
        "info": {"name": "Salesboy API", "description": spec["info"]["description"],
                 "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:8000"}, {"key": "apiKey", "value": ""}],
        "item": [{"name": tag, "item": items} for tag, items in folders.items()],
    }
