"""A role the business never speaks of playing ("do you *buy* old bikes?" where no document writes "buy" or
"purchase") counts as a rare word (pipelines/abstention.py, unplayed_roles)."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from pipelines import abstention
from pipelines.retrieval import coverage
from services.usecases.answering import _support

OLD_PARTS = "Old parts\nReplaced parts are disposed of by us unless you ask to keep them when you hand in the bike."
LOAN_BIKES = "Loan bikes\nWhile your bike is with us you can borrow a city bike for €10 per day. Three loan bikes."
TREES = "Christmas at Pennyfold\nOur Christmas trees go on sale on the last Saturday of November."


@pytest.mark.parametrize(
    ("question", "unknown", "passages", "unplayed"),
    [
        # the asked verb is no document's word, and no passage plays its role in other words
        ("Do you buy old bikes?", ["buy"], [OLD_PARTS, LOAN_BIKES], {"buy"}),
        ("can I rent a christmas tree and bring it back in january?", ["rent"], [TREES], {"rent"}),
        ("Do you repair espresso machines?", ["repair"], ["Descale espresso machines every 4 to 6 weeks."], {"repair"}),
        # the passages play the role with another verb: "loan bikes" rent them out
        ("Do you rent out bikes for a day trip?", ["rent"], [LOAN_BIKES], set()),
        ("can I buy a gift card?", ["buy"], ["Gift cards can be purchased in the shop."], set()),
        # the documents use the verb: what the role is asked about is for the other figures
        ("Do you buy old bikes?", [], [OLD_PARTS], set()),
        # general asking verbs name no role, and "fix"/"stock" are the customer's words for one the documents name
        # otherwise ("we repair", "we sell")
        ("can you fix my cracked screen?", ["fix"], ["We repair screens of every iPhone."], set()),
        ("do you stock dog food?", ["stock"], ["shop food, senior turkey dry food, 6 kg: 38.00 EUR."], set()),
        ("How can I make an appointment for a service?", ["make"], [OLD_PARTS], set()),
        # the customer buying asks whether the business sells, and the customer selling whether it buys
        ("can I buy a gift voucher?", ["buy"], ["Gift vouchers are available in the shop."], set()),
        ("can I buy a gift voucher?", ["buy"], [OLD_PARTS], {"buy"}),
        ("can I sell you my old bike?", ["sell"], ["We sell refurbished city bikes."], {"sell"}),
        ("can we sell you our old bikes?", ["sell"], ["We buy used bikes in good condition."], set()),
        # the verb must be the question's asking verb, not any word of it
        ("the bike I want to buy is blue, when are you open?", ["buy"], [OLD_PARTS], set()),
    ],
)
def test_unplayed_roles(question, unknown, passages, unplayed):
    assert abstention.unplayed_roles(question, unknown, passages) == unplayed


def test_a_role_verb_is_part_of_what_is_asked_for():
    # so an everyday role verb no document uses counts fully, not as an aside
    assert "buy" in abstention.asked_for("Do you buy old bikes?")
    assert "rent" in abstention.asked_for("can I rent a christmas tree?")
    assert "have" not in abstention.asked_for("do you have parking?")


def test_a_role_verb_in_another_sense_is_not_asked_for():
    # everyday words beside what is asked for, counted a quarter as before the role verbs counted
    assert "hire" not in abstention.asked_for("can I hire you for my wedding?")
    assert "buy" not in abstention.asked_for("do you buy in your plants?")
    assert "buy" not in abstention.asked_for("do you buy your flour from a local mill?")
    assert "hire" in abstention.asked_for("can we hire a van for the weekend?")


def test_a_role_the_business_never_plays_stops_the_answer():
    # Figures of the bike workshop suite: every word but "buy" is in the passages ("Old parts", "bikes"), and "buy"
    # alone, everyday English beside the thing asked for, counted a quarter: 1.33, answered with the old-parts
    # sentence.
    question = "Do you buy old bikes?"
    ranked = SimpleNamespace(vector_rank=1, keyword_rank=1)
    retrieval = SimpleNamespace(
        terms=["buy", "old", "bikes"],
        weights={"buy": 4.83, "old": 4.14, "bikes": 1.53},
        unknown=["buy"],
        one_list=False,
    )
    retrieval.found = [  # each passage with its share of the question's words, as `retrieve` computes it
        SimpleNamespace(content=text, ranked=ranked, coverage=coverage(retrieval.terms, text, retrieval.weights))
        for text in (OLD_PARTS, LOAN_BIKES)
    ]
    best_sentence = 0.588
    everyday = {"buy", "old", "bikes"}
    support = _support(retrieval, best_sentence, {"buy": 0.196}, everyday, everyday=everyday, question=question)  # type: ignore[arg-type]
    assert support is not None
    assert support.coverage == pytest.approx(5.67 / 10.5, abs=0.01)
    assert not abstention.answerable(support)
    # with the documents writing "buy" elsewhere it is no unknown word; what still stops the answer is that no passage
    # buys old bikes (abstention.unoffered), and without that the question is answered
    known = SimpleNamespace(**{**vars(retrieval), "unknown": []})
    known_support = _support(known, best_sentence, {}, everyday, everyday=everyday, question=question)  # type: ignore[arg-type]
    assert known_support is not None and known_support.unknown == 0.0
    assert known_support.unoffered == "buy old bikes" and not abstention.answerable(known_support)
    assert abstention.answerable(replace(known_support, unoffered=""))


@pytest.mark.parametrize(
    ("question", "unknown", "passages"),
    [
        # the customer buying is served by orders and prices, not only by "sell"
        ("can I buy lessons as a gift?", ["buy"], ["Gift vouchers for lessons can be ordered at the office."]),
        ("can i buy tickets at the door?", ["buy"], ["Tickets: 15 EUR at the door, 12 EUR online."]),
        # "hire" a person engages a service; "hire" where the passages book is booking
        ("can I hire you for my wedding?", ["hire"], ["We make wedding cakes to order."]),
        ("can we hire an instructor for a refresher lesson?", ["hire"], ["Refresher lessons: 45 EUR per hour."]),
        ("could we hire the studio for a private class?", ["hire"], ["Private sessions: book the studio, 60 EUR."]),
        # "buy in", "buy your X from" ask where the business gets its goods
        ("do you buy your flour from a local mill?", ["buy"], ["Our flour comes from Hartley's mill."]),
        ("do you buy in your plants or grow them?", ["buy"], ["We grow most of our perennials ourselves."]),
    ],
)
def test_role_verbs_in_ordinary_wording_are_played(question, unknown, passages):
    assert abstention.unplayed_roles(question, unknown, passages) == set()


@pytest.mark.parametrize(
    ("question", "unknown", "passages", "unplayed"),
    [
        # a price does not play the business buying, nor renting out
        ("Do you buy old bikes?", ["buy"], [LOAN_BIKES], {"buy"}),
        ("can I rent a christmas tree?", ["rent"], ["Nordmann fir, 5-6 ft: 45.00 GBP"], {"rent"}),
        # a thing hired is still a role to play
        ("can we hire a van for the weekend?", ["hire"], ["We deliver within 10 miles for 5 EUR."], {"hire"}),
        # nor does a passage saying nothing of orders or prices play the customer buying
        ("can I buy a gift voucher?", ["buy"], [OLD_PARTS], {"buy"}),
    ],
)
def test_role_verbs_still_unplayed(question, unknown, passages, unplayed):
    assert abstention.unplayed_roles(question, unknown, passages) == unplayed
