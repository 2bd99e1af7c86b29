"""A bare Celery chain with as many hops as the message pipeline, for the latency baseline.

Run by a worker started from the benchmark: `celery -A tests.bench.raw_chain worker`.
Each hop sends the next; the last writes how long the chain took. Three forms, timed
in the same run:

- "empty": hops that do nothing, Celery's own cost alone;
- "http": hops doing the external work the pipeline cannot avoid, with no Salesboy
  code: hop 2 POSTs the classify request to the LLM server (when the pipeline made
  one: with one model call a message, the verdict comes with the answer), hop 3
  encodes the question with the same ONNX embedder the workers run, runs one vector
  search in SQL on the same table and POSTs the answer request, hop 4 POSTs the
  signed reply to the gateway;
- "library": the same, but the two LLM requests go through `litellm.completion`, the
  client the product is built on, as anyone calling it directly would.

The work (request bodies, URLs, tenant) comes from a JSON file named by RAW_CHAIN_WORK,
written by the benchmark from what the pipeline itself sent.
"""

import base64
import hashlib
import hmac
import json
import logging
import os
import time
import uuid

import httpx
import numpy as np
import psycopg
from celery import Celery
from pgvector.psycopg import register_vector

app = Celery("raw_chain", broker=os.environ.get("RAW_CHAIN_BROKER", "redis://127.0.0.1:6379/15"))
app.conf.update(task_serializer="json", accept_content=["json"], task_ignore_result=True, task_acks_late=True,
                worker_prefetch_multiplier=1, task_default_queue="raw_chain", worker_hijack_root_logger=False)

HOPS = 4
MODES = ("library", "http", "empty")
_process: dict = {}  # what a real worker also keeps per process: the model, a connection, an HTTP client


def _work() -> dict:
    if "work" not in _process:
        with open(os.environ["RAW_CHAIN_WORK"]) as file:
            work = json.load(file)
        from pathlib import Path

        # The embedder adapter itself (tokenizers + onnxruntime on the exported graph), so the query
        # encode costs what it costs in a worker; nothing of the pipeline runs around it.
        from services.adapters.embeddings_onnx import OnnxEmbedder

        conn = psycopg.connect(work["database_url"], autocommit=True)
        register_vector(conn)
        conn.execute("set hnsw.iterative_scan = relaxed_order")
        conn.execute(f"set hnsw.ef_search = {int(work['ef_search'])}")
        _process.update(work=work, conn=conn, http=httpx.Client(timeout=10),
                        model=OnnxEmbedder(cache_dir=Path(work["embedding_cache_dir"])))
    return _process["work"]


def _post_llm(body: dict, mode: str) -> str:
    work = _work()
    if mode == "library":
        return _litellm().completion(
            model=f"openai/{body['model']}", messages=body["messages"], api_base=work["llm_base_url"],
            api_key=work["llm_key"], temperature=body.get("temperature"), max_tokens=body.get("max_tokens"),
            response_format=body.get("response_format"), max_retries=0,
        ).choices[0].message.content
    response = _process["http"].post(f"{work['llm_base_url']}/chat/completions", json=body,
                                     headers={"Authorization": f"Bearer {work['llm_key']}"})
    response.raise_for_status()
    return response.json()["choices"][0]["message"]["content"]


def _litellm():
    if "litellm" not in _process:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        import litellm

        logging.getLogger("LiteLLM").setLevel(logging.WARNING)
        _process["litellm"] = litellm
    return _process["litellm"]


def _search() -> list:
    work = _work()
    vector = np.asarray(_process["model"].embed([work["question"]])[0], dtype=np.float32)
    return _process["conn"].execute(
        "select id, content from (select id, content, embedding <=> %s as d from public.kb_chunks "
        "where user_id = %s order by embedding <=> %s limit %s) t order by d",
        [vector, work["user_id"], vector, work["k"]]).fetchall()


def _send(text: str) -> None:
    work = _work()
    key = uuid.uuid4().hex
    body = json.dumps({"tenant": work["user_id"], "chat_id": work["chat_id"], "text": text,
                       "idempotency_key": key}).encode()
    stamp = str(int(time.time()))
    mac = hmac.new(base64.b64decode(work["gateway_secret"]), f"{key}.{stamp}.".encode() + body,
                   hashlib.sha256).digest()
    response = _process["http"].post(work["gateway_url"], content=body, headers={
        "content-type": "application/json", "webhook-id": key, "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac).decode()})
    response.raise_for_status()


def warm_up() -> None:
    """Load the model and libraries and open the connections before anything is timed."""
    _work()
    _search()
    _litellm()


@app.task(name="raw.hop")
def hop(n: int, started: float, key: str, mode: str = "empty", reply: str = "") -> None:
    if mode != "empty":
        work = _work()
        if n == 1:
            if work["classify"] is not None:
                _post_llm(work["classify"], mode)
        elif n == 2:
            assert _search(), "the raw vector search found nothing"
            reply = _post_llm(work["answer"], mode)
        elif n == 3:
            _send(reply)
    if n + 1 < HOPS:
        app.send_task("raw.hop", args=[n + 1, started, key, mode, reply])
    else:
        with app.connection_for_write() as conn:
            conn.default_channel.client.set(key, repr(time.time() - started), ex=600)


if os.environ.get("RAW_CHAIN_WORK"):
    from celery import signals

    @signals.worker_ready.connect(weak=False)
    def _ready(**_kwargs) -> None:
        warm_up()
