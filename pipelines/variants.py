"""The variant a question names that the passages name other variants of and never this one.

"How much is an iPhone 16 screen?" against a price list whose iPhone rows stop at 15, "iPad Pro 12.9" against
"iPad 9th and 10th generation": every word is in the documents, so the figures of the abstention decision
(pipelines/abstention.py) answer it, with the wrong row. A variant is a model number or code right after a product
word ("iPhone 16", "series 7", "Galaxy S22", "iPad Pro 12.9": one other word may come between), a size before a
unit that a noun follows ("500 g bag", "30 cm cake"), or a count hyphenated to a word ("a 20-class card"). When the
passages name the same product word with variants of their own and none is the asked one (nor a range or series
holding it), the passages answer about another variant; abstention counts that against the score
(abstention.VARIANT_WEIGHT). The customer's own figures are no variant: a number after a function word ("for 20
people", "at 5", "is 14"), before a noun without a unit ("2 loaves"), "3x", times, dates, prices, phone numbers.

Sizes are read as the reply's size rule reads them (pipelines/asked_sizes.py): the size the customer gives is
missing when the passages offer sizes of its kind and no size or band of theirs holds it, in any unit of the kind
("up to 10 kg" holds an 8 kg dog, "1 kg" a "1000 g bag", "6-7 feet" a 2 m tree).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipelines.abstention import base_forms
from pipelines.asked_sizes import (
    DURATION,
    LENGTH,
    SPELLINGS,
    UNIT_PATTERN,
    UNITS,
    Band,
    Size,
    placed_bands,
    written_sizes,
)
from pipelines.common_words import COMMON_WORDS
from pipelines.markdown_tables import is_rule, table_cells
from pipelines.retrieval import PHRASING_WORDS, STOP_WORDS

VARIANT_LOOKBACK = 2  # words before a number that may be its product word ("ipad pro 12.9": "pro", "ipad")
# The units of a size that names a variant: every unit of pipelines/asked_sizes.py but those of time (a "2 hour
# lesson" is how long the customer books, and "hours" never was a variant's unit). "in" for inches is no unit: it
# is as often the word "in", "5 in stock".
SIZE_UNITS = frozenset(unit for unit, (dimension, _) in UNITS.items() if dimension != DURATION)
# A passage's size of another order of magnitude sizes something else: "delivery within 10 km" says nothing of a
# 30 cm pot. A size is compared with the passages' sizes of its kind within this factor of it.
SCALE = 100.0

_MONTHS = "january february march april may june july august september october november december"
_DAYS = "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight weekend"
_TIMES = "am pm h hr hrs min mins minute minutes hour hours day days week weeks month months year years uhr"
_MONEY = "eur euro euros dollar dollars usd pound pounds gbp chf cent cents"
_TIME_WORDS = frozenset(_TIMES.split())
_AMOUNT_WORDS = "age aged old only about around approx approximately than over under up to from between"
# Words that are never a product word: a number after them is the customer's own figure or a time.
NOT_PRODUCT_WORDS = (
    PHRASING_WORDS
    | COMMON_WORDS
    | STOP_WORDS
    | frozenset(f"{_MONTHS} {_DAYS} {_TIMES} {_MONEY} jan feb mar apr jun jul aug sep sept oct nov dec".split())
    | frozenset(_AMOUNT_WORDS.split())
)
# Words after a size that say what it measures, not which thing it sizes: "its about 2.5m wide" states the
# customer's own measure (of a gate), where "a 2.5 m hose" would name a variant.
_MEASURES = "wide width long length high height tall deep depth thick across away big"
MEASURE_WORDS = frozenset(_MEASURES.split())
# Figures that are never a variant, cut out before the words are read: times, dates, prices, phone numbers.
NOT_VARIANTS = re.compile(
    r"\+?\d[\d \-/]{6,}\d"  # phone numbers
    r"|\d{1,2}[:.]\d{2}\s*(?:am|pm|h|uhr)?\b"  # 10:30, 9.30 pm
    r"|\b\d{1,2}\s*(?:am|pm)\b"  # 5pm
    r"|\b\d{1,2}[./]\d{1,2}[./](?:\d{2,4})?"  # 24.12., 24/12/2026
    r"|[€$£]\s*\d+(?:[.,]\d+)?"  # €20
    r"|\d+(?:[.,]\d+)?\s*(?:€|\$|£|eur|euros?|dollars?|pounds?|usd|gbp|chf)\b"  # 20 euro
)
# "|" is a Markdown table's cell edge: a product word and a number in two cells are no variant ("car park | 2").
_VARIANT_TOKEN = re.compile(r"\d+(?:[.,]\d+)?[a-z]*|[a-z]+\d[a-z\d]*|[^\W\d_]+|[-/&,+|]")
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)(?:st|nd|rd|th)?$")
_CODE = re.compile(r"^(?:[a-z]{1,3}\d{1,4}[a-z]{0,2}|\d{1,4}[a-z]{1,2})$")  # s23, a54, 7a, 29er
# A number's plural is the number when the product is counted: "how many grade 2s" asks about grade 2. Otherwise
# an "s" after the number names a model of its own: an "iPhone 5s" is no iPhone 5.
_NUMBER_PLURAL = re.compile(r"^(\d{1,4})s$")
_COUNTING_WORDS = "many few several some any no all more fewer less two three four five six seven eight nine ten"
_COUNTING = frozenset(_COUNTING_WORDS.split())
_LIST_JOINERS = frozenset({"and", "or", ",", "&", "/", "+"})
_RANGE_JOINERS = frozenset({"to", "-", "bis", "through", "till", "until"})


_GLUED_UNIT = re.compile(rf"(\d)({UNIT_PATTERN})\b")  # 250g: the unit read apart from its number


# An en or em dash, or a minus sign, joins a range as a hyphen does.
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})


# Volts and amp-hours are written glued or apart alike ("18V drill", "drill 18 V"): read apart, "18v" is the "18"
# another passage writes. No other letter is split off: an "iPhone 5s" or a "Pixel 7a" is a model of its own.
_GLUED_ELECTRIC = re.compile(r"(\d)(v|ah)\b")


def variant_tokens(text: str) -> list[str]:
    lowered = NOT_VARIANTS.sub(" ; ", text.lower().translate(DASHES))
    return _VARIANT_TOKEN.findall(_GLUED_ELECTRIC.sub(r"\1 \2", _GLUED_UNIT.sub(r"\1 \2", lowered)))


def _hyphened(tokens: Sequence[str], i: int) -> bool:
    """Whether the letter at `i` begins a hyphenated word ("T-shirts", "e-bike", "X-ray"): no series letter. Read as
    one, "Fellside Print & Copy > T-shirts" offered a "copy T" series, and "black and white copies a3" asked for a
    copy the passages did not list."""
    return i + 2 < len(tokens) and tokens[i + 1] == "-" and tokens[i + 2].isalpha()


def variant_value(token: str) -> str | None:
    """The token as a variant ("9th" -> "9", "12,9" -> "12.9", "s23", "7a"), or None: a word, "3x" (a count of
    items), a figure of five digits or more (an order or phone number)."""
    number = _NUMBER.match(token)
    if number:
        digits = number.group(1).replace(",", ".")
        return digits if len(digits.replace(".", "")) <= 4 else None
    if _CODE.match(token) and not re.fullmatch(r"\d+x", token):
        return token
    return None


# A variant before "x" and a number is given with its length ("screws 5 x 40 mm", "M8 x 50 mm"): "x" is no series
# letter and the length no variant of its own, and the list goes on after it.
_TIMES_SIGNS = frozenset({"x", "\u00d7"})


def _is_side(tokens: Sequence[str], i: int) -> bool:
    return i + 2 < len(tokens) and tokens[i + 1] in _TIMES_SIGNS and bool(_NUMBER.match(tokens[i + 2]))


def is_product_word(token: str) -> bool:
    return token.isalpha() and len(token) >= 2 and token not in NOT_PRODUCT_WORDS and token not in SIZE_UNITS


def asked_variants(question: str) -> list[tuple[tuple[str, ...], str]]:
    """The variants a question names by a product word, each with the words that may be its product ("ipad pro
    12.9" gives (("pro", "ipad"), "12.9")), nearest first. Sizes are `asked_item_sizes`."""
    tokens = variant_tokens(question)
    found: list[tuple[tuple[str, ...], str]] = []
    for i, token in enumerate(tokens):
        value = variant_value(token)
        if value is None or (i + 1 < len(tokens) and tokens[i + 1] in SIZE_UNITS | _TIME_WORDS):
            continue  # a size, or a span of time: "pull out of the course 2 weeks before" names no course 2
        products: list[str] = []
        for back in range(1, VARIANT_LOOKBACK + 1):
            word = tokens[i - back] if i - back >= 0 else ""
            if not is_product_word(word):
                break
            products.append(word)
        if products:
            before = tokens[i - len(products) - 1] if i - len(products) >= 1 else ""
            counted = before in _COUNTING or bool(_NUMBER.match(before))
            found.append((tuple(products), _NUMBER_PLURAL.sub(r"\1", value) if counted else value))
    return found




# Sizes that are no variant the customer asks the shop for. A size they ask something be cut or made to ("cut a
# board to 60 cm", "saw it into 1200 mm lengths") is a made-to-measure order: the price list's sizes are its stock,
# not its limits. The size of their own thing ("for my 26 inch wheel", "our 12 kg dog", "tiles for a 3 m
# bathroom") says what they have: only a price list's bands by that size ("large (25 to 40 kg)") can miss it.
CUSTOMERS_REACH = 60  # characters before a size read for the words that make it the customer's own
_SIDES_BEFORE = r"(?:\d+(?:[.,]\d+)?\s?[a-z]{0,6}\s?[x\u00d7]\s?){0,2}"  # "3 m x " before the "2 m" of a 3 m x 2 m room
_OWN_THING = re.compile(rf"\b(?:my|our|his|her|their)\s+{_SIDES_BEFORE}$")
_MADE_TO_SIZE = re.compile(
    r"\b(?:cut|cuts|cutting|trim|trimmed|trimming|saw|sawn|sawing|shorten|shortened|made|make|making)\b"
    r"(?:\s+[\w-]+){0,6}?\s+(?:to|into|at|down\s+to)\s+(?:about\s+|around\s+|roughly\s+|exactly\s+)?$"
)
# A fraction of an inch ("1/2 inch pipe") is a trade's nominal size that no metric size converts to (15 mm pipe is
# sold as the 1/2 inch one): read whole, it is no "2 inch" either.
_FRACTION_BEFORE = re.compile(r"\d\s?/\s?$")
_FOR_A_THING = re.compile(rf"\b(?:for|fits?|fit\s+(?:in|on|into))\s+(?:a|an|the)\s+{_SIDES_BEFORE}$")


def asked_item_sizes(question: str) -> list[tuple[str, Size]]:
    """The sizes of a thing the question names ("500 g bag" gives ("g 500", 0.5 kg), "an 8ft tree" ("ft 8", 2.44 m)),
    not an amount asked for ("can I order 3 kg?", "3 kg of espresso") nor the customer's own measure ("its about
    2.5m wide"): a noun follows the size."""
    return [(label, size) for label, size, _, _ in _asked_item_sizes(question)]


def _asked_item_sizes(question: str) -> list[tuple[str, Size, frozenset[str], bool]]:
    """`asked_item_sizes`, each with the base forms of the words naming the sized thing ("chocolate bars") and
    whether that thing is the customer's own ("for my 26 inch wheel")."""
    text = NOT_VARIANTS.sub(" ; ", question.lower())
    found: list[tuple[str, Size, frozenset[str], bool]] = []
    for written in written_sizes(text):
        if written.size.dimension == DURATION:
            continue
        before = text[max(0, written.start - CUSTOMERS_REACH) : written.start]
        if _MADE_TO_SIZE.search(before) or _FRACTION_BEFORE.search(before):
            continue
        item = _noun_after(text, written.end)
        if item:
            own = bool(_OWN_THING.search(before) or _FOR_A_THING.search(before))
            found.append((f"{SPELLINGS[written.unit.lower()]} {written.value}", written.size, item, own))
    return found


def offered_variants(text: str) -> dict[str, set[str]]:
    """Each product word of a passage with the variants written after it:
    single values, ranges as "lo..hi" ("iPhone 11 to 15"), lists ("iPad 9th and 10th generation"), a series
    letter as "s*" ("Galaxy S and A series")."""
    return {product: set(values) for product, values in _offered_variants(text).items()}


# A shop's popular passages come back message after message, and reading one costs ~0.5 ms (a price table):
# each process keeps what the last few thousand said (a few KiB each), as they are never changed in place.
@functools.lru_cache(maxsize=2048)
def _offered_variants(text: str) -> dict[str, frozenset[str]]:
    tokens = variant_tokens(text)
    offered: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        if not is_product_word(token):
            continue
        values: set[str] = set()
        j = i + 1
        while j < len(tokens):
            value = variant_value(tokens[j])
            if (value is None and len(tokens[j]) == 1 and tokens[j].isalpha() and tokens[j] not in SIZE_UNITS
                    and not _hyphened(tokens, j)):
                value = tokens[j] + "*"  # a series letter
            if value is None:
                break
            end = tokens[j + 2] if j + 2 < len(tokens) else ""
            if value is not None and _is_side(tokens, j):  # "M8 x 50 mm": the model, then its length
                values.add(value)
                j += 4 if j + 3 < len(tokens) and tokens[j + 3] in SIZE_UNITS else 3
            elif j + 1 < len(tokens) and tokens[j + 1] in _RANGE_JOINERS and variant_value(end) is not None:
                values.add(f"{value}..{variant_value(end)}")
                j += 3
            else:
                values.add(value)
                j += 1
            if j < len(tokens) and tokens[j] in _LIST_JOINERS:
                j += 1
        if values:
            offered.setdefault(token, set()).update(values)
    for product, values in _column_variants(text).items():
        offered.setdefault(product, set()).update(values)
    return {product: frozenset(values) for product, values in offered.items()}


# A passage's size offers a size of the asked thing only when it sizes that thing: "Free delivery on orders over
# 2 kg" offers no chocolate bar, "Parking 20 m from the entrance" no planter, "2 m USB cable" no laptop sleeve. A
# size that a noun follows sizes that noun ("250g bags"); another size sizes what its sentence or table row names,
# and counts when that sentence or row names a word of the question, or, a closed size or range, gives a price (a
# price list's row: "Nordmann firs in 5, 6 and 7 ft, from 35 GBP"). An open band counts only beside a word of the
# question: "Parcels up to 2 kg: 4.90 EUR" is a price list's row too, of shipping.
_PARTS = re.compile(r"\n|(?<=[.!?])\s+")
# A size sizing another noun ("30 m reels") sizes the asked thing when its clause names it ("Garden hose, 15 m to
# 30 m reels"), not when only another clause does ("Laptop sleeves for 13 and 14 inch; 2 m USB cable").
_CLAUSE_END = re.compile(r";")
_PRICE = re.compile(
    r"[€$£]\s*\d|\d(?:[.,]\d+)?\s*(?:€|\$|£|eur|euros?|dollars?|pounds?|usd|gbp|chf)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Sized:
    band: Band
    noun: frozenset[str]  # the base forms of the words after the size naming what it sizes; empty for none
    clause: frozenset[str]  # the base forms of its clause's product words, read when it sizes a noun
    open: bool  # "over 2 kg", "up to 31.5 kg": a price beside it is as often a parcel's or an order's


@dataclass(frozen=True)
class _Part:
    """A sentence or table row of a passage: the base forms of its words, whether it gives a price, its sizes."""

    words: frozenset[str]
    priced: bool
    sizes: tuple[_Sized, ...]


def _forms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(form for word in words for form in base_forms(word))


_NOUN_WORDS = re.compile(r"[^\W\d_]+")
NOUN_REACH = 3  # words after a size that may name what it sizes ("1 kg coffee bags")


def _noun_after(text: str, end: int) -> frozenset[str]:
    """The base forms of the product words right after a size ("250g bags of decaf": bags), none for a word
    saying what it measures ("26 cm across") or no product word."""
    words: list[str] = []
    for match in _NOUN_WORDS.finditer(text, end, min(len(text), end + 60)):
        word = match.group().lower()
        if text[end : match.start()].strip() or len(words) == NOUN_REACH:
            break
        if not is_product_word(word) or word in MEASURE_WORDS:
            break
        words.append(word)
        end = match.end()
    return _forms(words)


class _Clauses:
    """The product words of a part's clauses, each read once, found by position."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.ends = [end.start() for end in _CLAUSE_END.finditer(part)] + [len(part)]
        self.read: dict[int, frozenset[str]] = {}

    def words_at(self, at: int) -> frozenset[str]:
        index = bisect.bisect_left(self.ends, at)
        if index not in self.read:
            start = self.ends[index - 1] + 1 if index else 0
            tokens = variant_tokens(self.part[start : self.ends[index]])
            self.read[index] = _forms(token for token in tokens if is_product_word(token))
        return self.read[index]


# A price list may write a column's unit once, in its header ("| Length (m) |" over "| 2.4 |", "length_m: 2.4" in a
# row read from a spreadsheet): each of its figures is a size in that unit.
_UNIT_NAMES = "|".join(sorted(map(re.escape, SIZE_UNITS), key=len, reverse=True))
_HEADER_UNIT = re.compile(rf"(?:\(\s*|_|\bin\s+)({_UNIT_NAMES})\s*\)?$")
_FIELD_UNIT = re.compile(rf"\b([^\W\d_]+)_({_UNIT_NAMES}):\s*(\d+(?:[.,]\d+)?)(?![\w.,])")
_BARE_FIGURES = re.compile(r"^\d+(?:[.,]\d+)?(?:\s*(?:,|/|or|and)\s*\d+(?:[.,]\d+)?){0,7}$")


def _with_column_units(text: str) -> str:
    """The text with the unit its column's header or field name gives written after each bare figure."""
    text = _FIELD_UNIT.sub(r"\1: \3 \2", text)
    if "|" not in text:
        return text
    lines = text.splitlines()
    units: list[str] = []
    for index, (line, following) in enumerate(zip(lines, [*lines[1:], ""], strict=True)):
        cells = table_cells(line)
        if cells is None:
            units = []
        elif is_rule(table_cells(following)):
            units = [match.group(1) if (match := _HEADER_UNIT.search(cell.lower())) else "" for cell in cells]
        elif any(units) and not is_rule(cells):
            written = [
                f"{cell} {unit}" if unit and _BARE_FIGURES.match(cell) else cell
                for cell, unit in zip(cells, [*units, *[""] * len(cells)], strict=False)
            ]
            lines[index] = "| " + " | ".join(written) + " |"
    return "\n".join(lines)


@functools.lru_cache(maxsize=2048)  # read once a process per passage text, as _offered_variants
def _sized_parts(text: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    for part in _PARTS.split(_with_column_units(text)):
        clauses = _Clauses(part)
        sizes = tuple(
            _Sized(placed.band, noun, clauses.words_at(placed.start) if noun else frozenset(), placed.open)
            for placed in placed_bands(part)
            if placed.band.dimension != DURATION
            for noun in [_noun_after(part, placed.end)]
        )
        if sizes:
            words = _forms(token for token in variant_tokens(part) if is_product_word(token))
            parts.append(_Part(words, bool(_PRICE.search(part)), sizes))
    return tuple(parts)


def _sizes_of_item(passages: Sequence[str], item: frozenset[str], asked: frozenset[str]) -> list[Band]:
    """The passages' sizes and bands that size the asked thing (its words `item`; the question's words `asked`)."""
    found: list[Band] = []
    for text in passages:
        for part in _sized_parts(text):
            for sized in part.sizes:
                if sized.noun:
                    counts = bool(sized.noun & item) or bool(sized.clause & item)
                else:
                    counts = bool(part.words & asked) or (part.priced and not sized.open)
                if counts:
                    found.append(sized.band)
    return found


def _sizes_beside_item(passages: Sequence[str], item: frozenset[str]) -> list[Band]:
    """Every size of a sentence or table row naming the asked thing: any of them holding the asked size offers it,
    whatever noun it is written before ("Garden hose, 15 m, 25 m or 50 m reels" offers a 50 m hose)."""
    return [sized.band for text in passages for part in _sized_parts(text) if part.words & item for sized in part.sizes]


# A trade's sizes are written rounded to its own system: an "8 ft" length is the 2.4 m one, a "12 inch" pot the 30
# cm one, an "8 inch" cake the 20 cm one (1.6 % apart). A size this close to an offered one is that size.
NOMINAL = 0.03


def _holds_nominally(band: Band, size: Size) -> bool:
    return size.dimension == band.dimension and band.low * (1 - NOMINAL) <= size.value <= band.high * (1 + NOMINAL)


# A shop that cuts or makes to measure offers every length of what its passage names ("we cut timber and sheets to
# size", "made to measure", "any length"), when that passage names a word of the question.
_MADE_TO_MEASURE = re.compile(
    r"\b(?:cut|made|make|sawn|trimmed)\s+to\s+(?:size|length|measure|your\s+(?:size|length|measurements?))\b"
    r"|\bany\s+(?:size|length|width|height)s?\b",
    re.IGNORECASE,
)


def _comparable(band: Band, size: Size) -> bool:
    """Whether the band sizes the same kind of thing as the size: an edge of it is within SCALE of the size."""
    edges = [edge for edge in (band.low, band.high) if 0 < edge < math.inf]
    return size.value > 0 and any(max(edge, size.value) / min(edge, size.value) <= SCALE for edge in edges)


def _column_variants(text: str) -> dict[str, set[str]]:
    """The variants a Markdown table lists in a column its header names by a product word: "| EDT lesson | What
    we cover |" over rows "| 7 | Emergency stop … |" lists lessons 1 to 12."""
    offered: dict[str, set[str]] = {}
    lines = text.splitlines()
    header: list[str] = []  # the line above a "|---|---|" rule names the columns; a table cut from it names none
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        cells = table_cells(line)
        if cells is None:
            header = []
        elif is_rule(table_cells(following)):
            header = cells
        elif header and not is_rule(cells):
            for name, cell in zip(header, cells, strict=False):
                named = variant_tokens(name)
                value = variant_value(cell.lower())
                if named and is_product_word(named[-1]) and value is not None:
                    offered.setdefault(named[-1], set()).add(value)
    return offered


# A table row or a price list's row writes a product and its variants in cells of their own: "| iPhone | 13, 14, 15
# | 189 |", "item: coach bolts; thread: M8, M10". A cell holding only variants (after its field's name) lists them
# for the product another cell of its row names; a cell with more words ("16 minutes") lists none.
_ROW_CELLS = re.compile(r"\s*\|\s*|;\s+")
_FIELD_NAME = re.compile(r"^[^\W\d_][\w ]{0,30}:\s*")
_VALUE_LIST = re.compile(r"^[\w.]+(?:\s*(?:,|/|&|\band\b|\bor\b)\s*[\w.]+){0,15}$")
_VALUE_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*")


def _row_lists(passages: Sequence[str], products: Sequence[str], value: str) -> bool:
    """Whether a row of the passages names one of the products in a cell and lists the value in another."""
    for text in passages:
        for line in text.lower().splitlines():
            cells = [cell for cell in _ROW_CELLS.split(line) if cell]
            if len(cells) < 2:
                continue
            listing = [
                index
                for index, cell in enumerate(cells)
                for values in [_FIELD_NAME.sub("", cell)]
                if _VALUE_LIST.match(values)
                and value in {variant_value(v) for v in _VALUE_SPLIT.split(values)}
            ]
            naming = [
                index
                for index, cell in enumerate(cells)
                if any(same_product(product, token) for token in variant_tokens(cell) for product in products)
            ]
            if any(name != listed for name in naming for listed in listing):
                return True
    return False


def _covers(offered: str, asked: str) -> bool:
    if offered == asked:
        return True
    if offered.endswith("*"):
        return asked.startswith(offered[:-1]) and asked[len(offered) - 1 :].isdigit()
    if ".." in offered:
        low, high = offered.split("..")
        lo, hi, ask = _split_code(low), _split_code(high), _split_code(asked, suffixed=True)
        if lo and hi and ask and lo[0] == hi[0] == ask[0]:
            return lo[1] <= ask[1] <= hi[1]
    return False


def _split_code(value: str, *, suffixed: bool = False) -> tuple[str, float] | None:
    """A variant as (letters before, number): "s21" -> ("s", 21), "15" -> ("", 15); None for "7a", unless
    `suffixed`: a model with a letter after its number ("5s", "7a") lies in a range by its number."""
    ending = r"[a-z]{0,2}" if suffixed else ""
    match = re.fullmatch(rf"([a-z]*)(\d+(?:\.\d+)?){ending}", value)
    return (match.group(1), float(match.group(2))) if match else None


def same_product(asked: str, offered: str) -> bool:
    return bool(base_forms(asked) & base_forms(offered))


def _missing_size(
    question: str, sizes: Sequence[tuple[str, Size, frozenset[str], bool]], passages: Sequence[str]
) -> str:
    """The label of the first asked size the passages offer others of its kind for its thing and never it."""
    question_words = _forms(token for token in variant_tokens(question) if is_product_word(token))
    made_to_measure = any(
        _MADE_TO_MEASURE.search(text) and _forms(variant_tokens(text)) & question_words for text in passages
    )
    for label, size, item, own in sizes:
        if made_to_measure and size.dimension == LENGTH:
            continue
        sizing = _sizes_of_item(passages, item, question_words)
        kind = [band for band in sizing if band.dimension == size.dimension]
        # the customer's own thing is sized by a price list's bands ("medium (10 to 25 kg)"), never by the sizes
        # of what the shop sells ("tiles for a 3 m bathroom" against "30 x 60 cm tiles")
        known_sizes = [band for band in kind if _comparable(band, size) and not (own and band.low == band.high)]
        holding = [*kind, *_sizes_beside_item(passages, item)]
        if known_sizes and not any(_holds_nominally(band, size) for band in holding):
            return label
    return ""


def missing_variant(question: str, passages: Sequence[str]) -> str:
    """The variant the question names that the passages name other variants of and never this one ("iphone
    16" when they list iPhone 11 to 15; "g 500" for a 500 g bag when they sell 250 g and 1 kg bags; a "20 class
    card" when they sell a "5-class card" and a "10-class card"), or "" when there is none. A product word the
    passages never give a variant says nothing either way, nor does a size of a kind they never give."""
    asked = asked_variants(question)
    sizes = _asked_item_sizes(question)
    counts = asked_counts(question)
    if not passages or not (asked or sizes or counts):  # most questions name no variant: the passages are not read
        return ""
    offered: dict[str, set[str]] = {}
    for text in passages:
        for product, values in _offered_variants(text).items():
            offered.setdefault(product, set()).update(values)
    for products, value in asked:
        known = [values for product in products for name, values in offered.items() if same_product(product, name)]
        if not known:
            continue
        if not any(_covers(v, value) for values in known for v in values) and not _row_lists(
            passages, products, value
        ):
            return f"{products[-1]} {value}"
    missing_size = _missing_size(question, sizes, passages)
    if missing_size:
        return missing_size
    counted: dict[str, set[str]] = {}
    for text in passages:
        for word, values in _offered_counts(text).items():
            counted.setdefault(word, set()).update(values)
    for word, value in counts:
        known = [values for name, values in counted.items() if same_product(word, name)]
        if known and not any(value in values for values in known):
            return f"{value}-{word}"
    return ""


# A count joined to a word by a hyphen names a variant of what the word counts: a "5-class card", a "12-lesson
# package", a "6-week course". A question naming another count in the same place, before the word and a noun it
# qualifies ("a 20 class card", "the 10 lesson block", hyphen or not), asks for a variant the passages do not offer
# when they write the word so and never with that count, hyphenated or not ("block of 10 lessons" offers 10). The
# customer's own figures ("for 20 people", "80 rolls for a school event", "2 westies") name no noun after the word.
_HYPHENS = "-\u2010\u2011"
_COUNTED = re.compile(rf"(?<![\w.,])(\d{{1,3}})[{_HYPHENS}]([^\W\d_]+)")
_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(\d{{1,3}})(?:\s*[{_HYPHENS}]\s*|\s+)([^\W\d_]+)")
# From a word's start only: tried inside a long word, it read the word again at each letter (quadratic).
_COUNT_AFTER = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\s+(?:of\s+)?(\d{1,3})(?![\w.,])")
_ASKED_COUNT = re.compile(rf"(?<![\w.,])(\d{{1,3}})(?:\s*[{_HYPHENS}]\s*|\s+)([^\W\d_]+)\s+([^\W\d_]+)")


def asked_counts(question: str) -> list[tuple[str, str]]:
    """The counted variants a question names: (word, count) for "a 20 class card" or "a 20-class card"."""
    text = NOT_VARIANTS.sub(" ; ", question.lower())
    return [
        (word, count)
        for count, word, noun in _ASKED_COUNT.findall(text)
        if is_product_word(word) and is_product_word(noun) and word not in MEASURE_WORDS
    ]


@functools.lru_cache(maxsize=2048)  # read once a process per passage text, as _offered_variants
def _offered_counts(text: str) -> dict[str, frozenset[str]]:
    """Each word a passage joins a count to by a hyphen ("5-class card" -> class), with every count the passage
    writes it with, hyphenated or not ("10 reformer classes" is no count of "class"; "block of 10 lessons" is)."""
    lowered = NOT_VARIANTS.sub(" ; ", text.lower())
    hyphenated = {word for _, word in _COUNTED.findall(lowered) if is_product_word(word)}
    counted: dict[str, set[str]] = {}
    for count, word in [*_COUNT_BEFORE.findall(lowered), *((c, w) for w, c in _COUNT_AFTER.findall(lowered))]:
        named = [h for h in hyphenated if same_product(word, h)]
        for name in named:
            counted.setdefault(name, set()).add(count)
    return {word: frozenset(values) for word, values in counted.items()}
