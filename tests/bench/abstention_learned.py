"""Would a learned combination of the abstention figures separate answerable from out-of-scope questions better than
the weighted sum in pipelines/abstention.py, on a business it was not fitted on?

Reads an answers bench dump (tests/bench/test_answers_bench.py with BENCH_DUMP) and, leaving one suite out at a time,
fits a gradient-boosted classifier (scikit-learn, shallow trees) on the other suites' dev cases, over the shipped
decision's score and figures plus a few more of the retrieval (the best sentence's lead over the next, the top
passages' cosine and word coverage, the question's word counts, the nearest sentence of its unknown words). Every
case is predicted by a model that never saw its suite. Prints false abstention and out-of-scope abstention for the
shipped rule at its threshold, and for both the rule's score and the model's probability at thresholds set for a
given false abstention on the pooled dev predictions:

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.abstention_learned DUMP.jsonl [--held-out HELD.jsonl]

With `--held-out`, a model fitted on every dev case of DUMP (thresholds from them) is also scored on the other dump's
cases, every split (a bench dump of suites kept out of all tuning); its threshold is set on the left-out predictions,
as a new business's would fall.

Figures only: nothing here changes the product. Case texts are not printed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

from pipelines import abstention

# A missing variant decides alone in the shipped rule: its score is pushed far under any threshold.
VARIANT_PENALTY = 5.0
FALSE_LEVELS = (0.05, 0.08)


def rule_score(support: dict) -> float:
    agreement = abstention.AGREEMENT_BONUS if support["agreement"] else 0.0
    score = (abstention.SENTENCE_WEIGHT * support["sentence"] + abstention.COVERAGE_WEIGHT * support["coverage"]
             + agreement - abstention.UNKNOWN_WEIGHT * support["unknown"])
    return score - VARIANT_PENALTY if support["variant"] else score


def features(case: dict) -> list[float]:
    support, found, candidates = case["support"], case["found"], case["candidates"]
    similarities = [*sorted((c["similarity"] for c in candidates), reverse=True), 0.0, 0.0]
    cosines = [f["cosine"] for f in found] + [0.0, 0.0]
    coverages = [f["coverage"] for f in found] + [0.0, 0.0]
    related = list(case["relatedness"].values())
    return [
        rule_score(support), support["sentence"], support["coverage"], float(bool(support["agreement"])),
        support["unknown"], float(bool(support["variant"])), float(bool(support["unoffered"])),
        similarities[0], similarities[0] - similarities[1], cosines[0], cosines[0] - cosines[1],
        coverages[0], coverages[1], float(len(case["terms"])), float(len(case["unknown_terms"])),
        min(related, default=1.0), max((c["overlap"] for c in candidates), default=0.0),
        float(found[0]["keyword_rank"] is None), float(found[0]["vector_rank"] or 9),
    ]


def _rates(answered: np.ndarray, answerable: np.ndarray, where: np.ndarray) -> str:
    false = 1 - answered[answerable & where].mean()
    oos = 1 - answered[~answerable & where].mean()
    return f"false abstention {false:.3f}, out-of-scope abstention {oos:.3f}"


def _load(path: Path) -> tuple[list[dict], np.ndarray, np.ndarray]:
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    cases = [c for c in cases if c["kind"] in ("question", "out_of_scope") and c["support"] is not None]
    return cases, np.array([features(c) for c in cases]), np.array([c["kind"] == "question" for c in cases])


def _model() -> GradientBoostingClassifier:
    return GradientBoostingClassifier(n_estimators=150, max_depth=2, learning_rate=0.05, random_state=0)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--held-out", type=Path)
    args = parser.parse_args(argv)
    cases, x, answerable = _load(args.dump)
    suite = np.array([c["suite"] for c in cases])
    dev = np.array([c["split"] == "dev" for c in cases])
    learned = np.zeros(len(cases))
    for left_out in sorted(set(suite)):
        fitted = (suite != left_out) & dev
        model = _model()
        model.fit(x[fitted], answerable[fitted])
        learned[suite == left_out] = model.predict_proba(x[suite == left_out])[:, 1]
    rule = x[:, 0]
    everything = np.ones(len(cases), dtype=bool)
    print(f"{len(cases)} cases, {len(set(suite))} suites, each predicted by a model fitted without its suite")
    shipped = rule >= abstention.THRESHOLD
    print(f"shipped rule (>= {abstention.THRESHOLD}): all {_rates(shipped, answerable, everything)}; "
          f"test {_rates(shipped, answerable, ~dev)}")
    for level in FALSE_LEVELS:
        for name, score in (("rule", rule), ("learned", learned)):
            answered = score >= np.quantile(score[answerable & dev], level)
            print(f"{name:8} at {level:.0%} dev false abstention: all {_rates(answered, answerable, everything)}; "
                  f"test {_rates(answered, answerable, ~dev)}")
    if args.held_out is None:
        return
    held, held_x, held_answerable = _load(args.held_out)
    model = _model().fit(x[dev], answerable[dev])
    every = np.ones(len(held), dtype=bool)
    print(f"held out: {len(held)} cases, {len({c['suite'] for c in held})} suites; model fitted on every dev case")
    shipped = held_x[:, 0] >= abstention.THRESHOLD
    print(f"shipped rule: {_rates(shipped, held_answerable, every)}")
    for level in FALSE_LEVELS:
        for name, score, own in (("rule", held_x[:, 0], rule), ("learned", model.predict_proba(held_x)[:, 1], learned)):
            answered = score >= np.quantile(own[answerable & dev], level)
            print(f"{name:8} at {level:.0%} dev false abstention: {_rates(answered, held_answerable, every)}")


if __name__ == "__main__":
    main()
