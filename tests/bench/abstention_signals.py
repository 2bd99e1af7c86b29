"""Measure candidate signals for the abstention decision on an answers bench dump, without running the pipeline.

Each signal is a figure per case read from what the dump holds (the reply's passages with their vector and keyword
ranks, the scored candidate sentences, the question). It is added to the decision's score (Support.score) with a
weight; for each weight the threshold is set again, as high as it goes with the dev splits' false abstentions no more
than the dump's own run. A signal that separates out-of-scope questions from answerable ones abstains on more
out-of-scope dev questions at some weight. Binary signals are also counted where they fire among the questions the
run answered. Dev figures choose; test figures are printed as a check only, and no case text is printed.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.abstention_signals DUMP.jsonl [--embed]

`--embed` adds the signal that needs the embedding model (the asked-for thing alone against the sentences).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from pipelines import abstention, asked_kinds
from pipelines.retrieval import _TOKEN, STOP_WORDS, in_some_form, words

WEIGHTS = (-2.0, -1.0, -0.5, -0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0)
THRESHOLDS = np.round(np.arange(0.30, 1.60, 0.005), 3)
WEIGHED_PASSAGES = 4  # the decision's sentences come from the first four passages (answering.SUPPORT_PASSAGES)

Signal = Callable[[dict], float]


def score(row: dict) -> float:
    s = row["support"]
    return abstention.Support(
        s["sentence"], s["coverage"], s["agreement"], s["unknown"], s["variant"], s["unoffered"]
    ).score


def _weighed(row: dict) -> list[dict]:
    return [c for c in row["candidates"] if c["passage"] < WEIGHED_PASSAGES]


def lists_agree_first(row: dict) -> float:
    """1 when the passage first by vector is first by keyword too."""
    first = [p for p in row["found"] if p["vector_rank"] == 1]
    return float(bool(first) and first[0]["keyword_rank"] == 1)


def peak(row: dict) -> float:
    """The best sentence's cosine above the mean of the next three: one sentence standing out."""
    sims = sorted((c["similarity"] for c in _weighed(row)), reverse=True)
    return sims[0] - float(np.mean(sims[1:4])) if len(sims) > 1 else 0.0


def same_best(row: dict) -> float:
    """1 when the sentence nearest the question in meaning is the one holding most of its words."""
    found = _weighed(row)
    by_meaning = max(found, key=lambda c: c["similarity"])
    by_words = max(found, key=lambda c: (c["overlap"], c["similarity"]))
    return float(by_meaning["scoring_text"] == by_words["scoring_text"])


def _thing(row: dict) -> list[str]:
    asked = abstention.asked_for(row["text"])
    return list(dict.fromkeys(t for t in _TOKEN.findall(row["text"].lower()) if t in asked))


def _known_thing(row: dict) -> list[str]:
    return [
        t for t in _thing(row)
        if t not in row["unknown_terms"] and not abstention.untelling(t) and t not in STOP_WORDS
        and t not in abstention.ROLE_VERBS
    ]


def thing_retrieved(row: dict) -> float:
    """1 when a known word of the asked-for thing is in none of the passages (only a related thing came back)."""
    used = set().union(*(words(p["content"]) for p in row["found"]))
    return float(any(not in_some_form(t, used) for t in _known_thing(row)))


def thing_apart(row: dict) -> float:
    """1 when the asked-for thing has two known words or more and no weighed sentence or row holds them all."""
    known = [t for t in _known_thing(row) if t.isalpha()]
    if len(known) < 2:
        return 0.0
    return float(not any(all(in_some_form(t, words(c["scoring_text"])) for t in known) for c in _weighed(row)))


def kind_missing(row: dict) -> float:
    """1 when the question asks for a kind of figure (a price, a time, a span) and no weighed sentence holds one."""
    kinds = asked_kinds.asked_kinds(row["text"])
    return float(bool(kinds) and not any(asked_kinds.holds(c["text"], kinds) for c in _weighed(row)))


