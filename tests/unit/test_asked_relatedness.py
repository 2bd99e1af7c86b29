"""A word of what the question asks for is excused only by a sentence nearer to it (ASKED_RELATED_LOW/HIGH)."""

from types import SimpleNamespace

import pytest

from pipelines import abstention
from services.usecases.answering import _support


def test_an_asked_word_has_a_band_of_its_own():
    assert abstention.novelty(0.35) == 0.0  # the customer's other words: excused from 0.35
    assert abstention.novelty(0.35, asked=True) == 1.0
    assert abstention.novelty(0.40, asked=True) == pytest.approx(0.5)
    assert abstention.novelty(0.45, asked=True) == 0.0
    assert abstention.novelty(0.20, asked=True) == 1.0


def test_an_asked_word_near_a_sentence_of_its_field_still_counts():
    # "do you sell cat litter": "litter" is 0.347 from the row of compostable poo bags, which does not say it
    weights = {"sell": 4.53, "cat": 1.37, "litter": 5.22}
    near = {"litter": 0.347}
    around = abstention.unknown_share(weights, ["litter"], near)
    asked = abstention.unknown_share(weights, ["litter"], near, asked={"sell", "cat", "litter"})
    assert around == pytest.approx(5.22 / 11.12 * 0.03, abs=1e-3)
    assert asked == pytest.approx(5.22 / 11.12)


def test_an_asked_word_a_sentence_says_otherwise_is_excused():
    weights = {"discount": 5.0, "students": 2.0}
    assert abstention.unknown_share(weights, ["discount"], {"discount": 0.46}, asked={"discount"}) == 0.0


PASSAGES = {
    "do you sell cat litter": (
        ("The shop sells dry food, treats and chews, shampoos, brushes, collars, harnesses and leads.", 0.407),
        ("category: shop accessories; item: compostable poo bags; size: box of 300; price_eur: 9.00", 0.123),
    ),
    "how much is the return postage for mail in": (
        ("If you do not live in Cologne, you can send us your device from anywhere in Germany.", 0.622),
        ("Pack the device in a padded envelope or a small box, without the SIM card and without its case.", 0.296),
    ),
}


def _support_of(question, weights, unknown, relatedness, best_sentence):
    ranked = SimpleNamespace(vector_rank=1, keyword_rank=1)
    retrieval = SimpleNamespace(terms=list(weights), weights=weights, unknown=unknown, one_list=False)
    retrieval.found = [
        SimpleNamespace(content=text, ranked=ranked, coverage=share) for text, share in PASSAGES[question]
    ]
    vocabulary = set(weights)  # no word rare
    return _support(retrieval, best_sentence, relatedness, vocabulary, everyday=vocabulary, question=question)  # type: ignore[arg-type]


def test_an_asked_thing_only_near_the_passages_is_not_answered():
    # Figures of the pet salon suite: answered before (1.16), the shop's passages only near "litter"
    weights = {"sell": 4.53, "cat": 1.37, "litter": 5.22}
    support = _support_of("do you sell cat litter", weights, ["litter"], {"litter": 0.347}, 0.396)
    assert support is not None
    assert support.unknown == pytest.approx(5.22 / 11.12, abs=1e-3)
    assert not abstention.answerable(support)


def test_an_asked_word_said_otherwise_beside_the_found_rest_is_answered():
    # Figures of the phone repair suite: "postage" 0.376 from the mail-in terms counts in part; the coverage carries it
    weights = {"return": 4.35, "postage": 5.04, "mail": 3.94}
    support = _support_of("how much is the return postage for mail in", weights, ["postage"], {"postage": 0.376}, 0.365)
    assert support is not None
    assert 0.0 < support.unknown < 5.04 / 13.33
    assert abstention.answerable(support)
