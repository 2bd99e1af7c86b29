"""The words of a question that say how the customer asks, or whose the thing is (pipelines/customer_context.py)."""

import pytest

from pipelines.customer_context import customers_own, degree_words

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


def test_what_a_possessive_introduces_is_the_customers_own_up_to_a_phrase_end():
    assert customers_own("can you post posters to my mum in cardiff?") == {"mum"}
    assert customers_own("just one t-shirt for my daughter's hen party, how much") == {"daughter", "hen", "party"}
    assert customers_own("its for my boss, will the price be in with it?") == {"boss"}
    assert customers_own("my dad is in a wheelchair") == {"dad"}


def test_the_customers_own_thing_stays_asked_when_it_is_what_the_question_asks_for():
    assert customers_own("can you fix my iphone screen", asked={"fix", "iphone", "screen"}) == set()
    assert customers_own("do you have parking") == set()


def test_the_customers_own_phrase_is_at_most_three_words():
    assert customers_own("our big old red garden shed needs paint") == {"big", "old", "red"}
