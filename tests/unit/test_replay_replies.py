"""The bench's replay of the reply's choice (tests/bench/replay_replies.py) over a dumped case."""

import json

from tests.bench.replay_replies import facts_found, main


def _sentence(text, passage, similarity, overlap):
    return {"text": text, "context": "", "passage": passage, "position": 0, "paragraph": 0, "row": False,
            "listed": False, "similarity": similarity, "overlap": overlap, "label_overlap": 0.0}


CASE = {
    "kind": "question", "split": "dev", "how": "extractive", "text": "how long is the waiver valid for",
    "facts": ["2 years"], "reply": "",
    "found": [{"coverage": 0.2}, {"coverage": 1.0}],
    "candidates": [_sentence("A parent must complete the waiver for under-18s.", 0, 0.60, 0.5),
                   _sentence("Your registration is valid for 2 years.", 1, 0.44, 0.5)],
}
ABSTAINED = {**CASE, "how": "abstained", "reply": "Sorry, I don't know.", "candidates": []}


def test_a_heavier_passage_weight_lets_the_passage_holding_the_question_answer():
    assert facts_found([CASE, ABSTAINED], 0.0) == {"dev": (0, 2)}
    assert facts_found([CASE, ABSTAINED], 0.3) == {"dev": (1, 2)}


def test_the_command_prints_each_weight(tmp_path, capsys):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps(CASE) + "\n")
    main([str(dump), "--weights", "0", "0.3"])
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["passage coverage weight 0.00: facts in replies dev 0/1",
                       "passage coverage weight 0.30: facts in replies dev 1/1"]
