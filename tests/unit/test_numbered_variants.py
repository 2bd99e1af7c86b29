"""Numbered variants a price list's rows give in a cell of their own (pipelines/row_variants.py): vintages, quantity
tiers, pack sizes, paper size codes, lens indexes. Each missing one is beside the customer's own figures that the
rule must leave alone."""

import time

import pytest

from pipelines import row_variants
from pipelines.row_variants import missing_row_variant

WINES = [
    "category: red wine; item: Rioja Reserva; vintage_or_size: 2018 bottle; price_gbp: 19.95",
    "category: red wine; item: Rioja Reserva; vintage_or_size: 2018 magnum; price_gbp: 42.00; notes: 150 cl",
    "category: red wine; item: Mendoza Malbec; vintage_or_size: 2022 bottle; price_gbp: 15.75",
    "category: gift box; item: Two reds gift box; vintage_or_size: 2 bottles; price_gbp: 32.00; notes: wooden box",
]
BEERS = [
    "category: beer; item: Hazy pale ale; vintage_or_size: 440 ml can; price_gbp: 4.60",
    "category: beer; item: Hazy pale ale; vintage_or_size: case of 24 cans; price_gbp: 96.00",
]
LENSES = [
    "category: lenses; item: single vision lenses; variant: 1.5 standard; price_eur: 45.00; notes: pair",
    "category: lenses; item: single vision lenses; variant: 1.6 thin; price_eur: 85.00; notes: pair",
    "category: lenses; item: single vision lenses; variant: 1.67 extra thin; price_eur: 130.00; notes: pair",
    "category: contact lenses; item: monthly lenses; variant: 3 pack; price_eur: 24.00; notes: per eye",
    "category: contact lenses; item: daily disposable lenses; variant: 30 pack; price_eur: 28.00; notes: per eye",
]
PRINTS = [
    "category: business cards; item: business cards; size_or_quantity: 250; price_gbp: 24.00; notes: 350gsm silk",
    "category: business cards; item: business cards; size_or_quantity: 500; price_gbp: 32.00; notes: 350gsm silk",
    "category: flyers; item: A6 flyers; size_or_quantity: 250; price_gbp: 28.00",
    "category: flyers; item: A6 flyers; size_or_quantity: 500; price_gbp: 36.00",
    "category: flyers; item: A5 flyers; size_or_quantity: 1000; price_gbp: 78.00",
    "category: copies; item: colour copy; size_or_quantity: A4 per page; price_gbp: 0.45",
    "category: copies; item: colour copy; size_or_quantity: A3 per page; price_gbp: 0.90",
    "category: t-shirts; item: printed tshirt; size_or_quantity: 10 to 24; price_gbp: 11.50; notes: each",
    "category: t-shirts; item: printed tshirt; size_or_quantity: 25+; price_gbp: 9.50; notes: each",
    "category: binding; item: comb binding; size_or_quantity: up to 50 sheets; price_gbp: 3.50",
    "category: binding; item: comb binding; size_or_quantity: 51 to 150 sheets; price_gbp: 5.00",
]
BREAD = [
    "category: bread; item: seeded multigrain loaf; size: 750 g; price_eur: 4.60",
    "category: rolls; item: Kaiser roll; size: 1 piece; price_eur: 0.55",
]


@pytest.mark.parametrize(
    ("question", "passages", "missing"),
    [
        ("how much is the 2015 rioja reserva", WINES, "year 2015"),
        ("is there a 2020 malbec", WINES, "year 2020"),
        ("malbec 2020?", WINES, "year 2020"),
        ("how much is a 6 pack of monthly lenses", LENSES, "pack 6"),
        ("monthly lenses, the 6-pack", LENSES, "pack 6"),
        ("price for a 4 pack of the hazy pale ale?", BEERS, "pack 4"),
        ("a case of 12 hazy pale ale", BEERS, "pack 12"),
        ("how much for 1000 business cards", PRINTS, "count 1000"),
        ("price for 2000 A6 flyers", PRINTS, "count 2000"),
        ("how much for colour copies on A5", PRINTS, "code a5"),
        ("how much are 1.74 lenses", LENSES, "decimal 1.74"),
        ("comb binding for 200 sheets", PRINTS, "count 200"),
    ],
)
def test_a_numbered_variant_the_rows_give_others_of_is_missing(question, passages, missing):
    assert missing_row_variant(question, passages) == missing


@pytest.mark.parametrize(
    ("question", "passages"),
    [
        # the listed value, or a band holding it
        ("is the 2018 rioja reserva still in stock", WINES),
        ("how much for 250 business cards one side only", PRINTS),
        ("need 500 a6 leaflets for a car boot sale, how much", PRINTS),
        ("1000 a5 flyers price?", PRINTS),
        ("how much r colour copies a4", PRINTS),
        ("how much are 1.67 lenses", LENSES),
        ("a 30 pack of daily disposable lenses", LENSES),
        ("a case of 24 hazy pale ale", BEERS),
        ("need 12 printed tshirts for a hen party", PRINTS),
        ("40 printed tshirts for the team", PRINTS),  # 25+
        ("how much to comb bind my report, its about 80 sheets", PRINTS),
        # the customer's own counts: items priced one by one, packs counted, no tier of their kind
        ("2 multigrain loaves and 6 kaiser rolls please", BREAD),
        ("we need 25 gift boxes for clients, any discount?", WINES),
        ("if I get 12 bottles of malbec do i get money off", WINES),
        ("can i get 3 packs of monthly lenses", LENSES),
        ("12 hazy pale ale cans for a party", BEERS),
        # spans of time, ages, signed figures, dates, prices
        ("how much is a 3 month supply of monthly lenses", LENSES),
        ("my prescription is -5.25, which lenses would you suggest", LENSES),
        ("can my 17 yr old collect the rioja reserva", WINES),
        ("is the rioja reserva still on offer in 2026", WINES),
        ("will the malbec be back on 24 december 2026", WINES),
        ("is the malbec 15.75 a bottle", WINES),
        ("can i collect my business cards at 10.30", PRINTS),
        ("call me on 07700 900123 about 1000 a5 flyers", PRINTS),
    ],
)
def test_what_is_no_missing_numbered_variant(question, passages):
    assert missing_row_variant(question, passages) == ""


