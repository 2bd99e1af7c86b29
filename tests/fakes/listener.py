"""A plain TCP listener that records every connection and the raw bytes of each HTTP request it gets.

It stands for an internal service a tenant might aim Salesboy at (a database port, a
metadata endpoint, a local model server): tests assert it saw no connection at all,
or that nothing it received carries a server secret. Every request is answered with an
OpenAI-style chat completion so a client that does get through finishes normally.
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading

ANSWER = {"id": "chatcmpl-listener", "object": "chat.completion", "created": 0, "model": "listener",
          "choices": [{"index": 0, "message": {"role": "assistant", "content": "hello from the listener"},
                       "finish_reason": "stop"}],
          "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class _Recorder(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        self.server.owner.connections += 1
        stream = self.request.makefile("rb")
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                line = stream.readline(65536)
                if not line:
                    return
                head += line
            length = next((int(h.split(b":", 1)[1]) for h in head.split(b"\r\n")
                           if h.lower().startswith(b"content-length:")), 0)
            self.server.owner.received.append(head + stream.read(length))
            body = json.dumps(ANSWER).encode()
            self.request.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + body)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: RecordingListener


class RecordingListener:
    def __init__(self, host: str = "127.0.0.2") -> None:
        self.connections = 0
        self.received: list[bytes] = []
        self._server = _Server((host, 0), _Recorder)
        self._server.owner = self
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def raw(self) -> bytes:
        return b"\n".join(self.received)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def closed_port(host: str = "127.0.0.2") -> int:
    """A port on host with nothing listening (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
