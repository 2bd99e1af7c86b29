"""A customer's word meets the documents' word in the forms English writes it in, and the shop words of one meaning,
in the keyword search (`stems`), its counts and the word coverage (`same_word`, `covered`, `in_some_form`)."""

from __future__ import annotations

import time

from pipelines.retrieval import content_terms, coverage, covered, forms_of, in_some_form, same_word, stems, tsquery
from pipelines.word_forms import other_forms


def test_irregular_plurals_meet_their_singular_both_ways():
    assert same_word("leaves", "leaf") and same_word("leaf", "leaves")
    assert same_word("knives", "knife") and same_word("teeth", "tooth") and same_word("feet", "foot")
    assert covered(["roses", "leaves"], "send a leaf of the sick plant") == ["leaves"]
    assert stems(["leaves"]) == ["(leave:* | leaf:*)"]


def test_y_plurals_and_past_tenses_meet_their_singular_both_ways():
    assert same_word("puppies", "puppy") and same_word("puppy", "puppies")
    assert same_word("berry", "berries") and same_word("carried", "carry") and same_word("carry", "carried")


def test_a_silent_e_meets_the_ing_form():
    assert same_word("hedge", "hedging") and same_word("prune", "pruning") and same_word("store", "storing")
    assert same_word("hedging", "hedge")  # the stem "hedg" met it before


def test_price_words_meet_one_another_exactly():
    assert same_word("cost", "price") and same_word("price", "cost") and same_word("fees", "prices")
    row = "puppy intro, puppies under 6 months, price_eur 30.00"
    assert covered(["cost", "puppy", "groom"], row) == ["cost", "puppy"]
    assert coverage(["cost", "groom"], "Price: 30.00") == 0.5


def test_the_rules_do_not_fire_on_other_words():
    # a short price word is matched whole: "fee" is no "feed", a price is no "prick"
    assert not same_word("cost", "feed") and not same_word("cost", "prick") and not same_word("price", "costume")
    # "charge" (a battery's) and "rate" (a pass rate) are not price words
    assert not same_word("charge", "price") and not same_word("rate", "price") and not same_word("cost", "rate")
    # a vowel before the y or the e is no such form: "day" and "delay" stay, "see" gains no "seing"
    assert other_forms("delay") == [] and other_forms("free") == [] and other_forms("day") == []
    # a four-letter "-ies" word is a plural of "-ie" ("pies", "ties"), which the stem meets already
    assert other_forms("pies") == [] and same_word("pies", "pie")
    # a word ending in "f" that is no irregular plural gains no "-ves" form
    assert other_forms("roof") == [] and not same_word("roof", "roves")
    # plain words keep their one stem, and so their tsquery text as before
    assert stems(["delivery", "cards", "13.90"]) == ["deliv:*", "card:*", "13.90"]
    assert not same_word("motorcycles", "motor") and not same_word("cards", "car")
    assert forms_of("25") == forms_of("25") and not same_word("25", "250")


def test_a_form_another_form_meets_is_left_out_of_the_query():
    assert tsquery(["prices"]) == "(price:* | cost | costs | fee | fees | pricing)"
    assert tsquery(["cost", "hedge"]) == (
        "(cost:* | fee | fees | price | priced | prices | pricing) | (hedge:* | hedging:*)"
    )


def test_in_some_form_agrees_with_same_word():
    present = {"leaf", "price", "puppies", "hedging", "feed", "250"}
    for term in ["leaves", "cost", "puppy", "hedge", "fee", "250", "25", "roof", "charge"]:
        assert in_some_form(term, present) == any(same_word(term, w) for w in present)


def test_forms_stay_fast_on_long_messages():
    for size in (4_096, 100_000):
        text = ("leaves puppies hedge costs " * (size // 27 + 1))[:size]
        started = time.perf_counter()
        terms = content_terms(text)
        stems(terms)
        covered(terms, text)
        assert time.perf_counter() - started < 0.2


def test_damage_words_meet_one_another_exactly():
    assert same_word("cracked", "damaged") and same_word("broken", "cracked") and same_word("smashed", "damaged")
    # "broke" (out of money) and "scratched" are not damage words; "damage" meets no "damp"
    assert not same_word("broke", "damaged") and not same_word("scratched", "cracked")
    assert not same_word("cracked", "damp") and not same_word("cracked", "broker")
