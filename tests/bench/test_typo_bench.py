"""Answers to questions with a typo, in-process: each question and out-of-scope case of the evaluation suites asked as
written and again with one slip of the thumb in its longest word (a letter dropped, two neighbours swapped, or one
doubled, in turn), through `services.usecases.answering.answer` as in test_answers_bench.py. Prints, for both forms,
fact-in-reply and false abstention on answerable questions and abstention on out-of-scope ones.

    BENCH_SUITES=evals/coffee_roaster:evals/bike_workshop  (default: every evals/*/ with documents)
    BENCH_DUMP=/some/file.jsonl  writes each typo case: the text, the reply, how, the typos read
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from services.usecases import answering
from tests.bench.test_answers_bench import _normalised, _suites, inline_run, suite_loaded

MIN_CHARS = 6
_WORD = re.compile(r"[A-Za-z]+")


def with_typo(text: str, turn: int) -> str | None:
    """The text with one typo in its longest word of MIN_CHARS letters or more (the first of equals); None without
    such a word. `turn` picks the slip: drop a letter, swap two neighbours, double a letter (never the first)."""
    found = [m for m in _WORD.finditer(text) if len(m.group()) >= MIN_CHARS]
    if not found:
        return None
    match = max(found, key=lambda m: len(m.group()))
    word, middle = match.group(), len(match.group()) // 2
    kind = turn % 3
    if kind == 0:
        typo = word[:middle] + word[middle + 1 :]
    elif kind == 1:
        typo = word[:middle] + word[middle + 1] + word[middle] + word[middle + 2 :]
    else:
        typo = word[:middle] + word[middle] + word[middle:]
    if typo == word:  # swapped two equal letters: drop one instead
        typo = word[:middle] + word[middle + 1 :]
    return text[: match.start()] + typo + text[match.end() :]


def test_with_typo_changes_one_word():
    assert with_typo("how much for a puncture repair", 0) == "how much for a puncure repair"
    assert with_typo("how much for a puncture repair", 1) == "how much for a puncutre repair"
    assert with_typo("how much for a puncture repair", 2) == "how much for a punctture repair"
    assert with_typo("is it open", 0) is None


def test_answers_with_a_typo(tmp_path, database_url, redis_url):
    suites = _suites()
    if not suites:
        pytest.skip("no evaluation suites")
    totals = {form: {"fact": [], "false_abstention": [], "oos_abstained": []} for form in ("as written", "typo")}
    with inline_run(tmp_path, database_url, redis_url) as (container, publisher, dump):
        for suite in suites:
            _run_suite(container, publisher, suite, totals, dump)
    for form, figures in totals.items():
        shown = ", ".join(f"{k} {sum(v) / len(v):.3f} ({sum(v)}/{len(v)})" for k, v in figures.items() if v)
        print(f"\nall suites, {form}: {shown}")


def _run_suite(container, publisher, suite: Path, totals: dict, dump) -> None:
    user, settings, deps, cases = suite_loaded(container, publisher, suite)
    turn = 0
    for case in cases:
        if case["kind"] not in ("question", "out_of_scope"):
            continue
        typo = with_typo(case["text"], turn)
        if typo is None:
            continue
        turn += 1
        for form, text in (("as written", case["text"]), ("typo", typo)):
            result = answering.answer(deps, user, settings, text)
            abstained = result.how == answering.ABSTAINED
            figures = totals[form]
            if case["kind"] == "question":
                figures["fact"].append(
                    not abstained and any(_normalised(f) in _normalised(result.reply) for f in case["facts"])
                )
                figures["false_abstention"].append(abstained)
            else:
                figures["oos_abstained"].append(abstained)
            if dump and form == "typo":
                dump.write(json.dumps({"suite": suite.name, "kind": case["kind"], "text": text, "written": case["text"],
                                       "facts": case.get("facts"), "how": result.how, "reply": result.reply,
                                       "typos": result.retrieval.typos, "unknown": result.retrieval.unknown}) + "\n")
