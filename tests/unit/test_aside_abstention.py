"""Everyday words beside what the question asks for (pipelines/abstention.py: asked_for, aside_words, the `aside`
weight of unknown_share)."""

import pytest

from pipelines import abstention
from services.adapters import wordpiece

EVERYDAY = {"phone", "going", "garden", "play", "area", "kids", "big", "quite", "guy", "carry", "tree", "pay"}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("do you sell garden furniture?", {"sell", "garden", "furniture"}),  # the role verb too
        ("is there a play area for the kids", {"play", "area", "kids"}),  # "for" says which thing
        ("do you hire out cars for a weekend away", {"hire", "cars", "weekend", "away"}),
        ("is there anything early in the morning before work?", {"anything", "early"}),  # "in" ends it
        ("do ye do first aid courses", {"first", "aid", "courses"}),
        ("have you a self service dog wash", {"self", "service", "dog", "wash"}),
        # a service asked for by its own verb
        ("Can you paint my frame?", {"paint", "frame"}),
        ("can you sign my medical report for the licence", {"sign", "medical", "report", "licence"}),
        ("can you ship to the USA?", {"ship"}),
        ("will you call me if the repair gets more expensive?", set()),  # what the business does in a case
        ("can u put a picture of my dog on a cake", set()),  # a general verb names no service
        ("how much is a lemon tree", {"lemon", "tree"}),
        ("have you got toilets and baby changing?", {"toilets", "baby", "changing"}),
        ("can I rent a christmas tree and bring it back in january?", {"rent", "christmas", "tree", "bring", "back"}),
        ("are you looking for pilates teachers at the moment?", {"pilates", "teachers"}),
        ("can i pay with my phone", set()),
        ("how long has pennyfold been going", set()),
    ],
)
def test_what_an_availability_or_price_question_asks_for(question, asked):
    assert abstention.asked_for(question) == asked


def test_aside_words_are_everyday_words_outside_the_asked_for_thing():
    unknown = ["phone", "furniture", "wheelchair"]
    assert abstention.aside_words("can i pay with my phone", unknown, EVERYDAY) == {"phone"}
    # the thing asked for counts fully, everyday or not; a word outside the everyday ones is never aside
    assert abstention.aside_words("do you sell a phone case?", unknown, EVERYDAY) == set()
    assert abstention.aside_words("is the shop wheelchair accessible?", ["wheelchair"], EVERYDAY) == set()
    assert abstention.aside_words("the tree is quite big, can ur guys carry it", ["quite", "big", "guys", "carry"],
                                  EVERYDAY) == {"quite", "big", "guys", "carry"}  # "guys" by its base form


def test_an_everyday_word_beside_the_question_does_not_stop_an_answer():
    # Figures of the garden centre suite: "can i pay with my phone" finds the payment sentence (0.32, coverage
    # 0.41); no document says "phone". Counted fully it abstains; aside it is answered.
    weights = {"pay": 3.9, "phone": 5.3}
    figures = {"best_sentence": 0.32, "coverage": 0.41, "agreement": True}
    full = abstention.unknown_share(weights, ["phone"], {"phone": 0.23})
    aside = abstention.unknown_share(weights, ["phone"], {"phone": 0.23}, aside={"phone"})
    assert aside == pytest.approx(abstention.ASIDE_WEIGHT * full)
    assert not abstention.answerable(abstention.Support(**figures, unknown=full))
    assert abstention.answerable(abstention.Support(**figures, unknown=aside))


def test_an_everyday_word_the_question_asks_for_still_stops_an_answer():
    # "do you sell garden furniture?" against the garden centre's price list: "furniture" is what is asked for.
    weights = {"sell": 2.0, "garden": 1.5, "furniture": 5.3}
    figures = {"best_sentence": 0.50, "coverage": 0.19, "agreement": False}
    asked = abstention.asked_for("do you sell garden furniture?")
    aside = abstention.aside_words("do you sell garden furniture?", ["furniture"], {"furniture", "garden"})
    assert "furniture" in asked and not aside
    unknown = abstention.unknown_share(weights, ["furniture"], {"furniture": 0.2}, aside=aside)
    assert not abstention.answerable(abstention.Support(**figures, unknown=unknown))


def test_a_rare_word_counts_as_rare_even_beside_the_question():
    weights = {"discount": 2.0, "oap": 5.3}
    rare = abstention.unknown_share(weights, ["oap"], {}, rare={"oap"}, aside={"oap"})
    assert rare == pytest.approx(abstention.RARE_WEIGHT * 5.3 / 7.3)


def test_the_commonest_whole_words_come_first_in_the_vocabulary():
    common = wordpiece.commonest_whole_words(5000)
    assert len(common) == 5000 and common <= wordpiece.whole_words()
    assert {"the", "phone", "going"} <= common and "wheelchair" not in common


def test_the_owner_of_a_possessive_is_aside_however_rare():
    # "can we use my mams car for the lessons": WhatsApp drops the apostrophe; "mams" is no whole word of the
    # vocabulary, so it counted three times as a rare word and the question was abstained on.
    assert abstention.possessors("can we use my mams car for the lessons to save a few quid") == {"mams"}
    assert abstention.possessors("can I drive my dad's manual after") == {"dad"}
    assert abstention.possessors("its for my nephews 17th") == {"nephews"}
    assert abstention.possessors("my glasses are broken") == set()  # no thing of theirs follows
    mams = abstention.possessors("can we use my mams car")
    assert abstention.aside_words("can we use my mams car", ["mams"], EVERYDAY, mams) == {"mams"}
    # asked for, it counts fully: "do you fix my kids bikes" asks about the kids' bikes
    kids = abstention.possessors("do you fix my kids bikes")
    assert abstention.aside_words("do you fix my kids bikes", ["kids"], EVERYDAY, kids) == set()
    # ... and no rare word, however it is spelt
    vocabulary = {"use", "car", "mum"}
    assert abstention.rare_words(["mams"], vocabulary) == {"mams"}
    assert abstention.rare_words(["mams"], vocabulary, abstention.possessors("can we use my mams car")) == set()


def test_a_service_asked_for_by_its_own_verb_counts_fully():
    # Figures of the bike workshop suite: "Can you paint my frame?" finds the frame-engraving sentence (0.23,
    # coverage 0.46); no document says "paint". Aside (an everyday word) it was answered; it is what is asked for.
    question = "Can you paint my frame?"
    weights = {"paint": 4.83, "frame": 4.14}
    figures = {"best_sentence": 0.23, "coverage": 0.46, "agreement": True}
    aside = abstention.aside_words(question, ["paint"], {"paint", "frame"})
    assert aside == set()
    unknown = abstention.unknown_share(weights, ["paint"], {"paint": 0.16}, aside=aside)
    assert not abstention.answerable(abstention.Support(**figures, unknown=unknown))
    # "can i pay with my phone" asks for no service of the business's: its everyday word stays aside
    assert abstention.aside_words("can i pay with my phone", ["phone"], {"phone"}) == {"phone"}
