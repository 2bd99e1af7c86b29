"""Calibrate the abstention decision's weights and threshold on an answers bench dump.

The answers bench (tests/bench/test_answers_bench.py, with BENCH_DUMP) writes each case's support figures: the best
sentence's cosine, the coverage, the agreement, the unknown share, the variant and the unoffered thing. The decision
is `score >= threshold` on them (pipelines/abstention.py), so it replays exactly for any weights without running the
pipeline again. This grid-searches COVERAGE_WEIGHT, AGREEMENT_BONUS, UNKNOWN_WEIGHT and THRESHOLD (SENTENCE_WEIGHT
stays 1: it sets the scale, and an owner's `min_relevance` moves the threshold by as much):

- fitted on the dev splits only: out-of-scope abstention as high as it goes with false abstention on no suite's dev
  split above the baseline's (another dump's decisions, e.g. the main branch's; without one, the dump's own);
  ties go to fewer false abstentions, then more facts in replies, then the setting nearest ANCHOR (fixed here, not
  read from pipelines/abstention.py, so a re-run after the constants were edited picks the same weights);
- the test splits as a check, and leave one suite out: fitted on the other suites' dev splits, measured on its own.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.calibrate_abstention DUMP.jsonl [--baseline MAIN.jsonl]

Prints figures only; the constants are changed by hand in pipelines/abstention.py. Test-split case texts are not
printed (dev ones are, for the decisions that change).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines import abstention

ABSTAINED = "abstained"
COVERAGE_GRID = np.round(np.arange(0.8, 2.01, 0.1), 2)
AGREEMENT_GRID = np.round(np.arange(0.0, 0.31, 0.05), 2)
UNKNOWN_GRID = np.round(np.arange(0.6, 1.61, 0.1), 2)
THRESHOLD_GRID = np.round(np.arange(0.40, 1.101, 0.01), 2)


@dataclass(frozen=True)
class Weights:
    coverage: float
    agreement: float
    unknown: float
    threshold: float

    @classmethod
    def today(cls) -> Weights:
        """The weights pipelines/abstention.py decides with now (the replay check's)."""
        return cls(abstention.COVERAGE_WEIGHT, abstention.AGREEMENT_BONUS, abstention.UNKNOWN_WEIGHT,
                   abstention.THRESHOLD)

    def __str__(self) -> str:
        return (f"COVERAGE_WEIGHT={self.coverage:.2f} AGREEMENT_BONUS={self.agreement:.2f} "
                f"UNKNOWN_WEIGHT={self.unknown:.2f} THRESHOLD={self.threshold:.2f}")


# The weights the search prefers on ties: the ones it chose on the reply's passages (tests/bench/README.md,
# "2026-12-03, late"). Fixed here rather than read from pipelines/abstention.py, so that the same dump gives the same
# weights whatever the constants are when the script runs again.
ANCHOR = Weights(coverage=1.30, agreement=0.25, unknown=1.10, threshold=0.76)


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


class Cases:
    """A dump's question and out-of-scope cases as arrays, in the dump's order."""

    def __init__(self, rows: Sequence[dict]) -> None:
        self.rows = [r for r in rows if r["kind"] in ("question", "out_of_scope")]
        rows = self.rows
        support = [r.get("support") or {} for r in rows]
        self.suite = np.array([r["suite"] for r in rows])
        self.split = np.array([r.get("split") or "test" for r in rows])
        self.question = np.array([r["kind"] == "question" for r in rows])
        self.supported = np.array([r.get("support") is not None for r in rows])
        # a reply to quote were the decision to answer (none: the run abstained whatever the weights)
        self.quotable = np.array([bool(r.get("would_reply")) for r in rows])
        self.factual = np.array([
            any(_normalised(f) in _normalised(r.get("would_reply") or "") for f in r.get("facts") or ())
            for r in rows
        ])
        self.sentence = np.array([s.get("sentence", 0.0) for s in support], dtype=np.float64)
        self.coverage = np.array([s.get("coverage", 0.0) for s in support], dtype=np.float64)
        self.agreement = np.array([bool(s.get("agreement")) for s in support])
        # one list (a store ranking by vector only): the agreement could not be observed
        self.unseen = np.array(["agreement" in s and s["agreement"] is None for s in support])
        self.unknown = np.array([s.get("unknown", 0.0) for s in support], dtype=np.float64)
        self.variant = np.array([bool(s.get("variant")) for s in support])
        self.unoffered = np.array([bool(s.get("unoffered")) for s in support])
        self.min_relevance = np.array(
            [r.get("min_relevance", abstention.MIN_RELEVANCE_DEFAULT) for r in rows], dtype=np.float64
        )
        self.abstained = np.array([r["how"] == ABSTAINED for r in rows])
        self.hit = np.array([r.get("source") in (r.get("documents") or ()) for r in rows])

    def answered(self, w: Weights, thresholds: np.ndarray | None = None) -> np.ndarray:
        """Which cases the decision answers, as in Support.score and abstention.answerable (one row a threshold)."""
        s = abstention.SENTENCE_WEIGHT
        score = (
            s * self.sentence
            + w.coverage * self.coverage
            + np.where(self.agreement, w.agreement, np.where(self.unseen, abstention.UNSEEN_AGREEMENT_BONUS, 0.0))
            - w.unknown * self.unknown
            - np.where(self.variant, abstention.VARIANT_WEIGHT, 0.0)
            - np.where(self.unoffered, abstention.OFFER_WEIGHT, 0.0)
        )
        cuts = np.array([w.threshold]) if thresholds is None else thresholds
        limit = cuts[:, None] + s * (self.min_relevance - abstention.MIN_RELEVANCE_DEFAULT)[None, :]
        return (score[None, :] >= limit) & (self.supported & self.quotable)[None, :]


@dataclass(frozen=True)
class Figures:
    oos: int
    oos_total: int
    false: int
    questions: int
    fact: int
    hit: int

    def __str__(self) -> str:
        return (f"hit@3 {self.hit}/{self.questions}, fact {self.fact}/{self.questions}, "
                f"OOS abstention {self.oos}/{self.oos_total}, false abstention {self.false}/{self.questions}")


def run_figures(cases: Cases, split: str) -> Figures:
    """The figures of the dump's own run (its decisions and replies, as the bench prints them)."""
    where = cases.split == split
    replied = np.array([
        r["how"] != ABSTAINED and any(_normalised(f) in _normalised(r.get("reply") or "") for f in r.get("facts") or ())
        for r in cases.rows
    ])
    q, o = where & cases.question, where & ~cases.question
    return Figures(
        int((cases.abstained & o).sum()), int(o.sum()), int((cases.abstained & q).sum()), int(q.sum()),
        int((replied & q).sum()), int((cases.hit & q).sum()),
    )


def figures(cases: Cases, abstained: np.ndarray, where: np.ndarray) -> Figures:
    q, o = where & cases.question, where & ~cases.question
    return Figures(
        int((abstained & o).sum()), int(o.sum()), int((abstained & q).sum()), int(q.sum()),
        int((~abstained & q & cases.factual).sum()), int((cases.hit & q).sum()),
    )


def search(
    cases: Cases, fit: np.ndarray, limits: dict[str, int], *, anchor: Weights | None = None
) -> tuple[Weights, Figures] | None:
    """The best weights on the `fit` cases: most out-of-scope abstentions with each suite's false abstentions at or
    under `limits`; then fewest false abstentions, most facts, nearest `anchor` (ANCHOR unless given)."""
    near = ANCHOR if anchor is None else anchor
    suites = sorted(limits)
    if not suites:  # nothing to fit on (one suite, left out)
        return None
    q = cases.question & fit
    o = ~cases.question & fit
    in_suite = np.stack([cases.suite == s for s in suites])  # suites x cases
    best: tuple[tuple, Weights] | None = None
    for c, a, u in itertools.product(COVERAGE_GRID, AGREEMENT_GRID, UNKNOWN_GRID):
        w = Weights(float(c), float(a), float(u), near.threshold)
        abstained = ~cases.answered(w, THRESHOLD_GRID)  # thresholds x cases
        false_by_suite = (abstained & q) @ in_suite.T.astype(np.int64)  # thresholds x suites
        allowed = np.all(false_by_suite <= np.array([limits[s] for s in suites]), axis=1)
        if not allowed.any():
            continue
        oos = (abstained & o).sum(axis=1)
        false = (abstained & q).sum(axis=1)
        fact = (~abstained & q & cases.factual).sum(axis=1)
        for i in np.flatnonzero(allowed):
            t = float(THRESHOLD_GRID[i])
            distance = (abs(c - near.coverage) / 0.1 + abs(a - near.agreement) / 0.05
                        + abs(u - near.unknown) / 0.1 + abs(t - near.threshold) / 0.01)
            key = (int(oos[i]), -int(false[i]), int(fact[i]), -round(float(distance), 6))
            if best is None or key > best[0]:
                best = (key, Weights(float(c), float(a), float(u), t))
    if best is None:
        return None
    chosen = best[1]
    return chosen, figures(cases, ~cases.answered(chosen)[0], fit)


def _baseline(cases: Cases, baseline: Cases | None) -> np.ndarray:
    """The baseline's abstentions, case by case in `cases`' order (matched on suite, kind and text)."""
    if baseline is None:
        return ~cases.answered(Weights.today())[0]
    by_case = {(r["suite"], r["kind"], r["text"]): r["how"] == ABSTAINED for r in baseline.rows}
    return np.array([by_case[(r["suite"], r["kind"], r["text"])] for r in cases.rows])


def _limits(cases: Cases, abstained: np.ndarray, where: np.ndarray) -> dict[str, int]:
    return {
        str(s): int((abstained & cases.question & where & (cases.suite == s)).sum())
        for s in sorted(set(cases.suite[where]))
    }


def _table(cases: Cases, before: np.ndarray, after: np.ndarray, splits: Iterable[str]) -> None:
    print("| suite | split | OOS abstention before → after | false abstention before → after |")
    print("|---|---|---|---|")
    for split in splits:
        for suite in dict.fromkeys(cases.suite):
            where = (cases.suite == suite) & (cases.split == split)
            if where.any():
                b, a = figures(cases, before, where), figures(cases, after, where)
                print(f"| {suite} | {split} | {b.oos}/{b.oos_total} → {a.oos}/{a.oos_total} | "
                      f"{b.false}/{b.questions} → {a.false}/{a.questions} |")
        where = cases.split == split
        b, a = figures(cases, before, where), figures(cases, after, where)
        print(f"| all | {split} | {b.oos}/{b.oos_total} → {a.oos}/{a.oos_total} | "
              f"{b.false}/{b.questions} → {a.false}/{a.questions} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="the answers bench dump (BENCH_DUMP) of the code to calibrate")
    parser.add_argument("--baseline", type=Path, help="a dump whose decisions to match or beat (e.g. main's)")
    args = parser.parse_args(argv)
    cases = Cases([json.loads(line) for line in args.dump.read_text().splitlines() if line.strip()])
    baseline = (
        Cases([json.loads(line) for line in args.baseline.read_text().splitlines() if line.strip()])
        if args.baseline else None
    )
    dev = cases.split == "dev"
    today = Weights.today()
    replayed = ~cases.answered(today)[0]
    print(f"today: {today}")
    print(f"preferred on ties: {ANCHOR}")
    print(f"replay check: {int((replayed != cases.abstained).sum())} of {len(cases.rows)} decisions differ "
          "from the dump's run at today's weights (0 when the dump was run with them)")
    before = _baseline(cases, baseline)
    for split in ("dev", "test"):
        if baseline is not None:
            print(f"baseline's run [{split}]: {run_figures(baseline, split)}")
        print(f"this dump's run [{split}]: {run_figures(cases, split)}")

    fitted = search(cases, dev, _limits(cases, before, dev))
    if fitted is None:
        print("no setting keeps every dev split's false abstention at the baseline's: keep today's weights")
        return
    chosen, _ = fitted
    after = ~cases.answered(chosen)[0]
    print(f"\nfitted on the dev splits: {chosen}")
    for split in ("dev", "test"):
        where = cases.split == split
        print(f"fitted [{split}]: {figures(cases, after, where)}")
    b, a = figures(cases, before, dev), figures(cases, after, dev)
    verdict = "at least as good" if a.oos >= b.oos and a.false <= b.false else "NOT as good (keep the baseline's)"
    print(f"against the baseline on the dev splits: {verdict}\n")
    _table(cases, before, after, ("dev", "test"))

    print("\nleave one suite out (fitted on the other suites' dev splits, measured on the suite left out):")
    print("| suite left out | weights | dev OOS before → after | dev false before → after "
          "| test OOS before → after | test false before → after |")
    print("|---|---|---|---|---|---|")
    for suite in dict.fromkeys(cases.suite):
        rest = dev & (cases.suite != suite)
        held = search(cases, rest, _limits(cases, before, rest))
        if held is None:
            print(f"| {suite} | none fitted | | | | |")
            continue
        out = ~cases.answered(held[0])[0]
        cells = []
        for split in ("dev", "test"):
            where = (cases.suite == suite) & (cases.split == split)
            fb, fa = figures(cases, before, where), figures(cases, out, where)
            cells += [f"{fb.oos}/{fb.oos_total} → {fa.oos}/{fa.oos_total}",
                      f"{fb.false}/{fb.questions} → {fa.false}/{fa.questions}"]
        print(f"| {suite} | {held[0]} | {' | '.join(cells)} |")

    print("\ndecisions changed against the baseline (dev texts shown, test ones counted):")
    for i in np.flatnonzero(before != after):
        r = cases.rows[i]
        change = "now abstains" if after[i] else "now answers"
        text = r["text"] if r.get("split") == "dev" else "(test case)"
        print(f"  {r['suite']} [{r.get('split')}] {r['kind']}: {change}: {text}")


if __name__ == "__main__":
    main()
