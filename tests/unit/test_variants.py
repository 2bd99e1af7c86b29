"""Sizes as variants (pipelines/variants.py): the size a customer gives a thing is missing when the passages offer
sizes of its kind and none of their sizes or bands holds it, read as the reply's size rule reads them
(pipelines/asked_sizes.py): bands, lists, ranges and every unit of a kind."""

import pytest

from pipelines import variants
from pipelines.asked_sizes import LENGTH, MASS, Size

ROW = "christmas, cut Fraser fir, 5-6 ft: 45.00 GBP (from the last Saturday of November; netting free)."
GROOMING = [
    "full groom double coat, small (up to 10 kg): 45.00 EUR.",
    "full groom double coat, medium (10 to 25 kg): 58.00 EUR.",
    "full groom double coat, large (25 to 40 kg): 72.00 EUR.",
    "full groom double coat, giant (over 40 kg): 90.00 EUR.",
]
BAGS = ["Every coffee comes in 250 g and 1 kg bags. Our cakes are 26 cm across."]


def test_a_size_that_sizes_a_thing_is_read_apart_from_model_numbers():
    assert variants.asked_variants("how much is an 8ft christmas tree") == []
    eight_feet = Size(LENGTH, pytest.approx(2.4384))
    assert variants.asked_item_sizes("how much is an 8ft christmas tree") == [("ft 8", eight_feet)]
    assert variants.asked_item_sizes("a 1,000 g bag of the espresso") == [("g 1,000", Size(MASS, pytest.approx(1.0)))]
    # the customer's own measure is still no variant
    assert variants.asked_item_sizes("will your lorry get through my gate? its about 8ft wide") == []
    assert variants.missing_variant("how much is an 8ft christmas tree", [ROW]) == "ft 8"
    # a size the range holds is offered, a size the range ends on too
    assert variants.missing_variant("how much is a 5.5 ft christmas tree", [ROW]) == ""
    assert variants.missing_variant("how much is a 6 foot christmas tree", [ROW.replace("ft", "foot")]) == ""


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        # a unit after a list sizes every value of it
        ("how much is a 5 ft christmas tree", "Nordmann firs in 5, 6 and 7 ft, from 35 GBP."),
        ("do you have 10 inch pizza bases", "Pizza bases 10 or 12 inch"),
        # "between a and b" is a range, and so is a range writing its unit at both ends
        ("how much is a 6 ft christmas tree", "Nordmann firs between 5 and 7 ft: 45 GBP."),
        ("do you have a 5.5ft tree", "Fraser fir 5ft-6ft: 45 GBP"),
        ("how much is a 20 m hose", "Garden hose, 15 m to 30 m reels"),
        # ft, feet and foot are one unit
        ("do you have a 7 ft tree", "Fraser fir 5-6 ft: 45 GBP. Nordmann 6-7 feet: 55 GBP"),
        ("do you have a 7 foot tree", "Nordmann 6-7 feet: 55 GBP"),
        # a range typeset with an en dash, as price lists copied from a word processor write it
        ("do you have a 5.5 ft tree?", "Nordmann fir 5\u20136 ft: 45 EUR"),
        ("how much for a 12kg dog", "Full groom, medium (10\u201325 kg): 50 EUR"),
        ("how much for a 12kg dog", "Full groom, medium (10kg\u201325kg): 50 EUR"),
    ],
)
def test_sizes_a_list_or_range_offers(question, passage):
    assert variants.missing_variant(question, [passage]) == ""


@pytest.mark.parametrize(
    "question",
    [
        # open bands hold every size beyond their edge
        "how much is a full groom for an 8 kg dog",
        "full groom for a 45 kg dog?",
        "price for a 40 kg dog full groom",
        "how much for a 32 kilo retriever",
    ],
)
def test_a_band_that_holds_the_size_offers_it(question):
    assert variants.missing_variant(question, GROOMING) == ""


