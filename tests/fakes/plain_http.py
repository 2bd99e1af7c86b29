"""A small threaded HTTP/1.1 server for the stand-ins the workers call once a message (the WhatsApp gateway, n8n).

On the wire it answers as werkzeug's development server did: one request a connection, a
Content-Length, `Connection: close`. It skips what that server builds around each request (a WSGI
environ, request and response objects, a wait for bytes after the response), which cost the
benchmark process about 1.1 ms a request on the cores the workers under test share; here it is
about half that. A stand-in's cost is not the real service's: the real gateway runs elsewhere.
"""

from __future__ import annotations

import socketserver
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

_MAX_LINE = 65536


@dataclass(frozen=True)
class PlainRequest:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


# A handler answers (status, body, content type).
Handler = Callable[[PlainRequest], tuple[int, str, str]]


class _Connection(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        request = self._read()
        if request is None:
            return
        try:
            status, text, content_type = self.server.answer(request)
        except Exception:  # a stand-in's bug answers 500, as werkzeug's server did, and shows in the test output
            traceback.print_exc()
            status, text, content_type = 500, "Internal Server Error", "text/plain; charset=utf-8"
        body = text.encode()
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Unknown"
        self.wfile.write(f"HTTP/1.1 {status} {phrase}\r\nContent-Type: {content_type}\r\n"
                         f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)

    def _read(self) -> PlainRequest | None:
        parts = self.rfile.readline(_MAX_LINE).decode("latin-1").split()
        if len(parts) != 3:
            return None
        headers: dict[str, str] = {}
        while (line := self.rfile.readline(_MAX_LINE)) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._chunked()
        else:
            body = self.rfile.read(int(headers.get("content-length") or 0))
        return PlainRequest(parts[0], parts[1].split("?", 1)[0], headers, body)

    def _chunked(self) -> bytes:
        chunks = []
        while size := int(self.rfile.readline(_MAX_LINE).split(b";", 1)[0], 16):
            chunks.append(self.rfile.read(size))
            self.rfile.readline(_MAX_LINE)
        while self.rfile.readline(_MAX_LINE) not in (b"\r\n", b"\n", b""):  # trailers
            pass
        return b"".join(chunks)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    answer: Handler


class PlainHTTPServer:
    """Serves `answer` on 127.0.0.1, on a port of its own, from a thread of its own."""

    def __init__(self, answer: Handler) -> None:
        self._server = _Server(("127.0.0.1", 0), _Connection)
        self._server.answer = answer
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
