"""Retrieval alone on the evaluation suites, in-process: the documents go through the real ingest pipeline, each
question through `services.usecases.answering.retrieve`. Prints hit@3 per suite and split (the question's source
document among the first three passages, as the answers bench counts it) in one or two minutes, against the answers
bench's quarter of an hour.

    BENCH_SUITES=evals/coffee_roaster:evals/bike_workshop  (default: every evals/*/ with documents)
    BENCH_DUMP=/some/file.jsonl  writes each question's ranking and, for every chunk of the business, its cosine to
        the question and the question's stems it holds: enough to replay another fusion without the database.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from pipelines.retrieval import stems
from services.bootstrap import bootstrap
from services.usecases import answering
from tests.bench.test_answers_bench import InlinePublisher, _suites
from tests.conftest import create_user, make_settings

# Every chunk of the business with its cosine to the question and the question's stems its text matches.
_EVERY_CHUNK = """select c.id, d.filename, c.content, 1 - (c.embedding <=> %(q)s),
                         array(select s from unnest(%(stems)s::text[]) s where c.fts @@ to_tsquery('simple', s))
                    from public.kb_chunks c join public.knowledge_base d on d.id = c.document_id
                   where c.user_id = %(user)s and c.embedding is not null"""


def test_retrieval_hit_rate(tmp_path, database_url, redis_url):
    suites = _suites()
    if not suites:
        pytest.skip("no evaluation suites")
    publisher = InlinePublisher()
    container = bootstrap(make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url),
                          database_url=database_url, redis_url=redis_url, publisher=publisher)
    publisher.container = container
    dump = open(os.environ["BENCH_DUMP"], "w") if os.environ.get("BENCH_DUMP") else None  # noqa: SIM115
    try:
        for suite in suites:
            user = create_user(container)
            for path in sorted((suite / "documents").iterdir()):
                container.kb.upload(user, path.name, path.read_bytes())
                publisher.drain()
            deps = answering.Deps(container.embedder, container.vectors, container.tenant_uow)
            tally: dict[str, list[bool]] = {}
            for line in (suite / "cases.jsonl").read_text().splitlines():
                case = json.loads(line) if line.strip() else {}
                if case.get("kind") != "question":
                    continue
                retrieval = answering.retrieve(deps, user, case["text"])
                documents = [f.filename for f in retrieval.found[:3]]
                tally.setdefault(case.get("split", "test"), []).append(case.get("source") in documents)
                if dump:
                    dump.write(json.dumps(_record(container, user, suite.name, case, retrieval)) + "\n")
            for split, hits in sorted(tally.items()):
                print(f"\n{suite.name} [{split}]: hit@3 {sum(hits) / len(hits):.3f} ({sum(hits)}/{len(hits)})")
    finally:
        if dump:
            dump.close()
        container.close()


def _record(container, user, suite: str, case: dict, retrieval: answering.Retrieval) -> dict:
    with container.tenant_uow(user) as uow:
        chunks = uow.conn.execute(_EVERY_CHUNK, {"q": np.asarray(retrieval.vector, dtype=np.float32), "user": user,
                                                 "stems": sorted(set(stems(retrieval.terms)))}).fetchall()
    return {
        "suite": suite, "split": case.get("split"), "text": case["text"], "source": case.get("source"),
        "facts": case.get("facts"), "terms": retrieval.terms, "weights": retrieval.weights,
        "found": [{"id": f.chunk_id, "filename": f.filename, "fused": f.ranked.fused,
                   "vector_rank": f.ranked.vector_rank, "keyword_rank": f.ranked.keyword_rank}
                  for f in retrieval.found],
        "chunks": [{"id": cid, "filename": filename, "content": content, "cosine": round(float(cosine), 6),
                    "stems": matched} for cid, filename, content, cosine, matched in chunks],
    }
