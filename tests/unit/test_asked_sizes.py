"""The size a customer gives, the price list's band that holds it, and the price rows a reply is led by."""

import time

import pytest

from pipelines.asked_kinds import MONEY
from pipelines.asked_sizes import DURATION, LENGTH, MASS, Size, asked_sizes, bands, fits, moment_free
from pipelines.sentences import Candidate, Scored, pick


def test_the_customer_gives_a_size_as_a_figure_and_a_unit():
    assert asked_sizes("price for a full groom for a golden retriever? hes 32 kilos") == (Size(MASS, 32.0),)
    assert asked_sizes("whats the price of a 45cm terracotta pot") == (Size(LENGTH, pytest.approx(0.45)),)
    assert asked_sizes("How much is the Hafen Espresso in 250 g?") == (Size(MASS, pytest.approx(0.25)),)
    assert asked_sizes("how much is an 8ft christmas tree") == (Size(LENGTH, pytest.approx(2.4384)),)
    assert asked_sizes("how much for a 2 hour lesson in a manual") == (Size(DURATION, 2.0),)
    # A time, a price, a count: no size.
    assert asked_sizes("can I come at 5pm with 2 dogs for €20?") == ()
    assert asked_sizes("What does a kilo of Hafen Espresso cost?") == ()


def test_a_band_holds_the_size_or_excludes_it():
    kilos = asked_sizes("hes 32 kilos")
    assert fits("full groom double coat, large (25 to 40 kg): 72.00 EUR.", kilos) is True
    assert fits("full groom double coat, giant (over 40 kg): 90.00 EUR.", kilos) is False
    assert fits("full groom double coat, small (up to 10 kg): 45.00 EUR.", kilos) is False
    assert fits("full groom double coat, medium (10 to 25 kg): 58.00 EUR.", kilos) is False
    assert fits("giant, 40+ kg: 90.00 EUR.", asked_sizes("she's 55kg")) is True
    assert fits("Christmas tree, Nordmann fir, 5-6 ft: 65.00 GBP.", asked_sizes("a 6ft tree")) is True
    # Another unit of the same kind counts; a size of another kind, or none, says nothing.
    assert fits("Hafen Espresso, 1 kg: 32.00 EUR.", asked_sizes("the 250 g bag")) is False
    assert fits("Hafen Espresso, 250 g: 9.50 EUR.", asked_sizes("the 250 g bag")) is True
    assert fits("cherry laurel, 3 litre pot: 14.99 GBP.", asked_sizes("a 45cm pot")) is None
    assert fits("nail clip: 10.00 EUR.", kilos) is None
    # A lesson sold by its length is a band of one size.
    hours = asked_sizes("a 2-hour lesson")
    assert fits("lesson, double lesson, manual: 85.00 EUR (length 120 minutes).", hours) is True
    assert fits("lesson, single lesson, manual: 45.00 EUR (length 60 minutes).", hours) is False


def _row(text, passage, score, overlap=0.5):
    return Scored(Candidate(text, "", passage, 0, 0, True), score - 0.2 * overlap, overlap, score)


BANDS = [
    _row("full groom double coat, giant (over 40 kg): 90.00 EUR (salon only).", 1, 0.734),
    _row("full groom double coat, small (up to 10 kg): 45.00 EUR.", 3, 0.714),
    _row("full groom double coat, medium (10 to 25 kg): 58.00 EUR.", 2, 0.699),
    _row("full groom double coat, large (25 to 40 kg): 72.00 EUR.", 0, 0.699),
    _row("full groom smooth coat, large (25 to 40 kg): 50.00 EUR.", 4, 0.659, overlap=0.2),
]


def test_the_row_of_the_customers_size_band_leads_and_the_other_bands_give_way():
    question = "price for a full groom for a golden retriever? hes 32 kilos"
    picked = pick(BANDS, 600, sizes=asked_sizes(question))
    assert [c.text for c in picked] == ["full groom double coat, large (25 to 40 kg): 72.00 EUR."]
    # Without a size given, the bands answer together as before.
    assert len(pick(BANDS, 600)) == 3


def test_a_band_of_another_product_does_not_take_the_lead():
    # The size fits only a row holding fewer of the question's words: the best rows stay.
    rows = [BANDS[0], BANDS[1], BANDS[4]]
    picked = pick(rows, 600, sizes=asked_sizes("full groom double coat, hes 32 kilos"))
    assert picked[0].text.startswith("full groom double coat, giant")


def _priced(text, passage, score, label_overlap, overlap=0.86):
    return Scored(Candidate(text, "", passage, 0, 0, True), score - 0.2 * overlap, overlap, score, label_overlap)


