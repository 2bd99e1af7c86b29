"""The words of a question that say how the customer asks, or whose the thing is (pipelines/degree_words.py)."""

import pytest

from pipelines.degree_words import degree_words

VOCABULARY = frozenset(["cheap", "late", "big", "early", "quick", "near", "large", "small", "mode", "test"])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("whats the cheapest pair of frames u have", {"cheapest"}),
        ("what's your latest slot on a friday", {"latest"}),
        ("which is the biggest size", {"biggest"}),
        ("earliest appointment tomorrow?", {"earliest"}),
        ("need 12 tshirts quicker than a week", {"quicker"}),
        ("is it cheaper than the large one", {"cheaper"}),
        ("which varifocal is best", {"best"}),
        ("the better varifocal", {"better"}),
    ],
)
def test_superlatives_and_comparatives_of_a_vocabulary_adjective_are_degree_words(question, expected):
    assert degree_words(question, VOCABULARY) == expected


@pytest.mark.parametrize(
    "question",
    [
        "do you sell forest bark",  # "for" is no adjective
        "a guest pass please",  # too short a stem
        "do you sell printers",  # "-er" without "than" is a thing
        "any interest free credit",  # "inter" is no word of the vocabulary
        "what time is the eye test",
    ],
)
def test_other_words_ending_so_are_no_degree_words(question):
    assert degree_words(question, VOCABULARY) == set()
