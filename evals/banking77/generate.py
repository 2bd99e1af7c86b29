"""Write the BANKING77 few-shot suite out as plain files (settings.json + cases.jsonl), to read or to use elsewhere.

    python evals/banking77/generate.py OUT_DIR [--data DIR]

The data directory is --data, else $BANKING77_DIR, else ../shared/data/banking77 beside the repository.
`salesboy eval evals/banking77` builds the same suite in memory; this script only shows what it holds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from services.usecases.evaluation import EvaluationError, load_suite

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        suite = load_suite(HERE, data=args.data)
    except EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "settings.json").write_text(json.dumps(suite.settings, indent=2, ensure_ascii=False) + "\n")
    with (args.out / "cases.jsonl").open("w") as handle:
        for case in suite.cases:
            handle.write(json.dumps({"kind": case.kind, "text": case.text, "label": case.label,
                                     "split": case.split}, ensure_ascii=False) + "\n")
    print(f"{len(suite.settings['intents'])} intents and {len(suite.cases)} cases written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
