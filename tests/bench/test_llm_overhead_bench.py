"""CPU per model call through `LiteLLMChat` (litellm) against the same request as a raw HTTP post.

The OpenAI-compatible server runs in a process of its own, so only the caller's CPU is counted
(process time, background threads included: litellm hands work to a logging thread). Each
form runs CALLS calls after a warm-up; the raw post reuses one httpx client, as a worker would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import httpx

from schemas.messages import ModelSpec
from schemas.settings import OperatorModel, Settings
from services.adapters.egress import EgressPolicy
from services.adapters.llm import LiteLLMChat
from tests.conftest import REPO_ROOT

CALLS = 200
KEY = "sk-bench"
SERVER = f"""
import time
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.gateway_server import chat_completion
server = FakeOpenAI(api_key={KEY!r})
server.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], "Yes."))
print(server.base_url, flush=True)
time.sleep(3600)
"""
MESSAGES = [{"role": "system", "content": "Answer from the documents."},
            {"role": "user", "content": "How much is the blender in Lagos?"}]


def _cpu_ms_per_call(call) -> float:
    for _ in range(10):
        call()
    time.sleep(0.3)
    started = time.process_time()
    for _ in range(CALLS):
        call()
    time.sleep(0.5)  # what litellm left to its logging thread finishes inside the window
    return (time.process_time() - started) * 1000 / CALLS


def test_cpu_per_model_call_against_a_raw_post(monkeypatch):
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    try:
        base_url = server.stdout.readline().strip()
        monkeypatch.setenv("BENCH_OPERATOR_KEY", KEY)
        chat = LiteLLMChat(
            operator_models=[OperatorModel(name="fast", model="openai/fast", api_base=base_url,
                                           api_key_env="BENCH_OPERATOR_KEY")],
            egress=EgressPolicy.from_settings(Settings(_env_file=None, EGRESS_ALLOW="127.0.0.1")),
            own_key=lambda _user: KEY)
        tenant = uuid.uuid4()
        http = httpx.Client(timeout=10)

        def raw():
            response = http.post(f"{base_url}/chat/completions", headers={"Authorization": f"Bearer {KEY}"},
                                 json={"model": "fast", "messages": MESSAGES, "temperature": 0, "max_tokens": 50})
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"]

        forms = {
            "raw httpx post": raw,
            "operator model": lambda: chat.complete([ModelSpec(model="operator/fast")], MESSAGES, tenant=tenant,
                                                    temperature=0, max_tokens=50),
            "own server model": lambda: chat.complete([ModelSpec(model="openai/fast", api_base=base_url)], MESSAGES,
                                                      tenant=tenant, temperature=0, max_tokens=50),
        }
        figures = {name: _cpu_ms_per_call(call) for name, call in forms.items()}
        raw_ms = figures["raw httpx post"]
        print(f"\nCPU per model call ({CALLS} calls, {os.cpu_count()} cores): "
              + "; ".join(f"{name} {ms:.2f} ms (ratio {ms / raw_ms:.1f})" for name, ms in figures.items()))
    finally:
        server.terminate()
        server.wait(10)
