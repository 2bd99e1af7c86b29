"""The numbered variant a question names that a price list's rows give other values of, in a cell of their own.

pipelines/variants.py reads a variant after its product word ("iPhone 16") or a size before its unit ("35 cl"). A
price list also numbers its variants in a cell beside the product's name, with neither: a vintage ("Rioja Reserva;
2018 bottle"), a quantity tier ("A6 flyers; 250", "A6 flyers; 500"), a pack size ("monthly lenses; 3 pack", "case
of 24 cans"), a paper size code ("colour copy; A4 per page"), a lens index ("single vision lenses; 1.67 extra
thin"), what the row sells by ("NV bottle"). A question naming the product with another value of the same kind
("the 2015 rioja", "2000 A6 flyers", "a 6 pack of monthly lenses", "colour copies on A5", "1.74 lenses", "a half
bottle of champagne") asks for a row the list does not have, and the rows it finds answer another variant.

The rows read are those naming most of the question's product words: the product's own rows. Their values of the
asked value's kind are compared with it; a band ("10 to 24", "up to 50 sheets") holding it offers it. A kind the
rows never give says nothing. The customer's own figures are no variant: a count of items the rows price one by
one ("2 loaves", "25 gift boxes": the rows give no quantity tiers), a count of packs ("3 packs", "2 boxes": only a
pack's size, "6 pack", "pack of 6", is a variant), a count or a measure followed by a unit or a span of time ("a 3
month supply", "5 year old"), a signed figure ("-5.25", a prescription), and the times, dates, prices and phone
numbers pipelines/variants.py cuts out first; a year after a month or a day dates something.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipelines.abstention import base_forms
from pipelines.markdown_tables import is_rule, table_cells
from pipelines.variants import DASHES, NOT_VARIANTS, SIZE_UNITS, is_product_word, variant_tokens

# A cell of a row: a Markdown table's cell, or a "field: value" of a spreadsheet's row ("item: A6 flyers; price_gbp:
# 28.00"). A plain sentence with a semicolon is no row: a line is read as a row with two named fields at least.
_FIELD_CELLS = re.compile(r";\s+")
_FIELD = re.compile(r"^([^\W\d_][\w ]{0,30}):\s*")
# A cell or column of prices gives no variant ("price_eur: 130.00" is no lens index).
_PRICE_NAME = re.compile(r"price|cost|fee|charge|amount|total|surcharge|discount|deposit|rate|eur|gbp|usd|chf")
_MONTHS = "january february march april may june july august september october november december"
_SHORT_MONTHS = "jan feb mar apr jun jul aug sep sept oct nov dec"
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_MONTHS_AND_DAYS = frozenset(f"{_MONTHS} {_SHORT_MONTHS} {_DAYS}".split())
# Spans of time and ages: "a 3 month supply", "5 year old", "6 weeks ago" are no variant of anything.
_TIMES = "am pm h hr hrs min mins minute minutes hour hours day days night nights week weeks month months year years"
_AGES = "yr yrs yo old"
_TIME_WORDS = frozenset(f"{_TIMES} {_AGES}".split())
# Words a year after which dates something ("in 2020", "since 2019", "until 2027"), and no vintage.
_DATING = "in since until till by before after from of during"
_DATING_WORDS = _MONTHS_AND_DAYS | frozenset(_DATING.split())
# What a pack of a product's items is called: "6 pack", "6-pack", "pack of 6", "case of 24 cans".
_PACKS = "pack pk case box crate carton tray"
_PACK_WORDS = frozenset(_PACKS.split())
SHORT_CELL = 4  # words of a cell whose vintage, index or code names the row's variant ("1.67 extra thin")
# A fraction of what the rows sell by ("a half bottle" where the rows sell the bottle and the magnum) asks for a
# row of its own. What a row sells by is a cell of a word or two ("NV bottle"): a longer one says more than that.
_FRACTIONS = frozenset({"half", "quarter"})
MEASURE_CELL = 2
# A question names a few figures: a longer run of them is a list pasted in, and no more of them are read.
MOST_ASKED = 8
# A decimal variant is compared with the rows' decimals of its order: "1.74" with "1.5" and "1.67", not "0.15".
DECIMAL_SCALE = 3.0

# A time's minutes are under 60: "1.67" and "1.74" are lens indexes, not the times ("9.30") pipelines/variants.py
# cuts out before it reads a figure. Written with a decimal comma, they are read as figures.
_NO_TIME = re.compile(r"(?<![\w.,]\d)(?<=\d)\.(?=[6-9]\d(?![\w.:]|,\d))")
_YEAR = re.compile(r"(?:19|20)\d\d")
_INTEGER = re.compile(r"\d{1,5}")
_DECIMAL = re.compile(r"\d{1,2}[.,]\d{1,3}")
_CODE = re.compile(r"([a-z]{1,2})(\d{1,2})")
_CELL_TOKEN = re.compile(r"[a-z]+\d[a-z\d]*|[+\-\u00b1/]?\d+(?:[.,]\d+)?[a-z]*|[^\W\d_]+")
# A cell that is a quantity or a band of quantities, with at most a word for what it counts: "250", "1 to 9",
# "10-24", "up to 50 sheets", "24 or more", "24+".
_QUANTITY_CELL = re.compile(
    r"(?P<below>(?:up\s+to|under|max\.?|maximum)\s+)?(?P<above>(?:over|from|at\s+least|minimum)\s+)?"
    r"(?P<low>\d{1,5})(?:\s*(?:-|to)\s*(?P<high>\d{1,5}))?"
    r"(?P<more>\s*\+|\s+or\s+more|\s+and\s+over)?(?:\s+(?P<noun>[^\W\d_]+))?"
)
_PACK_BEFORE = re.compile(r"\b(?:pack|pk|case|box|crate|carton|tray)\s+of\s+(\d{1,3})(?![\w.,])")
# One run of spaces before the word: two (around an optional hyphen) would be tried at every split of a long run.
_PACK_AFTER = re.compile(r"(?<![\w.,])(\d{1,3})(?:\s*-)?\s*(?:pack|pk)\b(?!s)")


@dataclass(frozen=True)
class _Row:
    """A row of a price list: the base forms of its product words, and the numbered values its cells give."""

    words: frozenset[str]
    quantities: tuple[tuple[float, float], ...]  # tiers and bands of the row's product: "250" -> (250, 250)
    counted: tuple[tuple[float, float, frozenset[str]], ...]  # bands of what a word counts: "up to 50 sheets"
    packs: frozenset[str]
    years: frozenset[str]
    decimals: frozenset[float]
    codes: frozenset[str]
    measures: frozenset[str]  # the base forms of what a cell of a word or two measures by ("NV bottle": bottle)
    fractions: frozenset[str]  # "half bottle" for a cell "half bottle"
    # the base forms of what a cell of a figure and a word sells by ("2018 magnum", "NV bottle", "1 piece"); not a
    # product's name of two words ("Mendoza Malbec")
    sold_by: frozenset[str] = frozenset()


def _row_cells(lines: Sequence[str]) -> list[list[str]]:
    """The cells of each row of a passage, their fields' names and prices left out."""
    rows: list[list[str]] = []
    header: list[str] = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        cells = table_cells(line)
        if cells is not None:
            if is_rule(table_cells(following)):
                header = [cell.lower() for cell in cells]
            elif not is_rule(cells):
                names = [*header, *[""] * len(cells)]
                rows.append([cell for cell, name in zip(cells, names, strict=False) if not _PRICE_NAME.search(name)])
            continue
        header = []
        fields = _FIELD_CELLS.split(line)
        named = [match for field in fields if (match := _FIELD.match(field))]
        if len(named) < 2:
            continue
        rows.append(
            [
                field[match.end() :] if match else field
                for field in fields
                for match in [_FIELD.match(field)]
                if not (match and _PRICE_NAME.search(match.group(1)))
            ]
        )
    return rows


