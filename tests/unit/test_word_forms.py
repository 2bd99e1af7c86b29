"""A customer's word meets the documents' word in the forms English writes it in, and the shop words of one meaning,
in the keyword search (`stems`), its counts and the word coverage (`same_word`, `covered`, `in_some_form`)."""

from __future__ import annotations

import time

from pipelines.retrieval import (
    MAX_TERMS,
    content_terms,
    coverage,
    covered,
    forms_of,
    in_some_form,
    same_word,
    stems,
    tsquery,
    words,
)
from pipelines.word_forms import other_forms


def test_irregular_plurals_meet_their_singular_both_ways():
    assert same_word("leaves", "leaf") and same_word("leaf", "leaves")
    assert same_word("knives", "knife") and same_word("teeth", "tooth") and same_word("feet", "foot")
    assert covered(["roses", "leaves"], "send a leaf of the sick plant") == ["leaves"]
    assert stems(["leaves"]) == ["(leave:* | leaf)"]


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
    assert stems(["gardens", "cards", "13.90"]) == ["garde:*", "card:*", "13.90"]
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
        started = time.thread_time()
        terms = content_terms(text)
        stems(terms)
        covered(terms, text)
        assert time.thread_time() - started < 0.2


def test_damage_words_meet_one_another_exactly():
    assert same_word("cracked", "damaged") and same_word("broken", "cracked") and same_word("damage", "broken")
    # "broke" (out of money) and "scratched" are not damage words; "damage" meets no "damp"
    assert not same_word("broke", "damaged") and not same_word("scratched", "cracked")
    assert not same_word("cracked", "damp") and not same_word("cracked", "broker")


def test_an_irregular_form_is_the_word_exactly():
    # "man" is no prefix of "men"'s meaning: "many", "manicure", "manager", "mango", "manual" are other words
    for word in ["many", "manicure", "manager", "mango", "manual"]:
        assert not same_word("men", word)
    assert not same_word("man", "mention") and not same_word("women", "womanly")
    assert not same_word("leaves", "leaflet") and not same_word("lives", "lifetime")
    assert not same_word("feet", "football")
    assert same_word("men", "man") and same_word("lives", "life") and same_word("mice", "mouse")
    assert coverage(["men", "cut"], "Gel manicure 25 EUR. Many colours. Hair cut 30 EUR.") == 0.5
    # no spelling rule runs on an irregular form: "mice" is no silent e
    assert [f.as_tsquery() for f in forms_of("mice")] == ["mice:*", "mouse"]
    assert stems(["men", "feet"]) == ["(men:* | man)", "(feet:* | foot)"]


def test_an_exact_form_is_what_the_simple_index_holds():
    # to_tsvector('simple', …) keeps each word whole and lowercased, split at what is no letter or digit, as `words`
    # does: the exact form "man" is met by "Man's" and "MAN", not by "manly"
    assert covered(["men"], "The MAN's cut") == ["men"] and covered(["men"], "a manly cut") == []
    assert "man" in words("The MAN's cut")


def test_kitchen_words_are_no_damage_words():
    returns = "Returns: anything broken or damaged in transit is replaced free."
    assert covered(["smashed", "avocado", "toast"], returns) == []
    assert not same_word("shattered", "damaged") and not same_word("smashed", "broken")
    assert covered(["pots", "arrived", "cracked"], "If your order arrives damaged, send a photo.") == [
        "arrived", "cracked"
    ]


def test_the_price_word_forms_are_the_group_only():
    assert forms_of("price") == forms_of("prices")  # "pricing" once, exactly, and no "pricing:*"
    assert "pricing:*" not in stems(["price"])[0] and "pricing" in stems(["price"])[0]
    # the customer's own word keeps its stem, a prefix: "fee" itself meets "feed", "cost" does not
    assert same_word("fee", "feed") and not same_word("cost", "feed")


def test_covered_agrees_with_same_word():
    text = "Leaf and leaflets, puppies, hedging, a feed at 250, prices, manuals, broker, mouse"
    present = words(text)
    terms = ["leaves", "leaf", "cost", "puppy", "hedge", "fee", "250", "25", "roof", "men", "mice", "broken", "man"]
    for term in terms:
        assert (term in covered([term], text)) == any(same_word(term, w) for w in present), term


def test_a_message_gives_at_most_max_terms():
    text = " ".join(f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(200))
    assert len(content_terms(text)) == MAX_TERMS and content_terms(text)[0] == "wordaa"
    assert content_terms("roses roses leaves Roses") == ["roses", "leaves"]


def test_word_coverage_is_a_few_ms_on_a_long_message():
    passage = ("Gel manicure 25 EUR, hedge trimming, leaves swept, puppies groomed, prices on request. " * 40)[:3_000]
    message = " ".join(f"hedgerow{i} leafy{i} manor{i} pricey{i}" for i in range(400))[:4_096]
    terms = content_terms(message)
    covered(terms, passage)  # the passage's words, kept
    started = time.thread_time()
    for _ in range(10):
        covered(terms, passage)
    assert (time.thread_time() - started) / 10 < 0.005


def test_content_terms_stay_linear():
    times = []
    for size in (10_000, 100_000):
        text = " ".join(f"w{i}x" for i in range(size))[:size]
        started = time.thread_time()
        content_terms(text)
        times.append(time.thread_time() - started)
    assert times[1] < 0.05
    started = time.thread_time()  # no term to stop at: one pass over every word
    assert content_terms(("the and you " * 9_000)[:100_000]) == []
    assert time.thread_time() - started < 0.5


def test_closing_words_meet_the_opening_hours():
    assert same_word("close", "open") and same_word("shut", "opening") and same_word("closing", "closed")
    hours = "Monday to Saturday we're open 09:30 to 17:30."
    assert covered(["close", "saturdays"], hours) == ["close", "saturdays"]
    # one way: "open" does not meet "closed" ("Sunday: office closed" for "is the office open on a saturday")
    assert not same_word("open", "closed") and covered(["open", "office"], "Sunday: office closed") == ["office"]
    # "opened" (a bag opened at home), "closest" and "closer" (near) are no hours words
    assert not same_word("close", "opened") and not same_word("shut", "closer")


def test_a_customers_everyday_word_meets_the_business_word_exactly():
    assert covered(["fix", "chain"], "Chain repairs from 15 EUR.") == ["fix", "chain"]
    assert same_word("swap", "exchanges") and same_word("kids", "children") and same_word("child", "kids")
    assert covered(["pay", "upfront"], "Courses are paid in advance.") == ["upfront"]
    assert covered(["upfront"], "Prepaid orders ship first.") == ["upfront"]
    # "child" keeps its irregular plural within its group
    assert same_word("child", "children") and same_word("children", "child")
    # exact words only: "a fixed price" is no repair, "advanced" no advance, "kidney" no kid, "fixture" no fix
    assert not same_word("repair", "fixed") and not same_word("upfront", "advanced")
    assert not same_word("children", "kidney") and not same_word("repair", "fixture")
    # nor a deposit, a part paid, the whole paid upfront
    assert not same_word("upfront", "deposit")


def test_delivery_words_meet_one_another_exactly():
    assert covered(["deliver", "cork"], "We ship to all of Ireland, Cork included.") == ["deliver", "cork"]
    assert same_word("postage", "delivery") and same_word("shipping", "delivered")
    assert same_word("pants", "trousers") and same_word("trousers", "pants")
    # a fence post or a post office is no postage; "shipment" is no exact form; "relationship" holds no "ship"
    assert not same_word("postage", "post") and not same_word("delivery", "relationship")
    assert not same_word("delivery", "sent")
