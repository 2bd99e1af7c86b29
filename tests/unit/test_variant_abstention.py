"""The asked-for variant that the documents do not name (pipelines/variants.py, missing_variant)."""

from dataclasses import replace

import pytest

from pipelines import abstention, variants

PRICES = """device,repair,price_eur
iPhone 15,screen replacement,329.00
iPhone 14,screen replacement,289.00
iPhone 11 to 15,charging port replacement,89.00
Samsung Galaxy S24,screen replacement,279.00
Samsung Galaxy S and A series,battery replacement,69.00
Google Pixel 7a,screen replacement,139.00
iPad 9th and 10th generation,glass replacement,129.00
Apple Watch Series 7 to 9,screen replacement,149.00
"""
BAGS = (
    "Every coffee comes in 250 g and 1 kg bags. Our cakes are 26 cm across. "
    "Book two pre-tests if the mock shows more than 5 grade 2 faults."
)


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("How much is an iPhone 16 screen?", "iphone 16"),
        ("what's the price to replace an iPad Pro 12.9 screen?", "ipad 12.9"),
        ("pixel 7 screen", "pixel 7"),  # 7a is another phone
        ("do you have 500 g bags?", "g 500"),
        ("a 30 cm cake for saturday?", "cm 30"),
    ],
)
def test_a_variant_the_passages_name_others_of_is_missing(question, missing):
    assert variants.missing_variant(question, [PRICES, BAGS]) == missing


@pytest.mark.parametrize(
    "question",
    [
        "iphone 14 screen price",  # listed
        "charging port for an iphone 12?",  # inside "11 to 15"
        "apple watch series 8 screen",  # inside "Series 7 to 9"
        "new battery for my galaxy s22",  # a member of "Galaxy S … series"
        "ipad 10th gen glass",  # an ordinal as the passages write it
        "do you have 1 kg bags",
        # the customer's own figures are no variant
        "2 loaves and 3x decaf please",
        "a table for 20 people",
        "can i come at 5 or 17:30 on 24.12.?",
        "my son is 14, can he get his iphone fixed alone? it's about 150 euro",
        "call me back on 0176 1234567",
        "are you open on december 27?",
        "can I order 3 kg of the espresso?",  # an amount, not a size of something
        "is a €20 voucher possible",
        "how much is a macbook 13 screen",  # a product the passages give no variant of says nothing
    ],
)
def test_what_is_not_a_missing_variant(question):
    assert variants.missing_variant(question, [PRICES, BAGS]) == ""


def test_nothing_retrieved_names_no_missing_variant():
    assert variants.missing_variant("iphone 16 screen", []) == ""


def test_variant_values():
    assert variants.variant_value("9th") == "9"
    assert variants.variant_value("12,9") == "12.9"
    assert variants.variant_value("s23") == "s23"
    assert variants.variant_value("7a") == "7a"
    assert variants.variant_value("3x") is None  # a count of items
    assert variants.variant_value("1234567") is None  # an order or phone number
    assert variants.variant_value("screen") is None


def test_ranges_lists_and_series_letters_are_read_from_the_passages():
    offered = variants.offered_variants(PRICES)
    assert {"15", "14", "11..15"} <= offered["iphone"]
    assert offered["ipad"] == {"9", "10"}
    assert offered["series"] == {"7..9"}
    assert {"s24", "s*", "a*"} <= offered["galaxy"]


def test_a_letter_beginning_a_hyphenated_word_is_no_series_letter():
    # "Copy > T-shirts" named no "copy T" series, so "black and white copies a3" asked for no copy the rows lack
    heading = "Print Terms — Fellside Print & Copy > T-shirts\nWe print on 100% cotton t-shirts."
    assert variants.offered_variants(heading) == {}
    rows = "category: copies; item: black and white copy; size_or_quantity: A3 per page; price_gbp: 0.25"
    assert variants.missing_variant("black and white copies a3 price per sheet", [heading, rows]) == ""
    assert variants.offered_variants("e-bike service, Galaxy S and A series")["galaxy"] == {"s*", "a*"}


def test_a_missing_variant_counts_against_the_score():
    figures = {"best_sentence": 0.6, "coverage": 1.0, "agreement": True}
    assert abstention.answerable(abstention.Support(**figures))
    assert not abstention.answerable(abstention.Support(**figures, variant="iphone 16"))


SHOP = [
    "product: Kids bike service; category: service; price_eur: 39.00; notes: for bikes with 16 inch wheels",
    "product: Hafen Espresso; size: 250 g; price_eur: 9.50; notes: made for espresso machines",
    "We repair children's bikes and folding bikes from 16 inch wheels upwards. Pack the phone without the SIM card.",
    "We sell refurbished iPhones and Samsung\nphones, checked on 30 points.",
]


@pytest.mark.parametrize(
    ("question", "unoffered"),
    [
        ("Do you sell children's bikes?", ""),  # a row names kids' bikes before a price: a row offers what it names
        ("Do you sell folding bikes?", "sell folding bikes"),  # repaired, not sold
        ("Do you sell SIM cards?", "sell sim cards"),  # named, not offered
        ("Do you sell espresso machines?", "sell espresso machines"),  # only in a row's notes
        ("do you buy old bikes?", "buy old bikes"),  # the shop repairs bikes, it does not buy them
        ("can you guys also repair samsung phones", "repair samsung phones"),  # sold, not repaired
    ],
)
def test_a_thing_no_passage_offers_in_the_asked_role(question, unoffered):
    assert abstention.unoffered(question, SHOP) == unoffered


