"""A customer's own figures (amounts, prices, currencies) never count as words the documents do not hold."""

import pytest

from pipelines import abstention
from pipelines.retrieval import content_terms


@pytest.mark.parametrize("word", ["20", "3.5", "1,200", "13.90", "£", "€", "$", "£15", "20€", "eur", "EUR", "euros",
                                  "dollars", "pounds", "usd", "gbp", "cents", "quid"])
def test_numbers_and_currencies_are_figures(word):
    assert abstention.is_figure(word)
    assert abstention.untelling(word)


@pytest.mark.parametrize("word", ["s23", "iphone", "calories", "euro2024", "wifi", "3x", "v2", "", "price"])
def test_words_and_model_names_are_no_figures(word):
    assert not abstention.is_figure(word)


def test_a_question_s_own_amount_is_not_unknown():
    # "Can I pay 20 euros by card?" against documents writing neither "20" nor "euros": the figures count as
    # words the documents hold.
    terms = content_terms("Can I pay 20 euros by card?")
    assert terms == ["pay", "20", "euros", "card"]
    weights = {"pay": 2.1, "20": 4.8, "euros": 4.8, "card": 2.5}
    assert abstention.unknown_share(weights, ["20", "euros"], {}, abstention.UNTELLING_WORDS) == 0.0
    # A topic word no document uses still counts; the figures stay in the total, as "13" of "iphone 13" would.
    share = abstention.unknown_share(weights, ["20", "euros", "card"], {}, abstention.UNTELLING_WORDS)
    assert share == pytest.approx(2.5 / 14.2)
    assert share == abstention.unknown_share(weights, ["card"], {}, abstention.UNTELLING_WORDS)


def test_only_figures_leave_nothing_to_count():
    assert abstention.unknown_share({"3.5": 5.0, "eur": 5.0}, ["3.5", "eur"], {}) == 0.0


def test_a_rare_currency_word_is_no_rare_unknown_word():
    # "eur" is no whole word of an English vocabulary, so it would count three times as a rare word.
    weights = {"delivery": 2.0, "eur": 5.0}
    rare = abstention.rare_words(["eur"], vocabulary={"delivery"})
    assert rare == {"eur"}
    assert abstention.unknown_share(weights, ["eur"], {}, rare=rare) == 0.0


def test_letters_glued_to_a_number_are_part_of_the_figure():
    # "10er karte" (German: a 10-pack card) is searched as "10" and "er"; no document writing "er" says nothing
    assert abstention.number_endings("10er karte reformer price pls") == {"er"}
    assert abstention.number_endings("a 29er wheel, 55kg, my 2nd jab") == {"er", "kg", "nd"}
    assert abstention.number_endings("iphone13 screen") == frozenset()  # a model name: letters before the number
    weights = {"10": 2.7, "er": 4.8, "karte": 4.8}
    ignore = abstention.UNTELLING_WORDS | abstention.number_endings("10er karte")
    share = abstention.unknown_share(weights, ["er", "karte"], {}, ignore)
    assert share == pytest.approx(4.8 / (2.7 + 4.8))  # "er" neither unknown nor in the total


def test_the_customers_story_words_say_nothing_of_what_the_documents_cover():
    for word in ("forgot", "ago", "think", "said", "yesterday"):
        assert abstention.untelling(word)
    assert not abstention.untelling("earlier")  # also a comparative asked for: "an earlier test date"
