"""What the variant rule (pipelines/variants.py) must not read as a missing variant: sizes written in another unit
or notation than the passages', dimensions, products and variants in cells of a row, the customer's own things,
lengths cut to measure. Each case answered questions of catalogue-like shops (timber, tiles, fabric, paint) that
the rule abstained on; the cases that must still abstain sit beside them."""

import pytest

from pipelines import variants
from pipelines.asked_sizes import LENGTH, Band, bands

TIMBER = "category: timber; item: planed softwood 2x4; size: 2.4 m length; price_gbp: 6.50; notes: also 3.6 m"
CAKES = [
    "custom cakes; item: round celebration cake; size: 20 cm (8-10 servings); price_eur: 45.00",
    "custom cakes; item: round celebration cake; size: 26 cm (14-16 servings); price_eur: 65.00",
]
POTS = ["category: pots; item: terracotta pot; size: 30 cm; price_gbp: 19.99",
        "category: pots; item: terracotta pot; size: 45 cm; price_gbp: 44.99"]


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        ("do you sell 8ft lengths of 2x4 timber", [TIMBER]),  # 2.44 m: the 2.4 m length
        ("an 8 inch celebration cake price", CAKES),  # 20.3 cm: the 20 cm cake
        ("a 12 inch terracotta pot price", POTS),  # 30.5 cm
        ("how much for an 18 inch terracotta pot", POTS),  # 45.7 cm
    ],
)
def test_a_size_rounded_in_another_system_is_the_offered_one(question, passages):
    assert variants.missing_variant(question, passages) == ""


@pytest.mark.parametrize(
    ("question", "passages", "missing"),
    [
        ("how much is a 10 ft softwood plank", [TIMBER], "ft 10"),  # 3.05 m: neither 2.4 m nor 3.6 m
        ("a 12 inch celebration cake", CAKES, "inch 12"),  # 30.5 cm
        ("how much is a 60 cm terracotta pot", POTS, "cm 60"),
    ],
)
def test_a_size_further_off_is_still_missing(question, passages, missing):
    assert variants.missing_variant(question, passages) == missing


@pytest.mark.parametrize(
    ("passage", "missing"),
    [
        ("| Item | Length (m) | Price |\n|---|---|---|\n| Batten 25 x 38 mm | 2.4 | £2.10 |\n"
         "| Batten 25 x 38 mm | 3.6 | £3.20 |", ""),
        ("category: timber; item: batten 25 x 38 mm; length_m: 3.6; price_gbp: 3.20", ""),
        ("category: timber; item: batten 25 x 38 mm; length_m: 2.4; price_gbp: 2.10", "m 3.6"),
    ],
)
def test_a_unit_a_column_header_gives_sizes_its_figures(passage, missing):
    assert variants.missing_variant("a 3.6 m batten", [passage]) == missing


def test_dimensions_give_each_side_in_the_unit_that_ends_them():
    assert set(bands("sawn treated batten 25 x 38 mm")) == {Band(LENGTH, 0.025, 0.025), Band(LENGTH, 0.038, 0.038)}
    assert Band(LENGTH, 2.44, 2.44) in bands("MDF 2440 x 1220 mm")
    # a count times a size is no side: "4 x 60 g" offers no 4 g bag
    assert len(bands("Sample set, 4 x 60 g")) == 1
    assert variants.missing_variant("do you have a 25mm batten", ["Sawn treated batten 25 x 38 mm, 2.40"]) == ""


@pytest.mark.parametrize(
    ("question", "passages", "missing"),
    [
        ("screws 5 x 40mm", ["Wood screws 4 x 30 mm, 4 x 40 mm, 5 x 50 mm: box of 200 6.99"], ""),
        ("screws 6 x 40mm", ["Wood screws 4 x 30 mm, 4 x 40 mm, 5 x 50 mm: box of 200 6.99"], "screws 6"),
        ("coach bolts M10 x 100?", ["Coach bolts M8 x 50 mm, M10 x 60 mm"], ""),
        ("coach bolts M12", ["Coach bolts M8 x 50 mm, M10 x 60 mm"], "coach m12"),
    ],
)
def test_a_model_given_with_its_length_lists_on(question, passages, missing):
    assert variants.missing_variant(question, passages) == missing


PHONES = "| Phone | Models | Screen |\n|---|---|---|\n| iPhone | 13, 14, 15 | 189 |\n| Galaxy | S22, S23 | 179 |"


