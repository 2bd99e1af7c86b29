"""The signal measurement replays the abstention decision from an answers bench dump, sets the threshold again for
each weight without more false abstentions on the dev splits, and reads each signal from the dumped passages."""

import json

from pipelines import abstention
from tests.bench import abstention_signals as signals


def _candidate(text: str, similarity: float, overlap: float, passage: int = 0) -> dict:
    return {"text": text, "scoring_text": text, "similarity": similarity, "overlap": overlap, "passage": passage}


def _case(kind: str, sentence: float, *, unoffered: str = "", text: str = "", split: str = "dev",
          coverage: float = 0.5) -> dict:
    support = {"sentence": sentence, "coverage": coverage, "agreement": True, "unknown": 0.0, "variant": "",
               "unoffered": unoffered}
    answered = abstention.Support(sentence, coverage, True, unoffered=unoffered).score >= abstention.threshold()
    return {
        "suite": "shop", "split": split, "kind": kind, "text": text or f"{kind} {sentence}", "how":
        "extractive" if answered else "abstained", "would_reply": "We open at 9 am.", "support": support,
        "unknown_terms": [],
        "found": [{"content": "We open at 9 am.", "vector_rank": 1, "keyword_rank": 1}],
        "candidates": [_candidate("We open at 9 am.", sentence, 0.5)],
    }


# Support(s, 0.5, True) scores s + 0.90: at the threshold 0.76, 0.10 answers and -0.20 does not. The out-of-scope case
# the signal fires on scores 0.8 + 1.55 less OFFER_WEIGHT (1.0), far over the threshold: answered.
ROWS = [
    _case("question", 0.10), _case("question", -0.20),
    _case("out_of_scope", 0.8, unoffered="sell bikes", coverage=1.0), _case("out_of_scope", -0.30),
    _case("question", 0.20, split="test"),
]


def test_the_replay_gives_the_runs_decisions_and_a_separating_signal_abstains_more():
    cases = signals.Cases(ROWS)
    run = cases.count(cases.abstained, cases.split == cases.split)
    assert run == {"dev oos": 1, "dev false": 1, "test oos": 0, "test false": 0}
    unchanged = signals.measure(cases, signals.nothing)
    assert all(figures == run for _, _, figures in unchanged)
    by_weight = {weight: figures for weight, _, figures in signals.measure(cases, signals.unoffered)}
    assert by_weight[-1.0] == {"dev oos": 2, "dev false": 1, "test oos": 0, "test false": 0}
    # a weight that rewards the signal answers the out-of-scope case it fires on: no gain over the run
    assert by_weight[1.0] == run


def test_leave_one_suite_out_counts_every_suite_once():
    rows = [*ROWS, *({**r, "suite": "other"} for r in ROWS)]
    total = signals.left_out(signals.Cases(rows), signals.unoffered)
    assert total == {"dev oos": 4, "dev false": 2, "test oos": 0, "test false": 0}


def test_signals_read_the_dumped_passages_and_sentences():
    row = _case("question", 0.5, text="what time do you open")
    assert signals.lists_agree_first(row) == 1.0
    row["found"] = [{"content": "x", "vector_rank": 1, "keyword_rank": 3}]
    assert signals.lists_agree_first(row) == 0.0
    row["candidates"] = [_candidate("Parking is free.", 0.6, 0.2), _candidate("We open at 9 am.", 0.5, 0.8)]
    assert signals.same_best(row) == 0.0
    assert signals.kind_missing(row) == 0.0  # "9 am" is a clock time
    row["candidates"] = [_candidate("Parking is free.", 0.6, 0.2)]
    assert signals.kind_missing(row) == 1.0
    assert signals.names_thing({"text": "do you sell bikes?"}) == 1.0
    strudel = {**_case("out_of_scope", 0.5, text="do you sell cinnamon apple strudel"), "candidates": [
        _candidate("pastries, apple strudel, 1 slice: 3.20 EUR", 0.6, 0.5),
        _candidate("cinnamon rolls, 1 roll: 2.80 EUR", 0.5, 0.3)]}
    assert signals.thing_apart(strudel) == 1.0  # "cinnamon" and "strudel" are in the passages, never together
    strudel["candidates"].append(_candidate("cinnamon apple strudel: 24.00 EUR", 0.4, 0.7))
    assert signals.thing_apart(strudel) == 0.0


def test_main_prints_every_signal(tmp_path, capsys):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in ROWS))
    signals.main([str(dump)])
    printed = capsys.readouterr().out
    assert "the run: {'dev oos': 1, 'dev false': 1" in printed
    assert all(name in printed for name in signals.SIGNALS)
