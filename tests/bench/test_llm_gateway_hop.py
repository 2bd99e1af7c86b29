"""What the model gateway's hop costs a call: a Completion through GatewayChat and a gateway server on a Unix
socket (a stand-in model answering at once) against the same stand-in called directly. Printed, not asserted."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from pipelines.egress import parse_allowlist
from schemas.messages import ModelSpec
from services.adapters.egress import EgressPolicy
from services.adapters.llm import Completion, LiteLLMChat
from services.adapters.llm_gateway import GatewayChat
from services.runtime.llm_gateway import LLMGateway
from tests.conftest import LLM_KEY, LLMGatewayProcess, subprocess_env
from tests.fakes.gateway_server import chat_completion

CALLS = 2000
# About a one-call prompt: instructions, five retrieved chunks, history and the question.
PROMPT = [{"role": "system", "content": "Answer from the documents. " + "A retrieved passage. " * 300},
          {"role": "user", "content": "Do you deliver to Accra?"}]
MODELS = [ModelSpec(model="openai/own", api_base="https://models.example.test/v1")]


class Instant:
    def complete_with_key(self, models, messages, *, own_key, temperature, max_tokens, json_mode=False):
        own_key()
        return Completion(text='{"intent": "Response", "reply": "Yes, we deliver to Accra in 3 days."}',
                          model=models[0].model)


def _p(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def test_the_gateway_hop():
    with tempfile.TemporaryDirectory(prefix="sb-hop-") as root:
        path = Path(root) / "gw" / "llm.sock"
        server = LLMGateway(path, Instant())  # type: ignore[arg-type]  # a stand-in model
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            client = GatewayChat(path, own_key=lambda _user: "sk-own", timeout=5, retries=0)
            direct = Instant()
            tenant = uuid.uuid4()
            hop, plain, cpu = [], [], 0.0
            for n in range(CALLS + 100):
                started, thread_started = time.perf_counter(), time.thread_time()
                client.complete(MODELS, PROMPT, tenant=tenant, temperature=0.2, max_tokens=300, json_mode=True)
                took, took_cpu = time.perf_counter() - started, time.thread_time() - thread_started
                started = time.perf_counter()
                direct.complete_with_key(MODELS, PROMPT, own_key=lambda: "sk-own", temperature=0.2, max_tokens=300)
                if n >= 100:
                    hop.append(took)
                    plain.append(time.perf_counter() - started)
                    cpu += took_cpu
        finally:
            server.shutdown()
            server.server_close()
    print(f"\nmodel gateway hop ({CALLS} calls, a {len(PROMPT[0]['content']) // 1000} KB prompt): "
          f"p50 {_p(hop, 50):.3f} ms, p99 {_p(hop, 99):.3f} ms; the model called directly p50 "
          f"{_p(plain, 50):.4f} ms; the caller's CPU {cpu / CALLS * 1000:.3f} ms a call")


def test_a_model_call_through_the_gateway_process_against_in_process(llm, tmp_path):
    """The same own-server model on the local OpenAI-compatible server, called alternately through a real gateway
    process and by litellm in this process: what the hop adds, scheduling of the second process included."""
    llm.reset()
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], "answered"))
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(tmp_path), EGRESS_ALLOW="127.0.0.1/32",
                         LLM_RETRIES="0", LLM_TIMEOUT_SECONDS="5")
    model_gateway = LLMGatewayProcess(env, tmp_path / "llm-gateway.log")
    try:
        through = GatewayChat(model_gateway.socket_path, own_key=lambda _user: LLM_KEY, timeout=5, retries=0)
        here = LiteLLMChat(operator_models=[], egress=EgressPolicy(parse_allowlist("127.0.0.1/32"), https_only=False),
                           own_key=lambda _user: LLM_KEY, timeout=5, retries=0)
        models = [ModelSpec(model="openai/own", api_base=llm.base_url)]
        times: dict[str, list[float]] = {"gateway": [], "in-process": []}
        tenant = uuid.uuid4()
        for n in range(320):
            for name, chat in (("gateway", through), ("in-process", here)):
                started = time.perf_counter()
                chat.complete(models, PROMPT, tenant=tenant, temperature=0.2, max_tokens=300)
                if n >= 20:
                    times[name].append(time.perf_counter() - started)
    finally:
        model_gateway.stop()
        llm.reset()
    print("\none model call, 300 alternating, load " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ": " +
          "; ".join(f"{name} p50 {_p(t, 50):.2f} ms, p99 {_p(t, 99):.2f} ms" for name, t in times.items()) +
          f"; p50 difference {_p(times['gateway'], 50) - _p(times['in-process'], 50):+.2f} ms")
