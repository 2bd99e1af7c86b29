"""What the model gateway's hop costs a call: a Completion through GatewayChat and a gateway server on a Unix
socket (a stand-in model answering at once) against the same stand-in called directly. Printed, not asserted."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from schemas.messages import ModelSpec
from services.adapters.llm import Completion
from services.adapters.llm_gateway import GatewayChat
from services.runtime.llm_gateway import LLMGateway

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
