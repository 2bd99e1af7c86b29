"""Where a message's CPU goes: every stage of the message pipeline run in this process under cProfile.

Jobs are not queued: a publisher that keeps them hands each to the container's own handler, so the
profile holds the stages' work and nothing of Celery's. Prints, per message: the CPU time, SQL
statements (calls of psycopg's execute), embedding calls and texts, and the functions with the most
cumulative time. `BENCH_MESSAGES` sets how many messages (default 100); `BENCH_PROFILE_CLOCK=cpu` profiles
CPU time instead of wall time (round trips then drop out), `BENCH_PROFILE_SORT=tottime` sorts by own time,
`BENCH_PROFILE_LINES` how many functions are printed. `BENCH_PROFILE_MODE=one_call` profiles a shop with a
model instead (the local OpenAI-compatible server answering at once, verdict and reply in one call); the
default, `llm_free`, a shop without one.
"""

from __future__ import annotations

import collections
import cProfile
import io
import json
import os
import pstats
import time
import uuid
from datetime import UTC, datetime

import psycopg
from psycopg.types.json import Jsonb

from schemas.jobs import ProvisionTenant
from schemas.messages import InboundMessage
from services.bootstrap import bootstrap
from services.handlers.tenant import provision_tenant
from services.usecases import provider_keys
from services.usecases.inbound import accept
from tests.conftest import LLM_KEY, create_user
from tests.fakes.gateway_server import chat_completion

MESSAGES = int(os.environ.get("BENCH_MESSAGES", "100"))
MODE = os.environ.get("BENCH_PROFILE_MODE", "llm_free")
REPLY = "Yes, we deliver to Accra in 3 days."


class _Kept:
    """The Publisher port, keeping the jobs for the caller to run."""

    def __init__(self) -> None:
        self.jobs: list = []

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.jobs.append(job)


class _Counted:
    """An embedder that counts calls and texts."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.calls = self.texts = 0

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def embed(self, texts):
        self.calls += 1
        self.texts += len(texts)
        return self._inner.embed(texts)


def _drain(container, kept: _Kept) -> int:
    ran = 0
    while kept.jobs:
        container.handle(kept.jobs.pop(0))
        ran += 1
    return ran


def _statement_tally(monkeypatch) -> collections.Counter:
    """Each SQL statement's first words, counted."""
    tally: collections.Counter = collections.Counter()
    execute = psycopg.Cursor.execute

    def counted(cursor, query, *args, **kwargs):
        text = query.as_string(cursor) if hasattr(query, "as_string") else str(query)
        tally[" ".join(text.split())[:90]] += 1
        return execute(cursor, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted)
    return tally


def _one_call_model(container, user, llm) -> None:
    """The shop answers with its own model server (the local fake), verdict and reply in one call."""

    def instant(body):
        return 200, chat_completion(body["model"], json.dumps(
            {"intent": "Response", "confidence": 0.9, "task_type": None, "payload": {},
             "raw_analysis": "a question", "reply": REPLY}))

    llm.routes[("POST", "/v1/chat/completions")] = instant
    provider_keys.save(container.tenant_data, user, LLM_KEY, via="bench")
    with container.tenant_uow(user) as uow:
        uow.conn.execute("update public.bot_config set model_calls = 1, models = %s where user_id = %s",
                         [Jsonb([{"model": "openai/instant", "api_base": llm.base_url}]), user])


def test_message_profile(settings, database_url, redis_url, gateway, llm, monkeypatch):
    assert MODE in ("llm_free", "one_call"), f"BENCH_PROFILE_MODE={MODE}: llm_free or one_call"
    kept = _Kept()
    base = bootstrap(settings, database_url=database_url, redis_url=redis_url.rsplit("/", 1)[0] + "/12")
    embedder = _Counted(base.embedder)
    base.close()
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url.rsplit("/", 1)[0] + "/12",
                          publisher=kept, embedder=embedder)
    try:
        user = create_user(container)
        provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
        container.kb.upload(user, "faq.md", f"# Delivery\nWe deliver to Accra in 3 days. {uuid.uuid4()}".encode())
        _drain(container, kept)
        with container.tenant_uow(user) as uow:
            uow.conn.execute("update public.bot_config set debounce_seconds = 0 where user_id = %s", [user])
        if MODE == "one_call":
            _one_call_model(container, user, llm)

        def message(n: int) -> InboundMessage:
            return InboundMessage(tenant=user, provider_message_id=f"wamid.profile.{uuid.uuid4().hex}",
                                  chat_id=f"23481{n:08d}@c.us", sender_phone=f"+23481{n:08d}",
                                  text=f"Do you deliver to Accra? Order {n}.", timestamp=datetime.now(UTC))

        for n in range(5):  # warm up: model, connections, fitted intent heads
            accept(container, message(n))
            _drain(container, kept)
        sent_before, calls_before = len(gateway.sent), len(llm.requests)
        embedder.calls = embedder.texts = 0
        tally = _statement_tally(monkeypatch)
        cpu_clock = os.environ.get("BENCH_PROFILE_CLOCK", "wall") == "cpu"
        profile = cProfile.Profile(time.process_time) if cpu_clock else cProfile.Profile()
        jobs = 0
        cpu, wall = time.process_time(), time.perf_counter()
        profile.enable()
        for n in range(MESSAGES):
            accept(container, message(100 + n))
            jobs += _drain(container, kept)
        profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert len(gateway.sent) - sent_before == MESSAGES
        assert len(llm.requests) - calls_before == (MESSAGES if MODE == "one_call" else 0)  # one call a message
    finally:
        container.close()

    stats = pstats.Stats(profile)
    executes = sum(calls for (file, _line, name), (_cc, calls, *_rest) in stats.stats.items()  # type: ignore[attr-defined]
                   if name in ("execute", "executemany") and file.startswith(os.path.dirname(psycopg.__file__))
                   and file.endswith("cursor.py"))  # Connection.execute goes through a cursor: counted once
    mode = "no model" if MODE == "llm_free" else "one model call each"
    print(f"\n{MESSAGES} messages, {mode}, in-process (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}):"
          f" {cpu / MESSAGES * 1000:.1f} ms CPU and {wall / MESSAGES * 1000:.1f} ms wall a message (under cProfile),"
          f" {jobs / MESSAGES:.1f} jobs, {executes / MESSAGES:.1f} SQL statements, {embedder.calls / MESSAGES:.1f}"
          f" embedding calls ({embedder.texts / MESSAGES:.1f} texts) a message")
    for statement, count in tally.most_common():
        print(f"  {count / MESSAGES:4.1f}  {statement}")
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    lines = int(os.environ.get("BENCH_PROFILE_LINES", "45"))
    stats.sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative")).print_stats(lines)
    print(out.getvalue())