def test_a_count_of_a_hyphenated_thing_is_read_against_its_tiers():
    rows = [
        "category: t-shirts; item: printed t-shirt; size_or_quantity: 1 to 9; price_gbp: 15.00",
        "category: t-shirts; item: printed t-shirt; size_or_quantity: 10 to 24; price_gbp: 11.50",
    ]
    assert missing_row_variant("can you print 50 t-shirts, what's the price each", rows) == "count 50"
    assert missing_row_variant("price of 20 t-shirts", rows) == ""


def test_a_kind_the_rows_never_give_says_nothing():
    # the malbec's rows give a vintage, no pack size
    assert missing_row_variant("a 6 pack of malbec", WINES) == ""
    assert missing_row_variant("how much is the 2015 rioja reserva", []) == ""


def test_a_markdown_table_row_gives_its_cells_and_leaves_its_price_column_out():
    table = (
        "| Lens | Best for | Price |\n|---|---|---|\n| Single vision 1.5 | reading | 45.00 |\n"
        "| Single vision 1.67 | strong prescriptions | 130.00 |"
    )
    assert missing_row_variant("single vision 1.74 lenses", [table]) == "decimal 1.74"
    assert missing_row_variant("single vision 1.67 lenses", [table]) == ""
    assert missing_row_variant("single vision 45.5 lenses", [table]) == ""  # no index of that order


def test_a_dated_cell_gives_no_vintage():
    events = ["| Date | Tasting | Price |\n|---|---|---|\n| Friday 22 January 2027 | Burns Night whisky | £30 |"]
    assert missing_row_variant("is the 2026 burns night whisky tasting on", events) == ""


def test_a_plain_sentence_is_no_row():
    sentence = ["Our Rioja Reserva is the 2018 vintage; it is lovely with lamb; decant it first."]
    assert missing_row_variant("how much is the 2015 rioja reserva", sentence) == ""


@pytest.mark.parametrize(
    "piece", ["1 ", "1 - ", "case of 1 ", "1" + " " * 50, "a1 ", "1.74 ", "2018 ", "up to 5 to ", "pack of "]
)
def test_rows_and_questions_are_read_in_linear_time(piece):
    text = (piece * (4_096 // len(piece) + 1))[:4_096]
    row = f"item: monthly lenses; variant: {text}; notes: {text}"
    start = time.thread_time()
    missing_row_variant(f"a 6 pack of monthly lenses {text}", [row, text])
    row_variants._rows.cache_clear()
    assert time.thread_time() - start < 0.5  # a few ms of CPU; this thread's CPU time only


CHAMPAGNE = [
    "category: sparkling; item: Champagne Brut; vintage_or_size: NV bottle; price_gbp: 39.00",
    "category: sparkling; item: Champagne Brut; vintage_or_size: NV magnum; price_gbp: 85.00",
]
CAKES = [
    "category: custom cakes; item: sheet cake; size: half tray; price_eur: 59.00",
    "category: custom cakes; item: sheet cake; size: full tray; price_eur: 99.00",
]
MEMBERSHIPS = ["category: memberships; item: mat classes unlimited; valid for: minimum term 6 months; price: 99.00"]


def test_a_fraction_of_what_the_rows_sell_by_is_a_variant_of_its_own():
    assert missing_row_variant("how much is a half bottle of champagne", CHAMPAGNE) == "fraction half bottle"
    assert missing_row_variant("a half tray of sheet cake for the office", CAKES) == ""
    assert missing_row_variant("champagne for a year and a half", CHAMPAGNE) == ""
    assert missing_row_variant("any mat classes at half term", MEMBERSHIPS) == ""  # a longer cell: no measure
    assert missing_row_variant("half hour mat classes?", MEMBERSHIPS) == ""


def test_a_measure_other_rows_sell_by_and_the_product_s_rows_never_do_is_missing():
    # the malbec is sold by the bottle only; the rioja by the bottle and the magnum
    assert missing_row_variant("how much is a magnum of the malbec", WINES) == "measure magnum"
    assert missing_row_variant("how much is a magnum of the rioja", WINES) == ""
    assert missing_row_variant("price for a bottle of the malbec", WINES) == ""
    assert missing_row_variant("how much is the malbec", WINES) == ""
    # no row sells by a "case" (the beer's case is a longer cell): nothing to read it against
    assert missing_row_variant("a case of the malbec?", WINES) == ""
    # rows that never say what they sell by say nothing
    assert missing_row_variant("a magnum of the rioja and the malbec", WINES) == ""
    assert missing_row_variant("colour copy by the magnum", PRINTS) == ""