@pytest.mark.parametrize(
    "question",
    [
        "Do you repair children's bikes?",  # a sentence of the role
        "Do you service kids bikes and what does it cost?",  # a row names it before its price
        "Do you sell refurbished samsung phones? what warranty?",  # a sentence wrapped over two lines
        "Do you sell espresso beans?",  # a row names espresso; "beans" is no word of the documents
        "Do you have a loyalty card?",  # "have" asks as often about what is described, not offered
        "What do you sell?",  # no thing named
        "Which payment methods do you accept?",
    ],
)
def test_what_is_offered_or_not_asked_about(question):
    assert abstention.unoffered(question, SHOP, untold={"beans"}) == ""


def test_an_unoffered_thing_counts_against_the_score_unless_the_support_is_far_above_the_threshold():
    figures = {"best_sentence": 0.5, "coverage": 0.6, "agreement": False}  # 0.52 over the threshold
    assert abstention.answerable(abstention.Support(**figures))
    assert not abstention.answerable(abstention.Support(**figures, unoffered="sell sim cards"))
    strong = abstention.Support(best_sentence=0.6, coverage=1.0, agreement=True)  # 1.39 over it
    assert abstention.answerable(replace(strong, unoffered="sell sim cards"))


ELECTRICIAN = ["Our electrician does call-outs for jobs such as fitting ceiling fans and wiring electric showers.",
               "We do not take building waste, gas cylinders, or appliances that have been stripped for parts.",
               "We don't buy textbooks, magazines or encyclopaedias.",
               "catering: coffee pump flask; size: 2 litres; price_eur: 14.00; notes: return within 2 days"]


@pytest.mark.parametrize(
    ("question", "unoffered"),
    [
        ("do ye sell electric showers", "sell electric showers"),  # "ye" is "you"; wired, not sold
        ("do yous sell ceiling fans", "sell ceiling fans"),
        ("do u buy old textbooks? got all my uni ones", ""),  # a no for the thing's last word answers every kind
        ("Do you rent out coffee flasks? how much", ""),  # a row offers what it names for hire too
        ("do ye sell gas cylinders", "sell gas cylinders"),  # a no of another role ("take") is no answer, and
        # "have been" offers nothing
    ],
)
def test_a_no_in_the_asked_role_answers_and_ye_asks_as_you_do(question, unoffered):
    assert abstention.unoffered(question, ELECTRICIAN) == unoffered


def test_a_markdown_table_lists_the_variants_of_the_product_its_column_names():
    guide = (
        "EDT\n| EDT lesson | What we cover | Practise |\n|---|---|---|\n| 1 | Car controls | a car park |\n"
        "| 7 | Emergency stop | reversing around a corner |\n| 12 | Mock test | anything on the report |"
    )
    prices = "item: EDT 12-lesson package; price_eur: 480.00; notes: paid in full before lesson 1"
    assert variants.offered_variants(guide) == {"lesson": {"1", "7", "12"}}  # not "park 7" across cells
    assert variants.missing_variant("what do we do in EDT lesson 7", [prices, guide]) == ""
    assert variants.missing_variant("what do we do in EDT lesson 9", [prices, guide]) == "edt 9"
    # rows cut from their header name no column
    rows = "| 7 | Emergency stop | reversing |\n| 8 | Anticipation | commentary driving |"
    assert variants.offered_variants(rows) == {}


CARDS = [
    "category: class cards; item: 5-class card reformer; what you get: 5 reformer classes; price_eur: 150.00",
    "category: class cards; item: 10-class card mat; what you get: 10 yoga or mat pilates classes; price_eur: 160.00",
    "Students get 20% off class cards. Blocks: EDT 12-lesson package; a block of 10 lessons is 400.00 EUR.",
]


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("how much is a 20 class card?", "20-class"),
        ("price of a 20-class card", "20-class"),
        ("a 6 lesson block?", "6-lesson"),
        # a count the passages write, hyphenated or not
        ("how much is the 10 class card for yoga?", ""),
        ("5 class reformer card how much", ""),
        ("how much do you save on the 10 lesson block", ""),
        # the customer's own figures name no noun after the counted word
        ("we need 80 rolls for a school event", ""),
        ("do you do 3 lessons?", ""),
    ],
)
def test_a_count_the_passages_join_to_a_word_by_a_hyphen_is_a_variant(question, missing):
    assert variants.missing_variant(question, CARDS) == missing


def test_a_model_with_a_letter_after_its_number_is_no_plural():
    listed = ["iPhone 5: screen replacement 59.00 EUR", "iPhone 7 to 8: battery 49.00 EUR"]
    assert variants.missing_variant("iphone 5s screen", listed) == "iphone 5s"
    assert variants.missing_variant("how much for an iphone 5 screen", listed) == ""
    assert variants.missing_variant("battery for an iphone 7s", listed) == ""  # inside "7 to 8" by its number
    # counted, a number's plural is the number
    grades = ["Book two pre-tests if the mock shows more than 5 grade 2 faults."]
    assert variants.missing_variant("how many grade 2s on the mock is too many", grades) == ""
    assert variants.missing_variant("3 grade 2s ok?", grades) == ""
