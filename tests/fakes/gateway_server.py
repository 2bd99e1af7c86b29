"""A WhatsApp gateway stand-in: records the replies Salesboy sends, checking each
signature with its own Standard Webhooks implementation (not Salesboy's)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time

from tests.fakes.plain_http import PlainHTTPServer, PlainRequest

JSON = "application/json"
TEXT = "text/plain; charset=utf-8"


class FakeGateway:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret
        self.sent: list[dict] = []  # what the customer sees: one entry per idempotency key
        self.sent_at: list[float] = []  # time.monotonic() when each entry of `sent` arrived, index for index
        self._keys: set[str] = set()  # the idempotency keys in `sent`: a repeat is found without a scan of them all
        self.repeats = 0  # POSTs with a key already sent (dropped, as the gateway contract says)
        self.rejected: list[str] = []
        self.fail_statuses: list[int] = []
        self._lock = threading.Lock()
        self._server = PlainHTTPServer(self._answer)
        self.url = f"http://127.0.0.1:{self._server.port}/send"

    def stop(self) -> None:
        self._server.stop()

    def messages_to(self, chat_id: str) -> list[dict]:
        with self._lock:
            return [m for m in self.sent if m["chat_id"] == chat_id]

    def sent_since(self, start: int) -> list[tuple[dict, float]]:
        """The entries of `sent` from index `start` on, each with its `time.monotonic()` of arrival."""
        with self._lock:
            return list(zip(self.sent[start:], self.sent_at[start:], strict=True))

    def _valid(self, request: PlainRequest, body: bytes) -> bool:
        msg_id = request.headers.get("webhook-id", "")
        stamp = request.headers.get("webhook-timestamp", "0")
        if abs(time.time() - int(stamp)) > 300:
            return False
        mac = hmac.new(self.secret, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
        expected = "v1," + base64.b64encode(mac).decode()
        return any(hmac.compare_digest(expected, s) for s in request.headers.get("webhook-signature", "").split())

    def _answer(self, request: PlainRequest) -> tuple[int, str, str]:
        body = request.body
        with self._lock:
            if self.fail_statuses:
                return self.fail_statuses.pop(0), "{}", JSON
            if not self._valid(request, body):
                self.rejected.append(request.headers.get("webhook-id", ""))
                return 401, '{"error": "bad signature"}', TEXT
            message = json.loads(body)
            if message["idempotency_key"] in self._keys:
                self.repeats += 1
            else:
                self._keys.add(message["idempotency_key"])
                self.sent.append(message)
                self.sent_at.append(time.monotonic())
        return 200, json.dumps({"message_id": f"wamid.out.{message['idempotency_key']}"}), JSON


class FakeN8n(FakeGateway):
    """n8n's webhook side as Salesboy's workflows (ops/n8n/build_workflows.py) answer it: 401 for a bad
    signature, 409 `{"duplicate": true, "task_id"}` for a webhook-id already accepted, else 202
    `{"accepted": true, "task_id"}`. `answers` overrides that per task type, in turn: a status (its
    body is `{}`) or (status, body); an empty body is what n8n sends when the workflow stopped early."""

    def __init__(self, secret: bytes) -> None:
        self.tasks: list[dict] = []
        self.answers: dict[str, list[int | tuple[int, str]]] = {}
        self.delays: dict[str, list[float]] = {}  # task_type -> seconds to wait before answering, in turn
        self.accepted: set[str] = set()
        super().__init__(secret)

    def _answer(self, request: PlainRequest) -> tuple[int, str, str]:
        body = request.body
        task_type = request.path.rsplit("/", 1)[-1]
        with self._lock:
            if not self._valid(request, body):
                self.rejected.append(request.headers.get("webhook-id", ""))
                return 401, '{"error": "bad signature"}', TEXT
            task = json.loads(body)
            webhook_id = request.headers["webhook-id"]
            self.tasks.append({**task, "path": request.path, "webhook_id": webhook_id})
            queued = self.answers.get(task_type) or []
            if queued:
                answer = queued.pop(0)
                status, text = answer if isinstance(answer, tuple) else (answer, "{}")
            elif webhook_id in self.accepted:
                status, text = 409, json.dumps({"duplicate": True, "task_id": task["task_id"]})
            else:
                self.accepted.add(webhook_id)
                status, text = 202, json.dumps({"accepted": True, "task_id": task["task_id"]})
            waits = self.delays.get(task_type) or []
            delay = waits.pop(0) if waits else 0.0
        time.sleep(delay)
        return status, text, JSON

    def tasks_for(self, task_id: str) -> list[dict]:
        with self._lock:
            return [t for t in self.tasks if t["task_id"] == task_id]


def chat_completion(model: str, content: str) -> dict:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}
