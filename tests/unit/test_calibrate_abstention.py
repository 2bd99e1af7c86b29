"""The calibration script replays the abstention decision from an answers bench dump as abstention.answerable
decides it, and fits no weights that abstain on more answerable questions than the baseline."""

import json

from pipelines import abstention
from tests.bench import calibrate_abstention as calibrate


def _case(kind: str, sentence: float, coverage: float, *, split: str = "dev", how: str = "") -> dict:
    support = {"sentence": sentence, "coverage": coverage, "agreement": True, "unknown": 0.0, "variant": "",
               "unoffered": ""}
    score = abstention.Support(sentence, coverage, True).score
    answered = score >= abstention.threshold()
    return {"suite": "shop", "split": split, "kind": kind, "text": f"{kind} {sentence} {coverage}", "facts": ["9 am"],
            "source": "faq.md", "documents": ["faq.md"], "how": how or ("extractive" if answered else "abstained"),
            "reply": "We open at 9 am." if answered else "", "would_reply": "We open at 9 am.", "support": support}


def test_the_replay_matches_answerable_and_the_fit_keeps_false_abstention(tmp_path, capsys):
    rows = [_case("question", 0.6, 0.9), _case("question", 0.5, 0.5), _case("out_of_scope", 0.3, 0.2),
            _case("out_of_scope", 0.45, 0.4), _case("question", 0.55, 0.7, split="test")]
    cases = calibrate.Cases(rows)
    replayed = ~cases.answered(calibrate.Weights.today())[0]
    assert list(replayed) == [r["how"] == "abstained" for r in rows]
    dev = cases.split == "dev"
    fitted = calibrate.search(cases, dev, {"shop": int((replayed & cases.question & dev).sum())})
    assert fitted is not None
    _weights, figures = fitted
    assert figures.false <= int((replayed & cases.question & dev).sum())
    assert figures.oos >= int((replayed & ~cases.question & dev).sum())
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows))
    calibrate.main([str(dump)])
    printed = capsys.readouterr().out
    assert "replay check: 0 of 5 decisions differ" in printed and "leave one suite out" in printed


def test_a_case_without_a_sentence_or_a_reply_to_quote_is_never_answered():
    silent = {**_case("question", 0.9, 1.0), "support": None}
    unquotable = {**_case("question", 0.9, 1.0), "would_reply": ""}
    cases = calibrate.Cases([silent, unquotable])
    assert not cases.answered(calibrate.Weights(0.0, 0.0, 0.0, -5.0)).any()
