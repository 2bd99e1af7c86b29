"""The model gateway's wire: length-prefixed JSON frames, validated on both sides, a size limit, a private
socket, and a client that records a gateway that does not answer as every model's failure."""

from __future__ import annotations

import json
import os
import socket
import stat
import struct
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from schemas.llm_gateway import GatewayRequest
from schemas.messages import ModelSpec
from services.adapters.llm import AllModelsFailedError, Completion
from services.adapters.llm_gateway import MAX_FRAME_BYTES, FrameError, GatewayChat, read_frame, send_frame
from services.core.crypto import DecryptionError
from services.runtime.llm_gateway import LLMGateway

OWN = ModelSpec(model="openai/own", api_base="https://models.example.test/v1")
HOUSE = ModelSpec(model="operator/house")
PROMPT = [{"role": "user", "content": "hi"}]


class StubChat:
    """Stands in for LiteLLMChat in the gateway: records what it was given, answers as told."""

    def __init__(self, answer=None, failures=()):
        self.answer, self.failures, self.calls = answer, list(failures), []

    def complete_with_key(self, models, messages, *, own_key, temperature, max_tokens, json_mode=False):
        try:
            key = own_key()
        except DecryptionError as exc:
            key = f"unreadable: {exc}"
        self.calls.append({"models": models, "messages": messages, "key": key, "json_mode": json_mode})
        if self.answer is None:
            raise AllModelsFailedError(self.failures)
        return Completion(text=self.answer, model=models[-1].model, attempts=self.failures)


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory(prefix="sb-gw-") as root:  # short: a Unix socket path has ~100 bytes
        yield Path(root) / "gateway"


def _serve(path, chat):
    server = LLMGateway(path, chat)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


@pytest.fixture
def served(folder):
    servers = []

    def start(chat):
        servers.append(_serve(folder / "llm.sock", chat))
        return folder / "llm.sock"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _client(path, key="sk-own", timeout=5.0):
    def own_key(_tenant):
        if isinstance(key, Exception):
            raise key
        return key

    return GatewayChat(path, own_key=own_key, timeout=timeout, retries=0)


def test_a_frame_goes_through_whole():
    left, right = socket.socketpair()
    with left, right:
        payload = json.dumps({"text": "é" * 70_000}).encode()  # more than one recv's worth
        threading.Thread(target=send_frame, args=(left, payload)).start()
        assert read_frame(right) == payload


def test_an_oversize_frame_is_refused_on_both_sides():
    left, right = socket.socketpair()
    with left, right:
        with pytest.raises(FrameError, match="over the"):
            send_frame(left, b"x" * (MAX_FRAME_BYTES + 1))
        left.sendall(struct.pack(">I", MAX_FRAME_BYTES + 1))  # a length alone: refused before any body is read
        with pytest.raises(FrameError, match="over the"):
            read_frame(right)


def test_a_connection_closed_mid_frame_is_an_error():
    left, right = socket.socketpair()
    with right:
        left.sendall(struct.pack(">I", 10) + b"abc")
        left.close()
        with pytest.raises(FrameError, match="3 of 10"):
            read_frame(right)


def test_the_request_carries_the_key_only_in_its_json():
    request = GatewayRequest(tenant=uuid.uuid4(), models=[OWN], messages=PROMPT, temperature=0, max_tokens=5,
                             own_key="sk-secret-123")
    assert "sk-secret-123" not in repr(request) and "sk-secret-123" not in str(request.model_dump())
    assert GatewayRequest.model_validate_json(request.model_dump_json()).own_key.get_secret_value() == "sk-secret-123"
    with pytest.raises(ValueError, match="extra"):
        GatewayRequest.model_validate({**json.loads(request.model_dump_json()), "api_key_env": "OPENAI_API_KEY"})


def test_the_socket_is_the_users_alone(served, folder):
    path = served(StubChat("ok"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_an_answer_comes_back_as_a_completion_with_the_failures_before_it(served):
    failures = [{"model": "operator/house", "error": "RateLimitError: litellm.RateLimitError: slow down"}]
    chat = StubChat("the answer", failures)
    done = _client(served(chat)).complete([HOUSE, OWN], PROMPT, tenant=uuid.uuid4(), temperature=0.2,
                                          max_tokens=50, json_mode=True)
    assert done == Completion(text="the answer", model="openai/own", attempts=failures)
    (call,) = chat.calls
    assert call["key"] == "sk-own" and call["json_mode"] and call["messages"] == PROMPT
    assert call["models"] == [HOUSE, OWN]


def test_failures_arrive_unchanged(served):
    failures = [{"model": "openai/own", "error": "InternalServerError: OpenAIException - injected failure 500"}]
    with pytest.raises(AllModelsFailedError) as failed:
        _client(served(StubChat(None, failures))).complete([OWN], PROMPT, tenant=uuid.uuid4(), temperature=0,
                                                           max_tokens=5)
    assert failed.value.attempts == failures


def test_operator_models_alone_send_no_key_and_an_unreadable_key_is_said_so(served):
    chat = StubChat("ok")
    path = served(chat)
    _client(path).complete([HOUSE], PROMPT, tenant=uuid.uuid4(), temperature=0, max_tokens=5)
    _client(path, key=DecryptionError("retired")).complete([OWN], PROMPT, tenant=uuid.uuid4(), temperature=0,
                                                            max_tokens=5)
    assert chat.calls[0]["key"] is None
    assert chat.calls[1]["key"].startswith("unreadable")


def test_a_request_that_does_not_validate_is_refused_without_its_values(served):
    path = served(StubChat("ok"))
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(path))
        send_frame(sock, json.dumps({"tenant": "not-a-uuid", "own_key": "sk-leak-me", "models": []}).encode())
        reply = json.loads(read_frame(sock))
    assert reply["refused"].startswith("the request did not validate (tenant")
    assert "sk-leak-me" not in reply["refused"]


def test_no_gateway_is_recorded_as_every_models_failure(folder):
    with pytest.raises(AllModelsFailedError) as failed:
        _client(folder / "llm.sock").complete([HOUSE, OWN], PROMPT, tenant=uuid.uuid4(), temperature=0, max_tokens=5)
    assert [a["model"] for a in failed.value.attempts] == ["operator/house", "openai/own"]
    assert all("model gateway did not answer (FileNotFoundError)" in a["error"] for a in failed.value.attempts)
    assert str(folder) not in str(failed.value)


def test_a_gateway_that_never_answers_times_out(folder, monkeypatch):
    monkeypatch.setattr("services.adapters.llm_gateway._SLACK_SECONDS", 0.2)  # not five seconds
    folder.mkdir()
    path = folder / "llm.sock"
    with socket.socket(socket.AF_UNIX) as silent:
        silent.bind(str(path))
        silent.listen()
        with pytest.raises(AllModelsFailedError, match="timed out"):
            _client(path, timeout=0.1).complete([HOUSE], PROMPT, tenant=uuid.uuid4(), temperature=0, max_tokens=5)


def test_a_probe_that_only_connects_is_not_logged_as_a_bad_request(served, caplog):
    path = served(StubChat("ok"))
    with socket.socket(socket.AF_UNIX) as probe:
        probe.connect(str(path))
    # A real call after it still answers, and the probe left no warning behind.
    assert _client(path).complete([HOUSE], PROMPT, tenant=uuid.uuid4(), temperature=0, max_tokens=5).text == "ok"
    assert not [r for r in caplog.records if r.name == "services.runtime.llm_gateway"]
