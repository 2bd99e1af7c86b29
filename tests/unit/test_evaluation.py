"""Scoring an evaluation: cases, what the pipeline did with them, and the figures."""

import json

import pytest

from pipelines import evaluation as ev


def _lines(*cases):
    return [json.dumps(c) for c in cases]


QUESTION = {"kind": "question", "text": "How long does delivery take?",
            "facts": ["2-3 working days"], "source": "faq.md"}
INTENT = {"kind": "intent", "text": "I'd like to order two bags", "label": "Task:create_order", "split": "test"}
OUT_OF_SCOPE = {"kind": "out_of_scope", "text": "Is there parking?"}


def test_cases_are_read_with_their_line_numbers_and_expected_labels():
    cases = ev.parse_cases([*_lines(QUESTION, INTENT, OUT_OF_SCOPE), ""])
    assert [c.number for c in cases] == [1, 2, 3]
    assert [c.expected_label for c in cases] == ["Response", "Task:create_order", "Response"]
    assert [c.split for c in cases] == ["dev", "test", "dev"]
    assert cases[0].facts == ("2-3 working days",) and cases[0].source == "faq.md"


@pytest.mark.parametrize(("case", "problem"), [
    ({**QUESTION, "facts": []}, "facts"),
    ({**QUESTION, "source": ""}, "source"),
    ({**INTENT, "label": "Task:Create Order"}, "label"),
    ({**INTENT, "label": "Answer:opening_hours", "split": "held-out"}, "split"),
    ({"kind": "chat", "text": "hi"}, "kind"),
    ({**OUT_OF_SCOPE, "text": "  "}, "text"),
])
def test_a_case_that_cannot_be_scored_is_refused_with_its_line(case, problem):
    with pytest.raises(ev.SuiteError, match=rf"cases.jsonl:2: .*{problem}"):
        ev.parse_cases(_lines(QUESTION, case))


def test_an_answer_label_is_a_valid_intent_case():
    case = ev.parse_cases(_lines({**INTENT, "label": "Answer:opening_hours"}))[0]
    assert case.expected_label == "Answer:opening_hours"


def test_a_limit_takes_cases_of_every_kind():
    cases = ev.parse_cases(_lines(*[QUESTION] * 5, *[INTENT] * 5, *[OUT_OF_SCOPE] * 5))
    picked = ev.select(cases, "all", 6)
    assert sorted(c.kind for c in picked) == ["intent"] * 2 + ["out_of_scope"] * 2 + ["question"] * 2
    assert [c.number for c in ev.select(cases, "test")] == [6, 7, 8, 9, 10]
    handoff = {**INTENT, "label": "HumanHandoff"}
    mixed = ev.parse_cases(_lines(*[INTENT] * 3, *[handoff] * 3))
    assert [c.expected_label for c in ev.select(mixed, "all", 2)] == ["Task:create_order", "HumanHandoff"]


def test_labels_and_rankings_are_read_from_the_trace_or_its_older_form():
    assert ev.label_from_trace({"label": "Answer:hours", "intent": "Response"}) == "Answer:hours"
    assert ev.label_from_trace({"intent": "Task", "task_type": "book_calendar"}) == "Task:book_calendar"
    assert ev.label_from_trace({"intent": "HumanHandoff", "task_type": None}) == "HumanHandoff"
    assert ev.label_from_trace(None) is None
    ranked = {"ranked": [{"document": "a.md", "score": 0.7}, {"document": "b.csv", "score": 0.5}],
              "chunks": [{"source": "z.md (section X)", "score": 0.9}]}
    assert ev.ranked_from_trace(ranked) == (("a.md", "b.csv"), (0.7, 0.5))
    older = {"chunks": [{"source": "faq.md (section Delivery (Germany))", "score": 0.61},
                        {"source": "price list.csv (rows 2-9)", "score": 0.4}]}
    assert ev.ranked_from_trace(older)[0] == ("faq.md (section Delivery", "price list.csv")


def test_facts_match_without_case_or_spacing():
    assert ev.contains_fact("Delivery takes 2-3\n working  DAYS.", ["2-3 working days"])
    assert ev.contains_fact("We roast on Tuesday", ["Thursday", "tuesday"])
    assert not ev.contains_fact("Delivery takes 2 to 3 days", ["2-3 working days"])


def _case(kind, number=1, split="dev", **extra):
    base = {"question": QUESTION, "intent": INTENT, "out_of_scope": OUT_OF_SCOPE}[kind]
    return ev._case(number, {**base, "split": split, **extra})


def _outcome(case, *, label="Response", status="answered", documents=(), answer="extractive", reply=""):
    return ev.Outcome(case, status, label, tuple(documents), answer, (reply,) if reply else (),
                      scores=tuple(0.5 for _ in documents))


