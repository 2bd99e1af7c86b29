"""Answer quality on the evaluation suites, in-process: the documents go through the real ingest
pipeline (extract, chunk, embed, pgvector) and each case through `services.usecases.answering.answer`, the
function rag.respond calls. Prints hit@3, fact-in-reply, out-of-scope abstention and false
abstention per suite and split.

    BENCH_SUITES=evals/coffee_roaster:evals/bike_workshop  (default: every evals/*/ with documents)
    BENCH_DUMP=/some/file.jsonl  writes every case's decision and support figures, for calibration
        (tests/bench/calibrate_abstention.py).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipelines import sentences
from pipelines.asked_counts import asked_counts
from pipelines.asked_kinds import asked_kinds
from pipelines.asked_sizes import asked_sizes
from schemas.bot import BotSettings
from services.bootstrap import bootstrap
from services.usecases import answering
from tests.conftest import create_user, make_settings

ROOT = Path(__file__).resolve().parents[2]


class InlinePublisher:
    def __init__(self) -> None:
        self.container = None
        self.queue: deque = deque()

    def publish(self, job, countdown: float = 0) -> None:
        self.queue.append(job)

    def drain(self) -> None:
        while self.queue:
            self.container.handle(self.queue.popleft())


def _suites() -> list[Path]:
    chosen = os.environ.get("BENCH_SUITES")
    if chosen:
        return [Path(p) if Path(p).is_absolute() else ROOT / p for p in chosen.split(":") if p]
    # Suites with documents of their own (BANKING77 is an intent-only suite).
    return sorted(p.parent for p in (ROOT / "evals").glob("*/suite.toml") if (p.parent / "documents").is_dir())


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _settings(suite: Path) -> BotSettings:
    meta = tomllib.loads((suite / "suite.toml").read_text()) if (suite / "suite.toml").exists() else {}
    patch = {k: v for k, v in (meta.get("settings") or {}).items() if k in BotSettings.model_fields}
    return BotSettings.model_validate({**patch, "models": [], "debounce_seconds": 0, "enabled": True})


@contextmanager
def inline_run(tmp_path, database_url, redis_url) -> Iterator[tuple]:
    """A container whose queued jobs run in this process when drained, and the BENCH_DUMP file (None without);
    both closed after."""
    publisher = InlinePublisher()
    container = bootstrap(
        make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url),
        database_url=database_url,
        redis_url=redis_url,
        publisher=publisher,
    )
    publisher.container = container
    dump = open(os.environ["BENCH_DUMP"], "w") if os.environ.get("BENCH_DUMP") else None  # noqa: SIM115
    try:
        yield container, publisher, dump
    finally:
        if dump:
            dump.close()
        container.close()


def test_answer_quality(tmp_path, database_url, redis_url):
    suites = _suites()
    if not suites:
        pytest.skip("no evaluation suites")
    with inline_run(tmp_path, database_url, redis_url) as (container, publisher, dump):
        for suite in suites:
            _run_suite(container, publisher, suite, dump)


def _passages(found) -> list[dict]:
    return [
        {
            "content": f.content,
            "filename": f.filename,
            "cosine": f.cosine,
            "vector_rank": f.ranked.vector_rank,
            "keyword_rank": f.ranked.keyword_rank,
            "coverage": f.coverage,
        }
        for f in found
    ]


def suite_loaded(container, publisher, suite: Path) -> tuple:
    """A new tenant holding the suite's documents, ingested; its settings, answering's dependencies and its cases."""
    user = create_user(container)
    for path in sorted((suite / "documents").iterdir()):
        container.kb.upload(user, path.name, path.read_bytes())
        publisher.drain()
    settings = _settings(suite)
    deps = answering.Deps(container.embedder, container.vectors, container.tenant_uow)
    cases = [json.loads(line) for line in (suite / "cases.jsonl").read_text().splitlines() if line.strip()]
    return user, settings, deps, cases


def _run_suite(container, publisher, suite: Path, dump) -> None:
    user, settings, deps, cases = suite_loaded(container, publisher, suite)
    tally: dict[str, dict[str, list[bool]]] = {}
    for case in cases:
        if case["kind"] not in ("question", "out_of_scope"):
            continue
        result = answering.answer(deps, user, settings, case["text"])
        split = tally.setdefault(
            case.get("split", "test"), {"hit@3": [], "fact": [], "oos_abstained": [], "false_abstention": []}
        )
        documents = [f.filename for f in result.retrieval.found[:3]]
        abstained = result.how == answering.ABSTAINED
        if case["kind"] == "question":
            split["hit@3"].append(case.get("source") in documents)
            split["fact"].append(
                not abstained and any(_normalised(f) in _normalised(result.reply) for f in case["facts"])
            )
            split["false_abstention"].append(abstained)
        else:
            split["oos_abstained"].append(abstained)
        if dump:
            support = result.support
            dump.write(
                json.dumps(
                    {
                        "suite": suite.name,
                        "split": case.get("split"),
                        "kind": case["kind"],
                        "text": case["text"],
                        "facts": case.get("facts"),
                        "source": case.get("source"),
                        "how": result.how,
                        "reply": result.reply,
                        "documents": documents,
                        "support": None
                        if support is None
                        else {
                            "sentence": support.best_sentence,
                            "coverage": support.coverage,
                            "agreement": support.agreement,
                            "unknown": support.unknown,
                            "variant": support.variant,
                            "unoffered": support.unoffered,
                            "apart": support.apart,
                        },
                        "terms": result.retrieval.terms,
                        "weights": result.retrieval.weights,
                        "unknown_terms": result.retrieval.unknown,
                        # each unknown word's best cosine to a candidate sentence (0 for a compound of theirs)
                        "relatedness": answering._scored_sentences(deps, result.retrieval)[1],
                        # the passages the reply is drawn from and the abstention decision reads, in order
                        "found": _passages(result.retrieval.found),
                        "min_relevance": settings.min_relevance,
                        # the reply the bot would give were it not to abstain, to weigh a lower threshold
                        "would_reply": result.reply
                        if not abstained
                        else " ".join(
                            c.text
                            for c in sentences.pick(
                                result.sentences,
                                settings.max_reply_chars,
                                asks=asked_kinds(case["text"]),
                                sizes=asked_sizes(case["text"]),
                                counts=asked_counts(case["text"]),
                            )
                        ),
                        "candidates": [
                            {
                                "text": s.candidate.text,
                                "context": s.candidate.context,
                                "row": s.candidate.row,
                                "listed": s.candidate.listed,
                                "scoring_text": s.candidate.scoring_text,
                                "passage": s.candidate.passage,
                                "position": s.candidate.position,
                                "paragraph": s.candidate.paragraph,
                                "similarity": s.similarity,
                                "overlap": s.overlap,
                                "score": s.score,
                                "label_overlap": s.label_overlap,
                            }
                            for s in result.sentences
                        ],
                    }
                )
                + "\n"
            )
    for name, figures in sorted(tally.items()):
        shown = ", ".join(f"{k} {sum(v) / len(v):.3f} ({sum(v)}/{len(v)})" for k, v in figures.items() if v)
        print(f"\n{suite.name} [{name}]: {shown}")
