"""The evaluation suites in evals/ are what they claim: facts really in the documents, enough cases of each
kind, about a third held out."""

from collections import Counter
from pathlib import Path

import pytest

from pipelines.evaluation import normalised
from services.usecases.evaluation import load_suite

EVALS = Path(__file__).resolve().parents[2] / "evals"
DOCUMENT_SUITES = ("coffee_roaster", "bike_workshop", "phone_repair", "family_bakery", "yoga_studio", "garden_centre",
                   "pet_salon", "driving_school", "hardware_store", "florist", "campsite", "print_shop",
                   "wine_merchant", "optician", "dry_cleaner", "climbing_gym", "hair_salon", "bookshop",
                   "electrical_shop")


@pytest.mark.parametrize("name", DOCUMENT_SUITES)
def test_every_fact_is_in_the_documents_and_one_in_the_named_source(name):
    suite = load_suite(EVALS / name)
    texts = {p.name: normalised(p.read_text()) for p in suite.documents}
    for case in (c for c in suite.cases if c.kind == "question"):
        assert any(normalised(f) in texts[case.source] for f in case.facts), (case.number, case.text)
        for fact in case.facts:
            assert any(normalised(fact) in text for text in texts.values()), (case.number, fact)


@pytest.mark.parametrize("name", DOCUMENT_SUITES)
def test_each_suite_has_enough_cases_of_every_kind_with_a_third_held_out(name):
    cases = load_suite(EVALS / name).cases
    kinds = Counter(c.kind for c in cases)
    assert kinds["question"] >= 40 and kinds["intent"] >= 60 and kinds["out_of_scope"] >= 20
    labels = Counter(c.label for c in cases if c.kind == "intent")
    assert set(labels) == {"Response", "HumanHandoff", "Task:create_order", "Task:book_calendar", "Task:send_email"}
    for kind, total in kinds.items():
        held_out = sum(c.split == "test" for c in cases if c.kind == kind)
        assert 0.25 <= held_out / total <= 0.4, kind
    assert len({c.text for c in cases}) == len(cases), "a case is written twice"