def test_figures_count_hits_facts_intents_and_abstentions():
    outcomes = [
        # answered from the right document with the fact
        _outcome(_case("question", 1), documents=["price.csv", "x.md", "faq.md", "y.md"],
                 reply="It takes 2-3 working days."),
        # right document fourth, wrong answer
        _outcome(_case("question", 2, "test"), documents=["a", "b", "c", "faq.md"], reply="Soon."),
        # abstained on an answerable question (a false abstention), routed right
        _outcome(_case("question", 3), documents=["faq.md"], answer="abstained",
                 reply="Sorry, I don't have that information."),
        # taken for a task: no ranking at all
        _outcome(_case("question", 4), label="Task:create_order", answer=None),
        _outcome(_case("intent", 5, "test")),
        _outcome(_case("intent", 6, "test"), label="Task:create_order"),
        _outcome(_case("out_of_scope", 7), answer="nothing relevant in the knowledge base"),
        _outcome(_case("out_of_scope", 8, "test"), reply="Parking passages pasted here"),
        _outcome(_case("out_of_scope", 9), label="HumanHandoff", status="handed_off", answer=None),
    ]
    result = ev.report("demo", "test", "all", outcomes)
    every = result.figures["all"]
    assert (every.questions, every.out_of_scope, every.intent_cases) == (4, 3, 9)
    assert every.hit_at_3 == 0.5  # questions 1 and 3
    assert every.fact == 0.25
    assert every.intent_accuracy == round(6 / 9, 4)  # 4 (task), 5 (Response) and 9 (handoff) are wrong
    assert every.oos_abstention == round(2 / 3, 4)
    assert every.false_abstention == 0.25
    assert every.not_finished == 0
    test = result.figures["test"]
    assert (test.cases, test.questions, test.hit_at_3, test.intent_accuracy) == (4, 1, 0.0, 0.75)
    assert result.confusion["Response"] == {"HumanHandoff": 1, "Response": 5, "Task:create_order": 1}
    assert result.confusion["Task:create_order"] == {"Response": 1, "Task:create_order": 1}
    misses = {(m.case, m.what) for m in result.misses}
    assert misses == {(2, "hit@3"), (2, "fact"), (3, "fact"), (3, "false abstention"), (4, "intent"),
                      (4, "hit@3"), (4, "fact"), (5, "intent"), (8, "abstention"), (9, "intent")}
    trace = next(m.trace for m in result.misses if m.case == 2)
    assert trace.startswith("status=answered intent=Response") and "ranked=[a 0.50, b 0.50, c 0.50]" in trace


def test_a_message_that_never_finished_is_a_miss_and_counted():
    outcome = ev.Outcome(_case("question"), "timeout", None)
    result = ev.report("demo", "test", "all", [outcome])
    assert result.figures["all"].not_finished == 1
    assert result.figures["all"].intent_accuracy == 0.0
    assert {m.what for m in result.misses} == {"intent", "hit@3", "fact"}


def test_the_report_reads_as_a_table_and_as_json():
    outcomes = [_outcome(_case("question", 1), documents=["faq.md"], reply="2-3 working days"),
                _outcome(_case("intent", 2, "test"), label="Response")]
    result = ev.report("demo", "pipeline", "all", outcomes, ["a note"])
    text = ev.render(result)
    assert "suite demo: 2 case(s), split all" in text and "note: a note" in text
    assert "hit@3" in text and "1.000 (n=1)" in text and "misses: 1" in text
    assert "#2 [test intent] intent: expected 'Task:create_order', got 'Response'" in text
    data = json.loads(json.dumps(result.as_dict()))
    assert data["figures"]["dev"]["hit_at_3"] == 1.0 and data["figures"]["test"]["questions"] == 0
    assert data["figures"]["test"]["hit_at_3"] is None
    assert data["misses"][0]["what"] == "intent"


def test_few_shot_suite_takes_the_first_examples_of_each_category_in_file_order():
    train = [(f"card {i}", "card_arrival") for i in range(12)] + [("refund?", "Refund_not_showing_up"),
                                                                    ("reverted", "reverted_card_payment?")]
    test = [("where is my card", "card_arrival"), ("no refund", "Refund_not_showing_up")]
    intents, cases = ev.few_shot_suite(train, test, per_intent=10)
    assert [i["key"] for i in intents] == ["card_arrival", "refund_not_showing_up", "reverted_card_payment"]
    assert intents[0]["examples"] == [f"card {i}" for i in range(10)] and intents[0]["kind"] == "answer"
    assert [c.expected_label for c in cases] == ["Answer:card_arrival", "Answer:refund_not_showing_up"]
    with pytest.raises(ev.SuiteError, match="no training examples"):
        ev.few_shot_suite(train, [("x", "unknown")])


def test_salesboys_small_talk_is_scored_as_the_response_the_suites_expect():
    hello = ev.Case(1, "intent", "hello!", "dev", label="Response")
    greeted = ev.Outcome(hello, "answered", "Answer:greeting")
    report = ev.report("s", "m", "all", [greeted, ev.Outcome(hello, "answered", "Answer:opening_hours")])
    assert greeted.scored_label == "Response" and report.figures["all"].intent_accuracy == 0.5