@pytest.mark.parametrize(
    "band",
    ["giant, 40+ kg: 90.00 EUR", "giant, 40kg+: 90.00 EUR", "giant (>40 kg): 90.00 EUR",
     "giant, 40 kg and over: 90.00 EUR", "giant, 40 kg or more: 90.00 EUR", "giant, at least 40 kg: 90.00 EUR"],
)
def test_every_open_band_form_holds_a_bigger_size(band):
    passages = ["full groom, small (up to 10 kg): 45.00 EUR.", f"full groom, {band}"]
    assert variants.missing_variant("full groom for a 45 kg dog?", passages) == ""
    assert variants.missing_variant("full groom for a 20 kg dog?", passages) == "kg 20"


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        ("how much is a 1000g bag of the house blend", BAGS),  # 1 kg
        ("how much is a 1,000 g bag of the house blend", BAGS),  # a thousands comma
        ("do you have a 2 m christmas tree", ["Nordmann 6-7 feet: 55 GBP"]),  # 1.83 to 2.13 m
        ("do you have a 6 ft christmas tree", ["Nordmann fir, 1.83 m: 55 GBP"]),  # rounded as written
        ("how much is a 200 cm hose", ["Garden hose 2 m: 12 GBP"]),
        ("is there a 1 kg bag", ["House blend in 1000 g bags"]),
    ],
)
def test_a_size_in_another_unit_of_its_kind_is_offered(question, passages):
    assert variants.missing_variant(question, passages) == ""


@pytest.mark.parametrize(
    ("question", "passages", "missing"),
    [
        ("how much is an 8 ft christmas tree", ["Nordmann firs in 5, 6 and 7 ft, from 35 GBP."], "ft 8"),
        ("how much is an 8 foot christmas tree", ["Nordmann firs between 5 and 7 feet: 45 GBP."], "ft 8"),
        ("how much is a 3m hose", ["Garden hose, 15 m to 30 m reels"], "m 3"),
        ("can I get a 500 g loaf", ["Rye loaf 750 g; sourdough 800 g"], "g 500"),
        ("do you have a 7 ft tree?", ["Nordmann fir 5\u20136 ft: 45 EUR"], "ft 7"),
        # the passages offer only other sizes, in whatever unit
        ("do you have 500 g bags?", BAGS, "g 500"),
        ("a 2 kg bag of espresso?", BAGS, "kg 2"),
        ("a 3 m christmas tree?", [ROW], "m 3"),
        ("a 30 cm cake for saturday?", BAGS, "cm 30"),
        ("full groom for a 45 kg dog?", GROOMING[:3], "kg 45"),
        ("do you sell a 2.5 m hose?", ["Garden hose 10 m: £20"], "m 2.5"),
    ],
)
def test_a_size_no_band_holds_is_missing(question, passages, missing):
    assert variants.missing_variant(question, passages) == missing


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        # the customer's own measure, an amount ordered, times, prices, a count
        ("will your lorry get through my gate? its about 2.5m wide",
         ["Delivery by lorry needs a gate at least 3 m wide. Border plans for borders up to 10 m long."]),
        ("can I order 3 kg of the espresso?", BAGS),
        ("can I order 3 kg?", BAGS),
        ("a 2 hour lesson please", ["Single lesson, manual: 45.00 EUR (length 60 minutes)."]),
        ("can I come at 5pm or 17:30 with a €20 voucher", BAGS),
        ("2 loaves and 3x decaf please", BAGS),
        # a size of another order of magnitude sizes something else: a delivery radius is no pot size
        ("do you have a 30 cm pot", ["We deliver within 10 km for 5 GBP."]),
        # sizes of a kind the passages never give say nothing
        ("do you have a 3 litre pot", BAGS),
    ],
)
def test_what_is_no_missing_size(question, passages):
    assert variants.missing_variant(question, passages) == ""


def test_model_numbers_beside_sizes_still_read_as_before():
    prices = ["Samsung Galaxy S23: screen 219.00 EUR", "iPhone 13: battery 79.00 EUR", "iPad Pro 11: glass 199 EUR"]
    assert variants.missing_variant("galaxy s24 screen?", prices) == "galaxy s24"
    assert variants.missing_variant("iphone 13 128gb battery", prices) == ""
    assert variants.missing_variant("ipad pro 12.9 glass", prices) == "ipad 12.9"