def test_a_variant_of_the_asked_item_joins_its_price_a_little_further_behind():
    rows = [
        _priced("single classes, drop-in reformer class, 1 reformer class: 32.00 EUR.", 0, 0.718, 0.86),
        _priced("single classes, drop-in mat class, 1 yoga or mat pilates class: 19.00 EUR.", 1, 0.589, 0.86),
    ]
    picked = pick(rows, 600, asks=frozenset({MONEY}))
    assert [c.text for c in picked] == [r.candidate.text for r in rows]
    # Not when money is not asked, and not a row naming the item only in its description.
    assert len(pick(rows, 600)) == 1
    nails = [
        _priced("specialist, nail clip, any size: 10.00 EUR.", 0, 0.766, 1.0, overlap=1.0),
        _priced("full groom, smooth coat, large (25 to 40 kg): 50.00 EUR (bath; blow dry; nails).", 1, 0.590, 0.0,
                overlap=1.0),
    ]
    assert len(pick(nails, 600, asks=frozenset({MONEY}))) == 1


def test_bands_written_with_units_dashes_and_symbols():
    twelve = asked_sizes("how much is a full groom for my 12kg dog")
    for band in ("Medium (10kg-25kg)", "Medium 10kg\u201325kg", "Medium 10kg\u201425kg", "(dogs 10 kg to 25 kg)"):
        assert fits(band, twelve) is True, band
        assert fits(band, asked_sizes("hes 32 kilos")) is False, band
    assert fits("Small (<10 kg)", asked_sizes("a 6kg dog")) is True
    assert fits("Small (<10 kg)", twelve) is False
    assert fits("Small (\u226410 kg)", asked_sizes("a 6kg dog")) is True
    for band in (">40 kg", "\u226540 kg", "40 kg and over", "40 kg or more", "Giant (40kg+)"):
        assert fits(band, asked_sizes("she's 55kg")) is True, band
        assert fits(band, twelve) is False, band
    assert fits("Small, 10 kg or less", asked_sizes("a 6kg dog")) is True
    # Ends in two units of one kind.
    assert fits("Bag, 500g-1kg", asked_sizes("a 750 g bag")) is True
    assert fits("Bag, 500g-1kg", asked_sizes("a 2 kg bag")) is False


def test_a_comma_before_three_digits_separates_thousands():
    assert fits("Hafen Espresso, 1,000 g: 32.00 EUR.", asked_sizes("the 1 kg bag")) is True
    assert fits("Hafen Espresso, 1,000 g: 32.00 EUR.", asked_sizes("the 250 g bag")) is False
    assert asked_sizes("a 1,000 g bag") == (Size(MASS, pytest.approx(1.0)),)
    assert asked_sizes("a 1,5 kg bag") == (Size(MASS, pytest.approx(1.5)),)
    assert fits("Bag, 1,5 kg: 20.00 EUR.", asked_sizes("a 1.5 kg bag")) is True


def _groom(text, position, score):
    return Scored(Candidate(text, "Grooming prices", 0, position, row=True), score, 0.5, score, 0.5)


def test_only_the_variants_of_the_fitting_row_give_way():
    question = "how much is a full groom for my 12kg dog"
    rows = [
        _groom("Full groom, medium dog (10kg-25kg): 50.00 EUR.", 1, 0.80),
        _groom("Full groom, small dog (under 10 kg): 40.00 EUR.", 0, 0.79),
        _groom("Full groom, large dog (25kg-40kg): 60.00 EUR.", 2, 0.78),
        _groom("Puppy intro groom (under 6 months, up to 15 kg): 30.00 EUR.", 3, 0.70),
    ]
    picked = [c.text for c in pick(rows, 400, asks=frozenset({MONEY}), sizes=asked_sizes(question))]
    assert picked[0] == "Full groom, medium dog (10kg-25kg): 50.00 EUR."
    assert not any("small dog" in t or "large dog" in t for t in picked)
    # Another product that fits does not push out the best row that does not.
    rows = [
        _groom("Full groom, large dog (25kg-40kg): 60.00 EUR.", 2, 0.80),
        _groom("Puppy intro groom (under 6 months, up to 15 kg): 30.00 EUR.", 3, 0.72),
    ]
    picked = [c.text for c in pick(rows, 400, asks=frozenset({MONEY}), sizes=asked_sizes(question))]
    assert "Full groom, large dog (25kg-40kg): 60.00 EUR." in picked


