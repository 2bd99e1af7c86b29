"""Reading a question that asks for the cheapest or dearest item, and ordering a table's rows of that item."""

from __future__ import annotations

import pytest

from pipelines.price_order import (
    HIGHEST,
    LOWEST,
    amount,
    asked_order,
    in_price_order,
    item_terms,
    priced_cells,
    priced_row,
)
from pipelines.sentences import named_markdown_rows

COLUMNS = ("category", "item", "variant", "price_eur", "notes")


@pytest.mark.parametrize(("question", "order"), [
    ("whats the cheapest pair of frames u have", LOWEST),
    ("which is the least expensive case of red?", LOWEST),
    ("what's your lowest priced membership", LOWEST),
    ("most affordable option for business cards?", LOWEST),
    ("whats ur most expensive whisky", HIGHEST),
    ("the dearest bottle of port you have", HIGHEST),
    ("top of the range frames?", HIGHEST),
    ("how much is a Ray-Ban frame?", None),
    ("is it expensive to post a parcel?", None),
    ("do you price match?", None),
])
def test_the_asked_order_is_read_from_the_question(question, order):
    assert asked_order(question) == order


@pytest.mark.parametrize(("value", "expected"), [
    ("59.00", 59.0), ("€1,250.00", 1250.0), ("12,50", 12.5), ("from 7 per person", 7.0), ("free", None),
])
def test_a_price_cell_reads_as_its_amount(value, expected):
    assert amount(value) == expected


def _rows(terms):
    lines = [
        "category: frames; item: Clew Bay frame; variant: adult; price_eur: 59.00",
        "category: frames; item: Clew Bay frame; variant: child; price_eur: 35.00",
        "category: frames; item: Lindberg frame; variant: rimless; price_eur: 395.00",
        "category: lenses; item: lenses in your own frame; variant: handling fee; price_eur: 15.00",
        "category: frames; item: frame case; variant: gift; price_eur: free",
        "frames",  # a sheet's name above its rows: no row
    ]
    return [r for line in lines if (r := priced_row(line, COLUMNS, terms)) is not None]


def test_rows_naming_the_item_in_the_lead_rows_columns_are_ordered_by_price():
    terms = item_terms(["cheapest", "frames"])
    rows = _rows(terms)
    assert len(rows) == 4  # the free case has no amount, the sheet's name is no row
    lead = next(r for r in rows if "Lindberg" in r.sentence)
    cheapest = in_price_order(LOWEST, lead, rows)
    assert [r.price for r in cheapest] == [35.0, 59.0, 395.0]  # not the lenses' handling fee
    assert [r.price for r in in_price_order(HIGHEST, lead, rows)] == [395.0, 59.0, 35.0]
    assert cheapest[0].sentence == "frames, Clew Bay frame, child: 35.00 EUR."


def test_a_lead_row_naming_none_of_the_questions_words_orders_nothing():
    rows = _rows(item_terms(["cheapest", "option"]))
    assert in_price_order(LOWEST, rows[0], rows) == []


def test_markdown_table_rows_are_named_by_their_header():
    text = (
        "Lens options\n"
        "| Lens | Use | Price |\n|---|---|---|\n"
        "| Single vision 1.5 | distance or reading | €45 |\n"
        "| Varifocal premium | wider reading areas | €325 |\n"
        "| a row | with too few cells |\n"
        "Prices are per pair.\n"
        "| no | header |\n"
    )
    rows = named_markdown_rows(text)
    assert rows == [
        [("Lens", "Single vision 1.5"), ("Use", "distance or reading"), ("Price", "€45")],
        [("Lens", "Varifocal premium"), ("Use", "wider reading areas"), ("Price", "€325")],
    ]
    priced = [priced_cells(cells, ["lens"]) for cells in rows]
    assert [r.price for r in priced if r] == [45.0, 325.0]
