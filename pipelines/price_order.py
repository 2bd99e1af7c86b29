"""Questions asking for an order among prices: "whats the cheapest pair of frames u have", "your most expensive
bottle of port". A price list never writes "cheapest"; the answer is the row of the asked item with the lowest (or
highest) price. The reply's sentence picker (pipelines/sentences.py) weighs how near each row is to the question, and
for this question that order says nothing: the rows of the asked item are near it alike, and the one that answers is
whichever costs least. So the rows of the asked item are read from the whole table and ordered by their price.

The asked item is what the best priced row of the reply's passages names, read column by column: a row of the same
table names it too when it holds the question's words in every column where that row holds them ("frames" in the
category and in the item name), so that a row naming the item elsewhere ("lenses in your own frame, handling fee",
category lenses) is another thing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipelines.retrieval import covered
from pipelines.sentences import is_price_column, named_markdown_rows, parse_row, row_sentence

LOWEST, HIGHEST = "lowest", "highest"

# The forms that ask for the lowest price, and the highest: "cheapest", "least expensive", "lowest price",
# "most affordable"; "most expensive", "dearest", "priciest", "highest price", "top of the range".
_ASKS_LOWEST = re.compile(
    r"\b(?:cheapest|least\s+(?:expensive|pricey|costly)|most\s+affordable"
    r"|lowest[\s-]+(?:price[ds]?|priced|cost|costing))\b"
)
_ASKS_HIGHEST = re.compile(
    r"\b(?:most\s+(?:expensive|pricey|costly)|dearest|priciest|top\s+of\s+the\s+range"
    r"|highest[\s-]+(?:price[ds]?|priced|cost|costing))\b"
)
# The words that ask for the order: no row names them, so they say nothing of which item is asked.
_ORDER_TEXT = """
cheapest least expensive pricey costly most affordable lowest price prices priced cost costing dearest priciest top
range highest
"""
ORDER_WORDS = frozenset(_ORDER_TEXT.split())
# A price as a table writes it: "59.00", "1,250.00", "12,50", "€59".
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?")


def asked_order(question: str) -> str | None:
    """LOWEST or HIGHEST when the question asks for the cheapest or the dearest of something, else None."""
    text = " ".join(question.lower().split())
    if _ASKS_LOWEST.search(text):
        return LOWEST
    if _ASKS_HIGHEST.search(text):
        return HIGHEST
    return None


def amount(value: str) -> float | None:
    """The first amount of a price cell: "1,250.00" is 1250, "12,50" is 12.5; None without one."""
    match = _AMOUNT.search(value)
    if match is None:
        return None
    text = match.group(0)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class PricedRow:
    sentence: str  # the row as the reply says it
    price: float
    named: Mapping[int, frozenset[str]]  # the question's words each cell holds, by the cell's place


def priced_row(line: str, columns: Sequence[str], terms: Sequence[str]) -> PricedRow | None:
    """A table row's line with its price and the question's words it holds, cell by cell; None without a price."""
    return priced_cells(parse_row(line, columns), terms)


def priced_cells(cells: Sequence[tuple[str, str]], terms: Sequence[str]) -> PricedRow | None:
    """A row's (column, value) cells with its price and the question's words each cell holds; None without a price."""
    price = next((amount(v) for n, v in cells if is_price_column(n)), None)
    if price is None:
        return None
    named = {i: frozenset(covered(terms, v)) for i, (n, v) in enumerate(cells) if not is_price_column(n)}
    return PricedRow(row_sentence(cells), price, {i: w for i, w in named.items() if w})


def table_rows(lines: Sequence[str], columns: Sequence[str], terms: Sequence[str]) -> list[PricedRow]:
    """The priced rows among a table chunk's lines (a sheet's name line holds no row)."""
    return [row for line in lines if (row := priced_row(line, columns, terms)) is not None]


def markdown_rows(text: str, terms: Sequence[str]) -> list[PricedRow]:
    """The priced rows of the Markdown tables inside a text passage."""
    return [row for cells in named_markdown_rows(text) if (row := priced_cells(cells, terms)) is not None]


def same_item(lead: PricedRow, row: PricedRow) -> bool:
    """The row holds the question's words in every cell where the lead row holds them (see the module's doc)."""
    return bool(lead.named) and all(words <= row.named.get(i, frozenset()) for i, words in lead.named.items())


def in_price_order(order: str, lead: PricedRow, rows: Sequence[PricedRow]) -> list[PricedRow]:
    """The rows naming the lead row's item (itself included), cheapest first for LOWEST, dearest first for HIGHEST;
    rows of one price keep the table's order. Empty when the lead row names none of the question's words."""
    if not lead.named:
        return []
    kept = [r for r in rows if same_item(lead, r)]
    return sorted(kept, key=lambda r: r.price if order == LOWEST else -r.price)


def item_terms(terms: Sequence[str]) -> list[str]:
    """The question's words without those asking for the order."""
    return [t for t in terms if t not in ORDER_WORDS]