def test_a_row_naming_the_product_and_the_variant_in_two_cells_offers_it():
    passages = [PHONES, "We repair iPhone 11 and 12 while you wait."]
    assert variants.missing_variant("iphone 14 screen price", passages) == ""
    assert variants.missing_variant("galaxy s23 screen", passages) == ""
    assert variants.missing_variant("iphone 16 screen price", passages) == "iphone 16"
    fields = ["item: coach bolts; thread: M8, M10; price_gbp: 4.99", "Coach bolts M12 are sold singly."]
    assert variants.missing_variant("coach bolts M10 price", fields) == ""
    assert variants.missing_variant("coach bolts M16 price", fields) == "coach m16"
    # a cell with more words than variants lists none: "16 minutes" is a time
    assert variants.missing_variant("iphone 16 screen", ["device: iPhone 15; time: 16 minutes"]) == "iphone 16"


def test_every_size_of_a_row_naming_the_thing_offers_it():
    hoses = ["category: garden; item: garden hose; size: 15 m, 25 m or 50 m reels; price_gbp: from 14.99"]
    assert variants.missing_variant("is your 50 m hose good", hoses) == ""
    assert variants.missing_variant("is there a 100 m hose", hoses) == "m 100"


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        # the size of the customer's own thing says what they have
        ("i need an inner tube for my 26 inch wheel", ["Inner tubes for 27.5 and 29 inch wheels: 6 GBP"]),
        ("can you groom our 12 kg westie", ["full groom, 10 kg: 45 EUR", "full groom, 25 kg: 55 EUR"]),
        # so is a thing what they buy is for: the shop's sizes are those of its goods
        ("is 60 litres of bark enough for a 3 m bed", ["raised bed kit, 120 x 60 x 30 cm: 89.00 GBP"]),
        ("how many tiles for a 3 m x 2 m bathroom", ["Porcelain tile 30 x 60 cm: £25 per m2"]),
        ("how much paint for a 4 m wall", ["Emulsion 2.5 L £24, covers 30 m2", "Masking tape 25 mm x 50 m £3"]),
        # a length to cut to is a made-to-measure order
        ("can you cut 18mm MDF into 1200mm lengths", ["MDF board 18mm, 2440 x 1220 mm: 32.00 GBP"]),
        ("could you cut the plywood sheet down to 900 mm pieces", ["Plywood 12 mm, 2440 x 1220 mm: 38.00 GBP"]),
        # a shop cutting what the question names to measure offers every length of it
        ("do you have 1.5 m lengths of 2x4", [TIMBER, "We cut timber to size while you wait, any length."]),
        # a fraction of an inch is a nominal trade size, no "2 inch"
        ("1/2 inch copper pipe", ["Copper pipe 15 mm and 22 mm, 3 m lengths: from 8 GBP"]),
    ],
)
def test_sizes_that_are_no_variant_asked_for(question, passages):
    assert variants.missing_variant(question, passages) == ""


def test_the_exceptions_stay_narrow():
    # a bare "for a" sizes the thing the price list bands by: a 20 kg dog between a small and a giant band
    grooming = ["full groom, small (up to 10 kg): 45.00 EUR.", "full groom, giant (over 40 kg): 90.00 EUR"]
    assert variants.missing_variant("full groom for a 20 kg dog?", grooming) == "kg 20"
    assert variants.missing_variant("can you groom our 20 kg collie", grooming) == "kg 20"
    # cutting timber to size says nothing of a pot
    assert variants.missing_variant("do you have a 60 cm pot", [*POTS, "We cut timber to size."]) == "cm 60"
    # a question only asking the price of a size no row offers is no made-to-measure order
    assert variants.missing_variant("price of 1200mm MDF lengths", ["MDF board 18mm, 2440 mm: 32.00 GBP"]) == "mm 1200"


@pytest.mark.parametrize(
    ("question", "passage", "missing"),
    [
        ("cordless drill 18v price", "Cordless drill 18 V: hire 15 per day; 12 V drill 10 per day", ""),
        ("cordless drill 18 V price", "Cordless drill 18V: hire 15 per day; drill 12V 10 per day", ""),
        ("cordless drill 36v price", "Cordless drill 18 V: hire 15 per day; drill 12 V 10 per day", "cordless 36"),
        # other letters after a number still name a model of their own
        ("iphone 5s battery", "iPhone 5: battery 49 EUR; iPhone 6: battery 49 EUR", "iphone 5s"),
    ],
)
def test_volts_glued_or_apart_are_one_variant(question, passage, missing):
    assert variants.missing_variant(question, [passage]) == missing
