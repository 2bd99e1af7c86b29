"""The thing a "do you have X?" question asks for, named with a word no document uses (pipelines/abstention.py,
unknown_thing)."""

import pytest

from pipelines import abstention


@pytest.mark.parametrize(
    ("question", "untold", "missing"),
    [
        ("Do you sell tea?", {"tea"}, "tea"),
        ("Is there parking near the café?", {"parking", "near"}, "parking"),  # a preposition ends the thing
        ("Can I bring my dog to the café?", {"dog"}, "dog"),
        ("do you sell birthday candles and balloons?", {"candles", "balloons"}, "candles balloons"),
        ("Do you run baking classes?", {"baking", "classes"}, "baking classes"),
        ("do you sell flour and yeast?", {"yeast"}, "yeast"),
        ("do u guys also stock oat milk", {"oat"}, "oat"),
        ("are there lockers? and is there a shower", {"shower"}, "shower"),  # each question of the message
        ("we wonder, could we book the room. do you offer a sauna", {"sauna"}, "sauna"),
    ],
)
def test_an_asked_for_thing_no_document_names(question, untold, missing):
    assert abstention.unknown_thing(question, untold) == missing


@pytest.mark.parametrize(
    ("question", "untold"),
    [
        ("When do you hold the public cupping?", {"hold"}),  # the verb is no thing asked for
        ("Can I freeze coffee beans?", {"freeze"}),
        ("Can you bring rolls to my house in the morning?", {"house"}),  # the customer's own situation
        ("Will you fit parts I bought online myself?", {"bought", "online"}),  # a pronoun ends the thing
        ("do you sell coffee beans to take home?", {"home"}),
        ("Can you ship to the USA?", {"usa"}),  # no thing: a destination
        ("is your bread gluten free? my daughter is coeliac", {"daughter", "coeliac"}),  # no availability asked
        ("do you have 20 euro vouchers", {"20", "euro"}),  # figures never count
        ("can i sit down and have a coffee there", {"sit"}),  # a particle, then the thing ends
        ("do you still have it??", set()),
    ],
)
def test_what_is_no_unknown_thing(question, untold):
    assert abstention.unknown_thing(question, untold) == ""


def test_the_things_asked_for_and_their_verbs():
    assert abstention.asked_things("Do you rent out bikes for a day trip?") == [("rent", ["bikes"])]
    assert abstention.asked_things("is there a waiting area with coffee?") == [("there", ["waiting", "area"])]
    assert abstention.asked_things("are you looking for teachers?") == []
    assert abstention.asked_things("Which payment methods do you accept?") == [("accept", [])]


def test_an_unknown_thing_counts_against_the_score():
    figures = {"best_sentence": 0.45, "coverage": 0.6, "agreement": True}  # 1.39: answered
    assert abstention.answerable(abstention.Support(**figures))
    assert not abstention.answerable(abstention.Support(**figures, unknown_thing="yeast"))
    # not decisive: a strong sentence and full coverage still answer ("Continental GP 5000 tyres" with no "gp")
    assert abstention.answerable(abstention.Support(1.0, 1.0, True, unknown_thing="decaf"))