def unoffered(row: dict) -> float:
    """1 when a "do you sell/repair/buy/rent X" question finds no passage offering X so (traced, not counted)."""
    return float(bool(row["support"]["unoffered"]))


def names_thing(row: dict) -> float:
    """1 when the question asks for a thing with an asking phrase ("do you sell X", "is there X"): with a weight,
    a threshold of its own for such questions."""
    return float(bool(abstention.asked_for(row["text"])))


def thing_meaning(rows: Sequence[dict]) -> Signal:
    """The asked-for thing's words alone, embedded, against the weighed sentences: the best cosine (0.5 when the
    question names no thing)."""
    from services.adapters.embeddings import SentenceTransformerEmbedder  # noqa: PLC0415 (the model, only if asked)

    texts = sorted({" ".join(_thing(r)) for r in rows} - {""} | {c["scoring_text"] for r in rows for c in _weighed(r)})
    vectors = np.asarray(SentenceTransformerEmbedder(None).embed(texts), dtype=np.float32)
    at = {t: i for i, t in enumerate(texts)}

    def signal(row: dict) -> float:
        thing = " ".join(_thing(row))
        if not thing:
            return 0.5
        return float(max(vectors[at[c["scoring_text"]]] @ vectors[at[thing]] for c in _weighed(row)))

    return signal


def nothing(row: dict) -> float:
    """No signal: the threshold alone chosen again, the bar every signal is read against."""
    return 0.0


SIGNALS: dict[str, Signal] = {
    "none (the threshold alone)": nothing,
    "lists agree on the first passage": lists_agree_first,
    "best sentence stands out (peak)": peak,
    "same best sentence by meaning and by words": same_best,
    "asked-for word in no passage": thing_retrieved,
    "asked-for thing's words in no one sentence": thing_apart,
    "asked kind of figure in no sentence": kind_missing,
    "unoffered (the traced rule, for reference)": unoffered,
    "the question names a thing (asked_for)": names_thing,
}


class Cases:
    """A dump's cases as arrays: the decision's score at today's weights, less the owner's threshold shift."""

    def __init__(self, rows: Sequence[dict]) -> None:
        self.rows = [r for r in rows if r["kind"] in ("question", "out_of_scope")]
        rows = self.rows
        self.usable = np.array([r["support"] is not None and bool(r.get("would_reply")) for r in rows])
        # an owner's min_relevance moves the threshold (abstention.threshold)
        shift = np.array([r.get("min_relevance", abstention.MIN_RELEVANCE_DEFAULT) for r in rows])
        self.base = np.array([score(r) if r["support"] is not None else 0.0 for r in rows]) - (
            abstention.SENTENCE_WEIGHT * (shift - abstention.MIN_RELEVANCE_DEFAULT)
        )
        self.split = np.array([r.get("split") or "test" for r in rows])
        self.suite = np.array([r["suite"] for r in rows])
        self.question = np.array([r["kind"] == "question" for r in rows])
        self.abstained = np.array([r["how"] == "abstained" for r in rows])

    def figure(self, signal: Signal) -> np.ndarray:
        return np.array([signal(r) if r["support"] is not None and _weighed(r) else 0.0 for r in self.rows])

    def abstains(self, figure: np.ndarray, weight: float, cut: float) -> np.ndarray:
        return ~((self.base + weight * figure >= cut) & self.usable)

    def count(self, abstains: np.ndarray, where: np.ndarray) -> dict[str, int]:
        return {
            f"{s} {name}": int((abstains & mask & where & (self.split == s)).sum())
            for s in ("dev", "test")
            for name, mask in (("oos", ~self.question), ("false", self.question))
        }


