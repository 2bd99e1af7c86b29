"""A stand-in for the owner's phone: serves the fake WhatsApp Web page and drives it from outside the browser.

The page polls `control.json`: `scan` links it (as scanning the QR would), `inbox` lists
customer messages it then receives as WhatsApp would deliver them, `unknown` the numbers with no
WhatsApp account. What it sends is posted back.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

PAGE_DIR = Path(__file__).resolve().parent / "whatsapp_web"


class Phone:
    def __init__(self, **page_params: str) -> None:
        self.scan = False
        self.sent: list[dict] = []
        self.inbox: list[dict] = []
        self.not_on_whatsapp: set[str] = set()  # chat ids WhatsApp knows no account for
        static = SharedDataMiddleware(Response("not found", 404), {"/": str(PAGE_DIR)})

        def app(environ, start_response):
            request = Request(environ)
            if request.path == "/control.json":
                order = json.dumps({"scan": self.scan, "inbox": self.inbox, "unknown": sorted(self.not_on_whatsapp)})
                return Response(order, content_type="application/json")(environ, start_response)
            if request.path == "/sent":
                self.sent.append(json.loads(request.get_data()))
                return Response("{}")(environ, start_response)
            return static(environ, start_response)

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{self._server.server_port}"
        extra = "".join(f"&{key}={value}" for key, value in page_params.items())
        self.url = f"{base}/index.html?control={base}/control.json{extra}"

    def customer_writes(self, phone: str, text: str, *, cipher: bool = False, read: bool = False) -> str:
        """`cipher`: it reaches an open page encrypted first (wa-js emits it twice); `read`: the owner read it
        on the phone before the page saw it (so it is not unread there)."""
        chat_id = f"{phone.lstrip('+')}@c.us"
        message_id = f"false_{chat_id}_{uuid.uuid4().hex[:12].upper()}"
        self.inbox.append({"id": {"_serialized": message_id, "fromMe": False}, "from": chat_id,
                           "to": "2348000000000@c.us", "body": text, "t": int(time.time()), "cipher": cipher,
                           "read": read})
        return chat_id

    def message_ids(self, chat_id: str) -> list[str]:
        return [m["id"]["_serialized"] for m in self.inbox if m["from"] == chat_id]

    def stop(self) -> None:
        self._server.shutdown()
