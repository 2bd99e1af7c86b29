"""Would a word-to-word excuse for unknown words generalise? Measured on an answers bench dump, without the pipeline.

An unknown word (no document of the business uses it) is excused today by its cosine, alone, to a candidate sentence
(abstention.novelty on the dump's `relatedness`). The alternative read here: the word against each distinct content
word of the weighed sentences, taking the best ("postage" against "shipping", "chemist" against "pharmacy"). This
prints, per split and kind, where the unknown words fall on both figures; the decisions with the word-to-word excuse
added (a word counts as the lesser of its two novelties) for a grid of bands, on the dev and test splits; the band
leave-one-suite-out would pick for each suite (fitted on the other seven suites' dev splits, measured on its own);
the question with the word replaced by its nearest word, against the question (does the swap keep the meaning?);
the weights of unknown words outside the asked-for thing replayed for comparison; and what embedding the words costs
a message. No test-split case text is printed.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.unknown_word_excuse DUMP.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from pipelines import abstention
from pipelines.retrieval import STOP_WORDS, words
from services.adapters import wordpiece

WEIGHED_PASSAGES = 4  # answering.SUPPORT_PASSAGES
BANDS = [
    (round(float(low), 2), round(float(low + width), 2), asked_shift)
    for low, width, asked_shift in itertools.product(
        np.arange(0.30, 0.71, 0.05), (0.05, 0.1, 0.15, 0.2), (0.0, 0.1, 0.2, None)
    )
]  # (low, high, how far up a word of what is asked for has its band moved; None: never excused so)
Band = tuple[float, float, float | None]
# The excuse by sentence as the product decides it, kept before a replay swaps the function in the module.
SENTENCE_NOVELTY = abstention.novelty


def content_words(row: dict) -> list[str]:
    """The distinct content words of the sentences the decision weighs."""
    found: set[str] = set()
    for candidate in row["candidates"]:
        if candidate["passage"] < WEIGHED_PASSAGES:
            found |= {
                w for w in words(candidate["scoring_text"])
                if w.isalpha() and len(w) >= 3 and w not in STOP_WORDS and not abstention.untelling(w)
            }
    return sorted(found)


def unknown_words(row: dict) -> list[str]:
    return [t for t in row["unknown_terms"] if not abstention.untelling(t)]


def nearest_words(row: dict, vectors: dict[str, np.ndarray]) -> dict[str, tuple[float, str]]:
    """Each unknown word's best cosine to a content word, and that word; a compound near its own head (HEAD_MEANING,
    as for the sentences) is excused by nothing."""
    sentences = [c["scoring_text"] for c in row["candidates"] if c["passage"] < WEIGHED_PASSAGES]
    heads = abstention.compound_heads(unknown_words(row), sentences)
    found = content_words(row)
    if not found:
        return {}
    matrix = np.stack([vectors[w] for w in found])
    nearest = {}
    for word in unknown_words(row):
        cosines = matrix @ vectors[word]
        best = int(cosines.argmax())
        head = heads.get(word)
        kind_of_head = head is not None and float(vectors[word] @ vectors[head]) >= abstention.HEAD_MEANING
        nearest[word] = (0.0 if kind_of_head else float(cosines[best]), found[best])
    return nearest


class Replay:
    """The decision of each case again, for another unknown share."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        self.vocabulary = wordpiece.whole_words()
        self.everyday = wordpiece.commonest_whole_words(abstention.EVERYDAY_WORDS)

    def share(self, row: dict, relatedness: dict, novelty: Callable[..., float] | None = None) -> float:
        question, unknown = row["text"], row["unknown_terms"]
        owners = abstention.possessors(question)
        passages = [f["content"] for f in row["found"]]
        rare = abstention.rare_words(unknown, self.vocabulary, owners) | abstention.unplayed_roles(
            question, unknown, passages
        )
        asked = abstention.asked_for(question)
        kept = abstention.novelty
        abstention.novelty = novelty or kept  # type: ignore[assignment]
        try:
            return abstention.unknown_share(
                row["weights"], unknown, relatedness,
                abstention.UNTELLING_WORDS | abstention.number_endings(question), rare,
                aside=abstention.aside_words(question, unknown, self.everyday, owners, asked),
                context=abstention.context_words(question, rare, asked), asked=asked,
            )
        finally:
            abstention.novelty = kept  # type: ignore[assignment]

    def abstains(self, row: dict, unknown: float) -> bool:
        s = row["support"]
        support = abstention.Support(
            s["sentence"], s["coverage"], s["agreement"], unknown, s["variant"], s["unoffered"]
        )
        return not abstention.answerable(support, row["min_relevance"])