def choose(cases: Cases, figure: np.ndarray, fit: np.ndarray, weights: Sequence[float] = WEIGHTS) -> list[
    tuple[float, float]
]:
    """For each weight the threshold, as high as it goes with the false abstentions of the `fit` cases (answerable
    ones among them) no more than the run's; weights no threshold keeps there are left out."""
    bar = int((cases.abstained & cases.question & fit).sum())
    chosen = []
    for weight in weights:
        scores = cases.base + weight * figure
        answered = (scores[None, :] >= THRESHOLDS[:, None]) & cases.usable[None, :]
        false = (~answered & (cases.question & fit)[None, :]).sum(axis=1)
        feasible = np.flatnonzero(false <= bar)
        if feasible.size:
            chosen.append((weight, float(THRESHOLDS[feasible.max()])))
    return chosen


def measure(cases: Cases, signal: Signal) -> list[tuple[float, float, dict[str, int]]]:
    """For each weight: the threshold chosen on the dev splits and the figures (dev/test out-of-scope abstained,
    false abstentions) over every suite."""
    figure = cases.figure(signal)
    everywhere = np.ones(len(cases.rows), dtype=bool)
    return [
        (weight, cut, cases.count(cases.abstains(figure, weight, cut), everywhere))
        for weight, cut in choose(cases, figure, cases.split == "dev", (0.0, *WEIGHTS))
    ]


def left_out(cases: Cases, signal: Signal) -> dict[str, int]:
    """Leave one suite out: the weight and threshold chosen on the other suites' dev splits (most out-of-scope
    abstentions there, then fewest false ones), the figures counted on the suite left out; summed over suites."""
    figure = cases.figure(signal)
    total: dict[str, int] = {}
    for suite in sorted(set(cases.suite)):
        fit = (cases.suite != suite) & (cases.split == "dev")

        def on_fit(choice: tuple[float, float], fit: np.ndarray = fit) -> tuple[int, int, float]:
            found = cases.count(cases.abstains(figure, *choice), fit)
            return found["dev oos"], -found["dev false"], -abs(choice[0])  # ties: the smallest weight

        weight, cut = max(choose(cases, figure, fit, (0.0, *WEIGHTS)), key=on_fit)
        for key, value in cases.count(cases.abstains(figure, weight, cut), cases.suite == suite).items():
            total[key] = total.get(key, 0) + value
    return total


def fired(rows: Sequence[dict], signal: Signal) -> str:
    """Where a 0/1 signal is 1 among the dev questions the run answered: out of scope, answerable."""
    answered = [r for r in rows if r.get("split") == "dev" and r["support"] and r["how"] != "abstained"]
    oos = [r for r in answered if r["kind"] == "out_of_scope"]
    ok = [r for r in answered if r["kind"] == "question"]
    return (f"fires on {sum(signal(r) > 0.5 for r in oos)}/{len(oos)} answered out-of-scope dev questions, "
            f"{sum(signal(r) > 0.5 for r in ok)}/{len(ok)} answered answerable ones")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--embed", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.dump.read_text().splitlines() if line.strip()]
    signals = dict(SIGNALS)
    if args.embed:
        signals["asked-for thing alone, best cosine to a sentence"] = thing_meaning(rows)
    cases = Cases(rows)
    run = cases.count(cases.abstained, np.ones(len(cases.rows), dtype=bool))
    print(f"the run: {run}")
    for name, signal in signals.items():
        results = measure(cases, signal)
        print(f"\n{name}")
        if not results:
            print("  no weight leaves a workable threshold")
            continue
        best = max(results, key=lambda r: (r[2]["dev oos"], -r[2]["dev false"], -abs(r[0])))
        if signal in (lists_agree_first, same_best, thing_retrieved, thing_apart, kind_missing, unoffered, names_thing):
            print("  " + fired(rows, signal))
        unweighted = [(cut, figures) for weight, cut, figures in results if weight == 0.0]
        if unweighted:
            print(f"  weight 0 (threshold {unweighted[0][0]:.3f}): {unweighted[0][1]}")
        else:
            print("  weight 0: no workable threshold")
        print(f"  best dev weight {best[0]:+.1f} (threshold {best[1]:.3f}): {best[2]}")
        print(f"  one suite left out, summed: {left_out(cases, signal)}")


if __name__ == "__main__":
    main()
