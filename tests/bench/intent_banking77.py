"""BANKING77 few-shot intent benchmark: the product's own decision, as a business would set it up.

The first 10 rows of each category in train.csv (file order) become that category's business
intent (kind answer); every row of test.csv is decided with `decide_intent`, the function the
intent stage uses, with the shipped defaults competing. A row is right when the decided label is
Answer:<its category>. `--dev` scores rows of train.csv beyond the first 10 instead (for tuning).

Data: PolyAI-LDN/task-specific-datasets (Casanueva et al., 2020), CC BY 4.0.

    python -m tests.bench.intent_banking77 --data <folder with train.csv, test.csv> [--dev]
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from pipelines.intent import DecisionRules
from schemas.bot import BotSettings
from services.adapters.embeddings import SentenceTransformerEmbedder
from services.adapters.intent_classifier import IntentHeads, IntentSetup, decide_intent

SHOTS = 10


def intent_key(category: str) -> str:
    """A category as an intent key: `reverted_card_payment?` -> `reverted_card_payment`."""
    key = re.sub(r"[^a-z0-9_]+", "_", category.lower()).strip("_")
    return (key if key[:1].isalpha() else f"c_{key}")[:63]


def read(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return [(row["text"], row["category"]) for row in csv.DictReader(f)]


def split(train: list[tuple[str, str]], dev_per_category: int) -> tuple[dict[str, list[str]], list]:
    shots: dict[str, list[str]] = defaultdict(list)
    dev: list[tuple[str, str]] = []
    dev_counts: Counter = Counter()
    for text, category in train:
        if len(shots[category]) < SHOTS:
            shots[category].append(text)
        elif dev_counts[category] < dev_per_category:
            dev.append((text, category))
            dev_counts[category] += 1
    return shots, dev


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--dev", action="store_true", help="score 20 later training rows per category")
    args = parser.parse_args()
    shots, dev = split(read(args.data / "train.csv"), 20)
    rows = dev if args.dev else read(args.data / "test.csv")
    settings = BotSettings(intents=[{"key": intent_key(c), "name": c.replace("_", " "), "kind": "answer",
                                     "examples": texts} for c, texts in shots.items()])
    heads = IntentHeads(SentenceTransformerEmbedder())
    setup = IntentSetup.of(settings)
    started = time.perf_counter()
    vectors = heads.embedder.embed([text for text, _ in rows])
    decide_intent(vectors[0], setup, heads=heads)  # fits the head once
    fitted = time.perf_counter()
    right = ranked = 0
    outcomes: Counter = Counter()
    for vector, (text, category) in zip(vectors, rows, strict=True):
        result = decide_intent(vector, setup, heads=heads, rules=DecisionRules(), text=text)
        right += result.label == f"Answer:{intent_key(category)}"
        ranked += bool(result.top) and result.top[0].label == f"Answer:{intent_key(category)}"
        outcomes[result.label.split(":")[0]] += 1
    done = time.perf_counter()
    print(f"rows {len(rows)} ({'dev' if args.dev else 'test'}): decision accuracy {right / len(rows):.4f}, "
          f"ranked first {ranked / len(rows):.4f}; outcomes {dict(outcomes)}; "
          f"fit+embed {fitted - started:.1f}s, {1000 * (done - fitted) / len(rows):.2f} ms a decision")


if __name__ == "__main__":
    main()
