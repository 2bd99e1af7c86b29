"""The thing an availability question names by two words the passages hold only apart (pipelines/asked_phrases.py)."""

import time

import pytest

from pipelines.abstention import APART_WEIGHT, Support, asked_for
from pipelines.asked_phrases import held_apart

OPTICIAN = [
    "The shop and both testing rooms are on the ground floor and step-free, and there is a hearing loop at the"
    " counter.",
    "eye tests, standard eye test, adult: 35.00 EUR (free with PRSI Treatment Benefit).",
]
GARDEN = [
    "Our free car park has 90 spaces, with 6 disabled bays next to the main entrance.",
    "Landscapers can open a trade account, which gives 15% off plants and a monthly invoice.",
    "Disabled parking is free.",
]


@pytest.mark.parametrize(
    ("question", "passages", "apart"),
    [
        ("do you do hearing tests too", OPTICIAN, "hearing tests"),
        ("is there a hearing test?", OPTICIAN, "hearing test"),
        ("have you got electric car chargers in the car park", [*GARDEN, "Car chargers: see the website."], ""),
        # the two words together, or within a few words of each other: the passages speak of the thing
        ("do you do eye tests", OPTICIAN, ""),
        ("do u have disabled parking", GARDEN, ""),
        ("is there a test for the eyes of adults", OPTICIAN, ""),
        # a word the passages never hold is left to the unknown words
        ("do you do hearing aids", OPTICIAN, ""),
        # no availability question: a price list writes a product and its variant in cells apart
        ("how much is a hearing test", OPTICIAN, ""),
        # a role verb is no part of the thing ("sell eye" is no phrase)
        ("do you sell eye drops", OPTICIAN, ""),
        ("do you do hearing tests", [], ""),
    ],
)
def test_the_asked_thing_held_only_apart(question, passages, apart):
    assert held_apart(question, passages, asked_for(question)) == apart


def test_a_phrase_held_apart_weighs_against_answering():
    support = Support(0.5, 0.8, True, 0.0)
    assert support.score - Support(0.5, 0.8, True, 0.0, apart="hearing tests").score == pytest.approx(APART_WEIGHT)


def test_long_passages_are_read_fast():
    passages = ["hearing " * 20000 + "x " * 10 + "tests " * 20000]
    started = time.process_time()  # CPU time: a machine busy elsewhere is no slow read
    question = "do you do hearing tests"
    assert held_apart(question, passages, asked_for(question)) == "hearing tests"
    assert time.process_time() - started < 1.0