def _next_word(tokens: Sequence[str], index: int) -> str:
    return tokens[index + 1] if index + 1 < len(tokens) else ""


def _quantity(cell: str) -> tuple[float, float, str] | None:
    """The band of quantities a cell gives and the word of what it counts ("" for the row's product), or None. A
    single figure with a word is no tier: "2 bottles" is what a gift box holds, "2018 bottle" a vintage."""
    match = _QUANTITY_CELL.fullmatch(cell)
    if not match or (match["high"] and (match["below"] or match["above"] or match["more"])):
        return None
    low, noun = float(match["low"]), match["noun"] or ""
    if match["high"]:
        return (low, float(match["high"]), noun)
    if match["below"]:
        return (0.0, low, noun)
    if match["above"] or match["more"]:
        return (low, float("inf"), noun)
    return None if noun else (low, low, noun)


def _read_row(cells: Sequence[str]) -> _Row:
    words: set[str] = set()
    quantities: list[tuple[float, float]] = []
    counted: list[tuple[float, float, frozenset[str]]] = []
    packs: set[str] = set()
    years: set[str] = set()
    decimals: set[float] = set()
    codes: set[str] = set()
    measures: set[str] = set()
    fractions: set[str] = set()
    sold_by: set[str] = set()
    for raw in cells:
        cell = NOT_VARIANTS.sub(" ; ", _NO_TIME.sub(",", raw.lower().translate(DASHES))).strip()
        words.update(form for token in variant_tokens(cell) if is_product_word(token) for form in base_forms(token))
        quantity = _quantity(cell)
        if quantity and quantity[2]:
            counted.append((quantity[0], quantity[1], frozenset(base_forms(quantity[2]))))
        elif quantity:
            quantities.append(quantity[:2])
        packs.update(_PACK_BEFORE.findall(cell))
        packs.update(_PACK_AFTER.findall(cell))
        tokens = _CELL_TOKEN.findall(cell)
        if len(tokens) > SHORT_CELL:
            continue
        if len(tokens) <= MEASURE_CELL and tokens and tokens[-1].isalpha():
            measures.update(base_forms(tokens[-1]))
            if len(tokens) == MEASURE_CELL and tokens[0] in _FRACTIONS:
                fractions.update(f"{tokens[0]} {form}" for form in base_forms(tokens[-1]))
            if len(tokens) == MEASURE_CELL and (tokens[0].isdigit() or tokens[0] == "nv"):
                sold_by.update(base_forms(tokens[-1]))
        dated = any(token in _MONTHS_AND_DAYS for token in tokens)
        for index, token in enumerate(tokens):
            after = _next_word(tokens, index)
            if after in SIZE_UNITS or after in _TIME_WORDS:
                continue
            if _YEAR.fullmatch(token) and not dated:
                years.add(token)
            elif _DECIMAL.fullmatch(token):
                decimals.add(float(token.replace(",", ".")))
            elif _CODE.fullmatch(token):
                codes.add(token)
    return _Row(
        frozenset(words),
        tuple(quantities),
        tuple(counted),
        frozenset(packs),
        frozenset(years),
        frozenset(decimals),
        frozenset(codes),
        frozenset(measures),
        frozenset(fractions),
        frozenset(sold_by),
    )