def test_a_list_or_a_between_range_offers_each_size_it_names():
    tree = asked_sizes("a 6ft tree")
    assert fits("Nordmann firs in 5, 6 and 7 ft, from 35 GBP.", tree) is True
    assert fits("Pizza bases 10 or 12 inch", asked_sizes("a 12 inch base")) is True
    assert fits("Nordmann firs between 5 and 7 ft: 45 GBP.", tree) is True
    assert fits("Nordmann firs in 4 and 5 ft: 30 GBP.", tree) is False  # a list, not the range between
    # an edge rounded in another unit still holds: 6 ft is 1.8288 m
    assert fits("Nordmann fir, 1.83 m: 55 GBP.", tree) is True
    # a decimal comma is one size, no list of two
    assert fits("rye loaf 1,5 kg: 6.00 EUR", asked_sizes("a 1 kg loaf")) is False
    assert fits("rye loaf 1,5 kg: 6.00 EUR", asked_sizes("a 1.5 kg loaf")) is True


def test_a_span_dating_a_moment_is_no_size():
    ninety = asked_sizes("how much is a 90 minute lesson")
    # A row's note giving a deadline does not make the row fit.
    row = "lesson, lesson 60 min: 30.00 EUR (cancel up to 24 h before)."
    assert fits(row, ninety) is False
    assert fits("workshop, 3 hours: 39.00 EUR (booked at least 2 weeks before the workshop).",
                asked_sizes("a 3 hour workshop")) is True
    assert fits("refund, returns within 14 days: free.", asked_sizes("a 2 day course")) is None
    assert fits("lesson: 30.00 EUR (book 48 hours in advance).", ninety) is None
    # The customer counting the hours to a booking gives no size.
    assert asked_sizes("need to cancel tmrw's lesson, will i be charged? its about 30 hours away") == ()
    assert asked_sizes("can I cancel 12 hours before") == ()
    # Must not fire: a length, a weight, a span sizing the thing.
    assert asked_sizes("a 90 minute lesson before my test") == (Size(DURATION, 1.5),)
    assert fits("pre-test lesson, manual: 70.00 EUR (length 90 minutes, mock test before the test).", ninety) is True
    assert asked_sizes("a 5 kg bag before friday") == (Size(MASS, 5.0),)


def test_a_span_before_or_after_a_point_in_time_sizes_the_booking():
    two, three = (Size(DURATION, 2.0),), (Size(DURATION, 3.0),)
    assert asked_sizes("can I book the court for 2 hours after 6pm?") == two
    assert asked_sizes("can I rent a kayak for 3 hours before sunset") == three
    assert asked_sizes("how much is 2 hours after 5 pm") == two
    assert asked_sizes("the court for 2 hours after 17:00") == two
    assert asked_sizes("could we stay 2 hours after closing") == two
    assert asked_sizes("can you walk him for 2 hours after school") == two
    assert fits("| Court hire, 1 hour after 5 pm | 15 EUR |", asked_sizes("1 hour after 5pm")) is True
    assert fits("| Court hire, 1 hour after 5 pm | 15 EUR |", two) is False
    assert fits("| Court hire 2 hours before 5 pm | 16 EUR |", two) is True
    # A hyphen joins "after" to another word: no moment.
    assert fits("| 3 hours after-care | 20 EUR |", three) is True
    assert asked_sizes("3 hours before-school club") == three


def test_a_span_before_or_after_an_event_still_dates_a_moment():
    assert asked_sizes("can I pick him up 2 hours after school") == ()
    assert asked_sizes("do I need to cancel within 24 h") == ()
    assert asked_sizes("must I book 48 hours in advance") == ()
    assert asked_sizes("can I cancel up to 24 h before") == ()
    assert asked_sizes("can I cancel up to 24 h before the lesson at 5pm") == ()
    assert asked_sizes("its about 30 hours away") == ()
    assert asked_sizes("do you need 24 hours notice") == ()
    assert asked_sizes("can i cancel 24 hours prior to 6pm") == ()
    row = "lesson, lesson 60 min: 30.00 EUR (cancel up to 24 h before)."
    assert fits(row, asked_sizes("a 24 hour lesson")) is False


def test_moment_free_keeps_the_sizes_and_drops_the_moments():
    text = "A lesson lasts 50 minutes; cancel up to 24 hours before it starts."
    assert moment_free(text) == "A lesson lasts 50 minutes; cancel up to   before it starts."
    assert moment_free("Court hire, 2 hours after 5 pm.") == "Court hire, 2 hours after 5 pm."


def test_the_moment_rules_read_long_messages_fast():
    # Linear in the message's length: a message full of sizes takes a few hundred ms at 100,000 characters, as it
    # did before the moment rules; a quadratic reading would take minutes.
    for length, limit in ((4_096, 0.5), (100_000, 5.0)):
        for piece in ("2 hours after ", "1 h before 5", "for 2 h after after ", "2h-after-", "9 hours  before   "):
            text = (piece * (length // len(piece) + 1))[:length]
            began = time.thread_time()
            asked_sizes(text)
            bands(text)
            moment_free(text)
            took = time.thread_time() - began
            assert took < limit, (length, piece, took)
