"""A small SMTP server (RFC 5321 subset with AUTH PLAIN) that keeps every message it accepts."""

from __future__ import annotations

import base64
import socketserver
import threading
from email import message_from_bytes
from email.message import Message


class FakeSmtp:
    def __init__(self, *, username: str | None = None, password: str | None = None) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        # Mailboxes this server says do not exist: RFC 5321's "550 mailbox unavailable" at RCPT.
        self.unknown_mailboxes: set[str] = set()
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self) -> None:
                self.reply("220 fake-smtp ready")
                sender, recipients, authed = None, [], username is None
                while line := self.rfile.readline():
                    verb, _, arg = line.decode().rstrip("\r\n").partition(" ")
                    verb = verb.upper()
                    if verb in ("EHLO", "HELO"):
                        self.wfile.write(b"250-fake-smtp\r\n250 AUTH PLAIN\r\n")
                    elif verb == "AUTH":
                        _, _, blob = arg.partition(" ")
                        _, user, secret = base64.b64decode(blob).decode().split("\0")
                        authed = (user, secret) == (username, password)
                        self.reply("235 ok" if authed else "535 authentication failed")
                    elif verb == "MAIL":
                        if not authed:
                            self.reply("530 authentication required")
                            continue
                        sender, recipients = arg.split(":", 1)[1].strip("<> "), []
                        self.reply("250 ok")
                    elif verb == "RCPT":
                        recipient = arg.split(":", 1)[1].strip("<> ")
                        if recipient.lower() in outer.unknown_mailboxes:
                            self.reply("550 5.1.1 mailbox unavailable")
                            continue
                        recipients.append(recipient)
                        self.reply("250 ok")
                    elif verb == "DATA":
                        self.reply("354 end with <CRLF>.<CRLF>")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        outer.messages.append(message_from_bytes(data))
                        outer.envelopes.append((sender, recipients))
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 ok")
                    else:
                        self.reply("502 not implemented")

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.port = self._server.server_address[1]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