# Read once a process per passage text, as pipelines/variants.py reads its passages.
@functools.lru_cache(maxsize=2048)
def _rows(text: str) -> tuple[_Row, ...]:
    return tuple(_read_row(cells) for cells in _row_cells(text.splitlines()))


def _naming_rows(passages: Sequence[str], asked: Sequence[frozenset[str]]) -> list[_Row]:
    """The rows naming most of the asked product words (each given by its base forms), none naming none."""
    best: list[_Row] = []
    most = 0
    for text in passages:
        for row in _rows(text):
            named = sum(1 for forms in asked if forms & row.words)
            if named > most:
                best, most = [row], named
            elif named == most and named:
                best.append(row)
    return best


@dataclass(frozen=True)
class _Asked:
    value: str
    kind: str  # "year", "pack", "count", "decimal", "code" or "fraction"
    counted: frozenset[str]  # for a count, the base forms of the word right after it: what it counts


def _asked_values(tokens: Sequence[str]) -> list[_Asked]:
    """The numbered values a question names, each with its kind."""
    found: list[_Asked] = []
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else ""
        after = _next_word(tokens, index)
        if before in {"-", "+"} or after in SIZE_UNITS or after in _TIME_WORDS:
            continue
        if token in _FRACTIONS and is_product_word(after):
            found.append(_Asked(f"{token} {after}", "fraction", frozenset(base_forms(after))))
        elif _DECIMAL.fullmatch(token):
            found.append(_Asked(token.replace(",", "."), "decimal", frozenset()))
        elif _CODE.fullmatch(token):
            found.append(_Asked(token, "code", frozenset()))
        elif _INTEGER.fullmatch(token):
            pack_after = after in {"pack", "pk"} or (after == "-" and _next_word(tokens, index + 1) == "pack")
            pack_before = before == "of" and index >= 2 and tokens[index - 2] in _PACK_WORDS
            if pack_after or pack_before:
                found.append(_Asked(token, "pack", frozenset()))
                continue
            if _YEAR.fullmatch(token) and before not in _DATING_WORDS and after not in _MONTHS_AND_DAYS:
                found.append(_Asked(token, "year", frozenset()))
            # what a count counts is the word after it, or after a code ("2000 A6 flyers"), or a hyphenated word's
            # last part ("50 t-shirts": the rows' "printed t-shirt" holds "shirt")
            counted = _next_word(tokens, index + 1) if _CODE.fullmatch(after) else after
            if len(after) == 1 and _next_word(tokens, index + 1) == "-":
                counted = after = _next_word(tokens, index + 2)
            if is_product_word(counted) or _CODE.fullmatch(after):
                found.append(_Asked(token, "count", frozenset(base_forms(counted) | base_forms(after))))
    return found


