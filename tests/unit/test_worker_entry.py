"""The worker's entry point imports its modules at the top; none of them may load prometheus_client, which
fixes its value class (multiprocess or not) from the environment the moment it is first imported."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from flask_sse import Message

from services.adapters.events import sse_message

ROOT = Path(__file__).resolve().parents[2]


def _loads_prometheus(module: str) -> bool:
    probe = f"import sys, {module}; print('prometheus_client' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return out.stdout.strip() == "True"


def test_the_worker_entry_point_leaves_prometheus_unloaded():
    assert _loads_prometheus("workers.__main__") is False


def test_the_probe_sees_a_module_that_loads_it():
    # The API exports its own metrics, so it loads prometheus_client at import: the probe must say so.
    assert _loads_prometheus("api.observability") is True


# Loaded only where they are needed: the API (Flask), the session host (Selenium), a shop with a model
# (litellm), torch runtime, document extraction (a child process of its own, services/adapters/extract_isolated.py).
# scikit-learn and SciPy fit intent heads, in a child process (services/adapters/intent_classifier.py).
NOT_IN_A_WORKER = ("flask", "werkzeug", "jinja2", "flask_sse", "selenium", "litellm", "torch",
                   "sentence_transformers", "pypdf", "docx", "openpyxl", "bs4", "lxml", "sklearn", "scipy")


def test_a_worker_process_built_for_messages_and_ingest_leaves_heavy_libraries_unloaded(tmp_path):
    # What a pool process holds after worker_process_init: the worker's modules and the whole container, its
    # message, ingest and dispatch dependencies built (nothing connects: the servers named do not exist), and
    # an intent head fitted and used as the intent stage does (a stand-in embedder: the model is not the point).
    probe = (
        "import dataclasses, sys, zlib, workers.__main__\n"
        "from schemas.settings import load_settings\n"
        "from services.bootstrap import bootstrap\n"
        "from pipelines.intent import DEFAULT_EXAMPLES, training_set\n"
        "class Embedder:\n"
        "    model_name = 'probe'\n"
        "    def embed(self, texts):\n"
        "        return [[(zlib.crc32(t.encode()) >> s) % 7 / 7 for s in range(8)] for t in texts]\n"
        "c = bootstrap(load_settings(), database_url='postgresql://u:p@127.0.0.1:1/x',\n"
        "              redis_url='redis://127.0.0.1:1/0', open_pool=False)\n"
        "c.ingest, c.dispatch\n"
        "heads = dataclasses.replace(c.messages.intent_heads, embedder=Embedder())\n"
        "heads.head(training_set(DEFAULT_EXAMPLES, [])).probabilities([0.5] * 8, 'where is my order')\n"
        f"print(','.join(m for m in {NOT_IN_A_WORKER!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SALESBOY_ENV": "test",
                              "SALESBOY_DATA_DIR": str(tmp_path)})
    assert out.stdout.strip() == "", out.stdout


def test_a_worker_process_with_the_model_gateway_makes_model_calls_without_litellm(tmp_path):
    # As `salesboy up` runs them: LLM_GATEWAY_SOCKET set, a model call answered through it (here by a stand-in
    # gateway speaking the same frames); litellm stays in the gateway's process.
    socket_path = Path(tempfile.mkdtemp(prefix="sb-probe-")) / "llm.sock"
    probe = (
        "import socket, sys, threading, uuid, workers.__main__\n"
        "from schemas.messages import ModelSpec\n"
        "from schemas.llm_gateway import GatewayReply, GatewayRequest\n"
        "from schemas.settings import load_settings\n"
        "from services.adapters.llm_gateway import read_frame, send_frame\n"
        "from services.bootstrap import bootstrap\n"
        "server = socket.socket(socket.AF_UNIX)\n"
        f"server.bind({str(socket_path)!r}); server.listen()\n"
        "def answer():\n"
        "    conn, _ = server.accept()\n"
        "    request = GatewayRequest.model_validate_json(read_frame(conn))\n"
        "    send_frame(conn, GatewayReply(text='hi', model=request.models[0].model).model_dump_json().encode())\n"
        "threading.Thread(target=answer, daemon=True).start()\n"
        "c = bootstrap(load_settings(), database_url='postgresql://u:p@127.0.0.1:1/x',\n"
        "              redis_url='redis://127.0.0.1:1/0', open_pool=False)\n"
        "done = c.chat.for_tenant(uuid.uuid4()).complete([ModelSpec(model='operator/house')],\n"
        "    [{'role': 'user', 'content': 'hi'}], temperature=0, max_tokens=5)\n"
        "assert (type(c.chat).__name__, done.text) == ('GatewayChat', 'hi'), done\n"
        f"print(','.join(m for m in {NOT_IN_A_WORKER!r} if m in sys.modules))\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                             check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                              "SALESBOY_ENV": "test", "SALESBOY_DATA_DIR": str(tmp_path),
                                              "LLM_GATEWAY_SOCKET": str(socket_path)})
    finally:
        shutil.rmtree(socket_path.parent, ignore_errors=True)
    assert out.stdout.strip() == "", out.stdout


def test_the_stored_event_is_flask_sse_s_own():
    data = {"outbox_id": "7", "chat_id": "2348012345678@c.us"}
    assert sse_message(data, "message.sent") == Message(data, type="message.sent").to_dict()
