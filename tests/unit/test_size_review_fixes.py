"""Sizes read for the abstention's variants and the reply's size rule: a passage's size offers only the thing it
sizes, hyphenated sizes, "5G" networks, a slash between figures, one spelling a unit, in linear time."""

import time

import pytest

from pipelines import variants
from pipelines.asked_sizes import MASS, Band, Size, asked_sizes, bands, fits


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        # a passage's size of something else (an order, a parcel, a distance, a cable) offers no size of the thing
        ("do you have 100 g chocolate bars",
         ["Handmade chocolate bars, 12 flavours.", "Free delivery on orders over 2 kg."]),
        ("do you sell 250g bags of decaf", ["Decaf available in all bag sizes.", "Parcels over 1 kg ship by DHL."]),
        ("do you have 5 kg bags of flour", ["Flour: spelt, rye, wheat.", "Free shipping over 20 kg."]),
        ("do you sell 1 m planters", ["Planters in terracotta and zinc.", "Parking 20 m from the entrance."]),
        ("do you have a 15 inch laptop sleeve", ['Laptop sleeves for 13" and 14" laptops; 2 m USB cable']),
        # a hyphenated size is read in the passages as in the question
        ("do you have a 10-kg bag", ["Dog food: 2-kg and 10-kg bags; treats in 500 g boxes."]),
        # a network is no weight
        ("do you sell 5g phones", ["Phones: refurbished 4G and 5G models. Screen protectors 10 g."]),
    ],
)
def test_a_size_of_something_else_offers_no_size_of_the_asked_thing(question, passages):
    assert variants.missing_variant(question, passages) == ""


@pytest.mark.parametrize(
    ("question", "passages", "missing"),
    [
        # an open band of parcels does not hold the asked bag; the bags' own size still counts
        ("do you sell 1 kg coffee bags", ["Coffee in 250g bags. Shipping: parcels up to 31.5 kg"], "kg 1"),
        ("do you have a 5-kg bag", ["Dog food: 2-kg and 10-kg bags; treats in 500 g boxes."], "kg 5"),
        # a size sizing the asked thing's word still counts, in its sentence or after it
        ("do you have 100 g chocolate bars", ["Chocolate bars 50 g, 2.50 EUR. Free delivery over 2 kg."], "g 100"),
        # every unit alias is named in one spelling
        ("full groom for a 45 kilo dog", ["full groom, small (up to 10 kg): 45 EUR"], "kg 45"),
        ("do you have 2 metre hoses", ["Garden hose 10 m: 20 GBP"], "m 2"),
        ("a 3 lbs bag of beans", ["Beans in 250 g bags"], "lb 3"),
    ],
)
def test_a_size_of_the_asked_thing_still_counts(question, passages, missing):
    assert variants.missing_variant(question, passages) == missing


def test_a_hyphenated_size_is_a_size():
    assert fits("Dog food 10-kg bag 30 EUR", asked_sizes("a 10 kg bag")) is True
    assert fits("Dog food 2-kg bag 9 EUR", asked_sizes("a 10 kg bag")) is False
    # a range with hyphens is still a range
    assert fits("Fraser fir 5-6 ft: 45 GBP", asked_sizes("a 5.5 ft tree")) is True


def test_a_network_generation_is_no_weight():
    assert asked_sizes("do you have the galaxy a54 5g") == ()
    assert asked_sizes("is the 5G version in stock") == ()
    assert asked_sizes("does it work on 4g data") == ()
    assert bands("Samsung Galaxy A54 5G: screen 149 EUR") == ()
    # must not fire: grams glued to their figure with no word of phones near
    assert asked_sizes("a 5g sachet of yeast") == (Size(MASS, pytest.approx(0.005)),)
    assert asked_sizes("a 50g bar") == (Size(MASS, pytest.approx(0.05)),)


def test_a_slash_is_no_list():
    seventeen = asked_sizes("my dog is 17 kg")
    # "10 / 25 kg" reads as a range, rising
    assert fits("| Medium | 10 / 25 kg | 45 EUR |", seventeen) is True
    assert fits("| Large | 25 / 40 kg | 60 EUR |", seventeen) is False
    # a price before a slash and a size is no size: only the size
    assert bands("Espresso beans 5 / 1 kg, 12 / 2 kg") == (Band(MASS, 1.0, 1.0), Band(MASS, 2.0, 2.0))


@pytest.mark.parametrize("text", ["1 kg " * 819, "10-kg " * 683, "5 / 1 kg " * 455, "5g phone " * 455])
def test_sizes_are_read_in_linear_time(text):
    question = "do you have 1 kg bags " + text[:4000]
    start = time.thread_time()
    bands(text)
    fits(text, asked_sizes("a 2 kg bag"))
    variants.missing_variant(question, [text])
    variants._sized_parts.cache_clear()
    assert time.thread_time() - start < 0.5  # tens of ms of CPU; this thread's CPU time only
    long = text * 25  # ~100 KiB
    start = time.thread_time()
    bands(long)
    assert time.thread_time() - start < 5.0


def test_a_record_of_fields_is_read_as_one_row():
    record = "product: Hafen Espresso; size: 250 g; price_eur: 9.50; notes: made for espresso machines"
    assert variants.missing_variant("a 1 kg bag of hafen espresso", [record]) == "kg 1"
    assert variants.missing_variant("a 250 g bag of hafen espresso", [record]) == ""


def test_an_open_band_counts_only_beside_a_word_of_the_question():
    shipping = ["Parcels over 5 kg: 9.90 EUR."]
    assert variants.missing_variant("do you sell 1 kg bags of rye flour", shipping) == ""
    # a closed size in a priced row counts, as a price list's row does
    assert variants.missing_variant("do you sell 1 kg bags of flour", ["Nordmann 5 kg: 9.90 EUR."]) == "kg 1"
    giant = ["full groom, giant (over 40 kg): 90 EUR"]
    assert variants.missing_variant("full groom for a 20 kg dog?", giant) == "kg 20"
