"""`salesboy llm-gateway`: the one process that imports litellm and calls the models for every worker.

A threaded server on a local Unix socket (one thread a call, so a slow provider holds only its own caller).
Each connection carries one call: a GatewayRequest frame in, a GatewayReply frame out
(services/adapters/llm_gateway.py has the framing and the client)."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import socketserver
import stat
import threading
from pathlib import Path

from pydantic import ValidationError

from schemas.llm_gateway import GatewayReply, GatewayRequest
from services.adapters.litellm_setup import load_litellm
from services.adapters.llm import AllModelsFailedError, LiteLLMChat
from services.adapters.llm_gateway import FrameError, read_frame, send_frame
from services.core.crypto import DecryptionError

log = logging.getLogger(__name__)

_REQUEST_SECONDS = 10.0  # to send the request frame: a worker writes it in one go
_MAX_PATH_BYTES = 100  # sun_path is 108 bytes on Linux, fewer elsewhere


def socket_path_for(data_dir: Path) -> Path:
    """Where `salesboy up` puts the socket: a folder of its own under the data directory."""
    return data_dir.resolve() / "run" / "llm-gateway" / "llm.sock"


class LLMGateway(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True  # a call still running at shutdown is cut off with the process
    block_on_close = False

    def __init__(self, path: Path, chat: LiteLLMChat) -> None:
        self.chat = chat
        self.path = path
        _private_folder(path.parent)
        if len(os.fsencode(path)) > _MAX_PATH_BYTES:
            raise ValueError(f"the gateway's socket path is too long for a Unix socket: {path}")
        if path.is_socket():  # a previous gateway's, left by a crash
            path.unlink()
        old = os.umask(0o177)  # the socket is born 0600: no moment where another user could connect
        try:
            super().__init__(str(path), _Handler)
        finally:
            os.umask(old)
        os.chmod(path, 0o600)

    def answer(self, request: GatewayRequest) -> GatewayReply:
        def own_key() -> str | None:
            if request.own_key_unreadable:
                raise DecryptionError("the worker could not decrypt the business's provider key")
            return request.own_key.get_secret_value() if request.own_key is not None else None

        try:
            completion = self.chat.complete_with_key(
                request.models, request.messages, own_key=own_key, temperature=request.temperature,
                max_tokens=request.max_tokens, json_mode=request.json_mode)
        except AllModelsFailedError as exc:
            return GatewayReply(attempts=exc.attempts)  # type: ignore[arg-type]  # validated into GatewayAttempt
        return GatewayReply(text=completion.text, model=completion.model,
                            attempts=completion.attempts)  # type: ignore[arg-type]  # as above


class _Handler(socketserver.BaseRequestHandler):
    server: LLMGateway

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(_REQUEST_SECONDS)
        try:
            if not sock.recv(1, socket.MSG_PEEK):
                return  # closed with nothing sent: a liveness probe (`salesboy up` waits for the socket so)
            request = GatewayRequest.model_validate_json(read_frame(sock))
        except ValidationError as exc:
            # Where it failed, never the values: the frame may hold a business's key.
            where = ", ".join(".".join(str(p) for p in error["loc"]) or "the frame" for error in exc.errors())
            reply = GatewayReply(refused=f"the request did not validate ({where})")
            log.warning("model gateway request refused", extra={"error": reply.refused})
        except (FrameError, OSError) as exc:
            log.warning("model gateway request unreadable", extra={"error": f"{type(exc).__name__}: {exc}"})
            return  # the worker reads no reply and records the gateway as not answering
        else:
            try:
                reply = self.server.answer(request)
            except Exception as exc:  # a bug here must reach the worker's trace, not hang it until its timeout
                log.exception("model gateway call crashed")
                reply = GatewayReply(refused=f"{type(exc).__name__}: {exc}"[:300])
        try:
            send_frame(sock, reply.model_dump_json().encode())
        except (FrameError, OSError) as exc:
            log.warning("model gateway could not answer", extra={"error": f"{type(exc).__name__}: {exc}"})


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder of this user's")
    os.chmod(folder, 0o700)


def serve(path: Path, chat: LiteLLMChat) -> None:
    """Serve until SIGTERM or SIGINT; litellm is imported before the socket exists, so a socket that
    answers is a gateway ready to call models."""
    load_litellm()
    # litellm's import leaves hundreds of thousands of objects that live as long as the process: frozen, a
    # full collection no longer walks them all (one such pass held a call up by ~0.3 s in the message bench).
    gc.collect()
    gc.freeze()
    server = LLMGateway(path, chat)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info("model gateway listening", extra={"socket": str(path)})
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
