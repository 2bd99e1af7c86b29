"""A rare word in the customer's context counts less than one naming the thing asked for (pipelines/abstention.py:
context_words, RARE_CONTEXT_WEIGHT)."""

import pytest

from pipelines import abstention


@pytest.mark.parametrize(
    ("question", "rare", "context"),
    [
        # the question asks for no thing: every rare word is the customer's context
        ("when can my puppy come in? she had her 2nd jab last week", {"jab"}, {"jab"}),
        ("do I pay the instructor on the day or upfront?", {"upfront"}, {"upfront"}),
        ("will my phone insurance pay for the repair? I'm with Wertgarantie", {"wertgarantie"}, {"wertgarantie"}),
        # the thing asked for keeps its rare words
        ("price for 50 privet hedging plants?", {"privet"}, set()),
        ("do you sell dog toothpaste", {"toothpaste"}, set()),
        # ... and so does the quantity a "how many/much" question asks for
        ("How many calories are in a cold brew?", {"calories"}, set()),
        ("How much caffeine is left in your decaf?", {"caffeine"}, set()),
        # a rare word after the asked-for thing's end is context again ("from" ends it)
        ("how much is a full licence from the NDLS once I pass", {"ndls"}, {"ndls"}),
    ],
)
def test_rare_words_outside_the_asked_for_thing_are_context(question, rare, context):
    assert abstention.context_words(question, rare) == context


def test_the_quantity_asked_for_is_read_for_rare_words_only():
    # as an asking form it would make the everyday words of answerable questions count fully
    assert abstention.asked_for("How many people can take part in a cupping?") == set()
    assert abstention.asked_for("how much r ur plain croissants") == set()


def test_a_rare_context_word_counts_less_than_a_rare_asked_for_word():
    weights = {"pay": 3.2, "instructor": 2.2, "day": 2.6, "upfront": 4.8}
    asked = abstention.unknown_share(weights, ["upfront"], {}, rare={"upfront"})
    context = abstention.unknown_share(weights, ["upfront"], {}, rare={"upfront"}, context={"upfront"})
    assert asked == pytest.approx(abstention.RARE_WEIGHT * 4.8 / 12.8)
    assert context == pytest.approx(abstention.RARE_CONTEXT_WEIGHT * 4.8 / 12.8)
    # context alone (a word that is not rare) changes nothing: everyday words have their own weight
    assert abstention.unknown_share(weights, ["upfront"], {}, context={"upfront"}) == pytest.approx(4.8 / 12.8)


def test_a_rare_context_word_no_longer_stops_an_answer_the_passages_hold():
    # Figures of the driving school suite: "do I pay the instructor on the day or upfront?" finds "Single lessons
    # are paid on the day, to your instructor." (0.638, coverage 0.624); "upfront" is no whole word of the
    # vocabulary and no candidate sentence is near it (0.13). Counted three times it abstained (0.484).
    question = "do I pay the instructor on the day or upfront?"
    weights = {"pay": 3.2, "instructor": 2.2, "day": 2.6, "upfront": 4.8}
    figures = {"best_sentence": 0.638, "coverage": 0.624, "agreement": True}
    context = abstention.context_words(question, {"upfront"})
    unknown = abstention.unknown_share(weights, ["upfront"], {"upfront": 0.13}, rare={"upfront"}, context=context)
    assert abstention.answerable(abstention.Support(**figures, unknown=unknown))
    without = abstention.unknown_share(weights, ["upfront"], {"upfront": 0.13}, rare={"upfront"})
    assert not abstention.answerable(abstention.Support(**figures, unknown=without))


def test_a_rare_word_the_question_asks_for_still_stops_an_answer():
    # Figures of the coffee roaster suite: "How many calories are in a cold brew?" finds the cold brew sentences
    # (0.592, coverage 0.557); "calories" is what is asked for and nothing near it (0.22): abstained on.
    question = "How many calories are in a cold brew?"
    weights = {"calories": 4.7, "cold": 3.3, "brew": 2.6}
    figures = {"best_sentence": 0.592, "coverage": 0.557, "agreement": True}
    context = abstention.context_words(question, {"calories"})
    unknown = abstention.unknown_share(weights, ["calories"], {"calories": 0.22}, rare={"calories"}, context=context)
    assert not abstention.answerable(abstention.Support(**figures, unknown=unknown))


@pytest.mark.parametrize(
    ("question", "people"),
    [
        ("is your bread gluten free? my daughter is coeliac", {"daughter"}),
        ("can you post posters to my mum in cardiff?", {"mum"}),
        ("can my 15 yr old daughter join me in class", {"daughter"}),
        ("its for my boss, will the price be in with it?", {"boss"}),
        ("30 bottles of wine for my daughters wedding", {"daughters"}),
        ("me and my husband want a private class together", {"husband"}),
        # without a possessive the person may be what is asked about
        ("is there a play area for the kids", set()),
        ("do you give anything for referring a friend", set()),
        ("do you have mum and baby yoga", set()),
        # a possessive of a thing is no person
        ("can you fix my screen", set()),
    ],
)
def test_the_customers_people_named_with_a_possessive_are_context(question, people):
    assert abstention.customers_people(question) == people


def test_the_customers_people_count_neither_way():
    weights = {"bread": 2.0, "gluten": 3.0, "daughter": 2.5, "coeliac": 4.0}
    ignore = abstention.customers_people("is your bread gluten free? my daughter is coeliac")
    with_person = abstention.unknown_share(weights, ["daughter"], {})
    assert with_person == pytest.approx(2.5 / 11.5)
    assert abstention.unknown_share(weights, ["daughter"], {}, ignore) == 0.0