def with_word_excuse(band: Band) -> Callable[..., float]:
    low, high, shift = band

    def novelty(related: tuple[float, float], *, asked: bool = False) -> float:
        to_sentence, to_word = related
        by_sentence = SENTENCE_NOVELTY(to_sentence, asked=asked)
        if asked and shift is None:
            return by_sentence
        lo, hi = (low + (shift or 0.0), high + (shift or 0.0)) if asked else (low, high)
        by_word = 1.0 if to_word <= lo else 0.0 if to_word >= hi else (hi - to_word) / (hi - lo)
        return min(by_sentence, by_word)

    return novelty


def tally(rows: list[dict], abstained: list[bool], split: str, suites: Sequence[str] = ()) -> tuple[int, int]:
    """False abstentions and out-of-scope abstentions of a split (of some suites only)."""
    chosen = [
        (r["kind"], a)
        for r, a in zip(rows, abstained, strict=True)
        if r["split"] == split and (not suites or r["suite"] in suites)
    ]
    return sum(a for k, a in chosen if k == "question"), sum(a for k, a in chosen if k == "out_of_scope")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.dump.read_text().splitlines() if line.strip()]
    replay = Replay(rows)
    with_unknown = [r for r in rows if r["support"] is not None and unknown_words(r)]

    from schemas.settings import Settings  # noqa: PLC0415 (the model, only when run)
    from services.bootstrap import _embedder  # noqa: PLC0415

    embedder = _embedder(Settings(_env_file=None, SALESBOY_ENV="test"))  # type: ignore[call-arg]
    texts = sorted({w for r in with_unknown for w in unknown_words(r) + content_words(r)})
    vectors = dict(zip(texts, np.asarray(embedder.embed(texts), dtype=np.float32), strict=True))
    nearest = {id(r): nearest_words(r, vectors) for r in with_unknown}

    print("Unknown words: cosine to the best sentence | to the nearest content word (10/25/50/75/90th percentiles)")
    for kind, split, asked in itertools.product(("question", "out_of_scope"), ("dev", "test"), (True, False)):
        to_sentence, to_word = [], []
        for r in with_unknown:
            if r["kind"] == kind and r["split"] == split:
                for w in unknown_words(r):
                    if (w in abstention.asked_for(r["text"])) == asked:
                        to_sentence.append(r["relatedness"].get(w, 0.0))
                        to_word.append(nearest[id(r)].get(w, (0.0, ""))[0])
        if to_sentence:
            quantiles = [0.1, 0.25, 0.5, 0.75, 0.9]
            print(f"  {kind:12} {split:4} {'asked' if asked else 'other':5} n={len(to_sentence):3} "
                  f"{np.round(np.quantile(to_sentence, quantiles), 2)} | "
                  f"{np.round(np.quantile(to_word, quantiles), 2)}")

    def decisions(band: Band | None) -> list[bool]:
        out = []
        for r in rows:
            if r["support"] is None:
                out.append(True)
            elif band is None or id(r) not in nearest:
                out.append(replay.abstains(r, r["support"]["unknown"]))
            else:
                near = nearest[id(r)]
                related = {t: (r["relatedness"].get(t, 0.0), near.get(t, (0.0, ""))[0]) for t in r["unknown_terms"]}
                out.append(replay.abstains(r, replay.share(r, related, with_word_excuse(band))))
        return out

    base = decisions(None)
    assert base == [r["how"] == "abstained" for r in rows], "the replay must reproduce the dump's decisions"
    results = {band: decisions(band) for band in BANDS}
    print(f"Decisions (false, out-of-scope abstained): dump dev {tally(rows, base, 'dev')} "
          f"test {tally(rows, base, 'test')}")
    for band, abstained in results.items():
        print(f"  band {band}: dev {tally(rows, abstained, 'dev')} test {tally(rows, abstained, 'test')}")
    print("Leave one suite out (the band, or none, best on the other suites' dev splits; its own dev and test)")
    suites = sorted({r["suite"] for r in rows})
    options: dict[Band | None, list[bool]] = {None: base, **results}
    for held in suites:
        rest = [s for s in suites if s != held]
        floor = tally(rows, base, "dev", rest)

        def merit(option: Band | None, rest: list[str] = rest, floor: tuple[int, int] = floor) -> tuple:
            false, oos = tally(rows, options[option], "dev", rest)
            return (false <= floor[0] and oos >= floor[1], oos - false, option is None)

        best = max(options, key=merit)
        print(f"  {held}: {best} dev {tally(rows, base, 'dev', [held])} -> "
              f"{tally(rows, options[best], 'dev', [held])}, "
              f"test {tally(rows, base, 'test', [held])} -> {tally(rows, options[best], 'test', [held])}")

    print("The question with the word swapped for its nearest word, against the question (percentiles as above)")
    swaps = [(r, re.sub(rf"(?i)\b{re.escape(w)}\b", near, r["text"]))
             for r in with_unknown for w, (_, near) in nearest[id(r)].items() if near]
    swapped = dict(zip([s for _, s in swaps] + [r["text"] for r, _ in swaps], embedder.embed(
        [s for _, s in swaps] + [r["text"] for r, _ in swaps]), strict=True))
    for kind, split in itertools.product(("question", "out_of_scope"), ("dev", "test")):
        kept = [
            float(np.dot(swapped[r["text"]], swapped[s])) for r, s in swaps if (r["kind"], r["split"]) == (kind, split)
        ]
        print(f"  {kind:12} {split:4} n={len(kept):3} {np.round(np.quantile(kept, [0.1, 0.25, 0.5, 0.75, 0.9]), 3)}")

    print("For comparison, the weights of unknown words outside the asked-for thing, replayed (sentence excuse only)")
    kept = abstention.RARE_CONTEXT_WEIGHT, abstention.ASIDE_WEIGHT
    for context, aside in itertools.product((0.5, 1.0, 1.5, 2.0), (0.0, 0.25)):
        abstention.RARE_CONTEXT_WEIGHT, abstention.ASIDE_WEIGHT = context, aside
        abstained = [
            True if r["support"] is None else replay.abstains(r, replay.share(r, r["relatedness"])) for r in rows
        ]
        print(f"  RARE_CONTEXT_WEIGHT {context}, ASIDE_WEIGHT {aside}: dev {tally(rows, abstained, 'dev')} "
              f"test {tally(rows, abstained, 'test')}")
    abstention.RARE_CONTEXT_WEIGHT, abstention.ASIDE_WEIGHT = kept

    print("Cost: a message's content words embedded in one batch, not cached")
    embedder.embed(["warm up"])
    counts, costs = [], []
    for r in [r for r in rows if r["support"] is not None][::10]:
        found = content_words(r)
        started = time.perf_counter()
        embedder.embed(found)
        counts.append(len(found))
        costs.append((time.perf_counter() - started) * 1000)
    print(f"  words median {np.median(counts):.0f}, p90 {np.quantile(counts, 0.9):.0f}; "
          f"ms median {np.median(costs):.1f}, p90 {np.quantile(costs, 0.9):.1f}")


if __name__ == "__main__":
    main()