def _offers(rows: Sequence[_Row], asked: _Asked) -> bool | None:
    """Whether the rows give the asked value; None when they give no value of its kind."""
    if asked.kind == "year":
        years = {year for row in rows for year in row.years}
        return asked.value in years if years else None
    if asked.kind == "pack":
        packs = {pack for row in rows for pack in row.packs}
        return asked.value in packs if packs else None
    if asked.kind == "count":
        # a bare tier counts the row's product; a band with a word counts what the word names ("50 sheets")
        bands = [band for row in rows if row.words & asked.counted for band in row.quantities]
        bands += [(low, high) for row in rows for low, high, noun in row.counted if noun & asked.counted]
        return any(low <= float(asked.value) <= high for low, high in bands) if bands else None
    if asked.kind == "decimal":
        value = float(asked.value)
        decimals = {d for row in rows for d in row.decimals if max(d, value) / min(d, value) <= DECIMAL_SCALE}
        return value in decimals if decimals else None
    if asked.kind == "fraction":
        measured = [row for row in rows if row.measures & asked.counted]
        fraction = asked.value.split()[0]
        offered = {f"{fraction} {form}" for form in asked.counted}
        return any(row.fractions & offered for row in measured) if measured else None
    prefix = _CODE.fullmatch(asked.value)
    codes = {code for row in rows for code in row.codes if prefix and code.startswith(prefix.group(1))}
    return asked.value in codes if codes else None


def missing_row_variant(question: str, passages: Sequence[str]) -> str:
    """The numbered value the question names that the rows naming its product give other values of its kind and
    never it ("2015" for "the 2015 rioja reserva" against a 2018 row; "a5" for colour copies on A5 against A4 and
    A3 rows), or ""."""
    tokens = variant_tokens(_NO_TIME.sub(",", question.lower()))
    if not passages:
        return ""
    naming = {
        token: frozenset(base_forms(token))
        for token in dict.fromkeys(tokens)
        if is_product_word(token) or _CODE.fullmatch(token)
    }
    for asked in list(dict.fromkeys(_asked_values(tokens)))[:MOST_ASKED]:
        rows = _naming_rows(passages, [forms for token, forms in naming.items() if token != asked.value])
        if rows and _offers(rows, asked) is False:
            return f"{asked.kind} {asked.value}"
    return _missing_measure(naming, passages)


def _missing_measure(naming: Mapping[str, frozenset[str]], passages: Sequence[str]) -> str:
    """What the question asks a product sold by that its rows never sell it by, while other rows sell by it: "a
    magnum of the picpoul" against a Picpoul row sold by the bottle and a Rioja row sold by the magnum ("measure
    magnum"), or "". The product's rows must each say what they sell by, and none may name the word anywhere."""
    sold_by = {form for text in passages for row in _rows(text) for form in row.sold_by}
    for token, forms in list(naming.items())[:MOST_ASKED]:
        if not forms & sold_by:
            continue
        rows = _naming_rows(passages, [other for word, other in naming.items() if word != token])
        if rows and all(row.sold_by for row in rows) and not any(forms & (row.measures | row.words) for row in rows):
            return f"measure {token}"
    return ""
