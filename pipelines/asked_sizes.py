"""The size a customer gives, and whether a price list's row is for it.

Customers give the size they mean as a figure: "hes 32 kilos", "a 45cm terracotta pot", "the 12kg bag", "a 2 hour
lesson". Price lists give one row a size or a size band: "large (25 to 40 kg)", "giant (over 40 kg)", "small (up to
10 kg)", "5-6 ft", "length 120 minutes".
The rows of the bands share every word of the question ("full groom", "double coat", "Golden Retriever") and score
alike, so which of them lead a reply was a coin toss of the embedding; the band that holds the customer's figure
is the answer, and the bands that exclude it answer another dog, pot or bag.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

MASS, LENGTH, VOLUME, DURATION = "mass", "length", "volume", "duration"
DATA, POWER, CHARGE, OUNCES = "data", "power", "charge", "ounces"

# Each kind of size's units, and each unit's factor to the first one (kg, m, l). An ounce is a kind of its own: a
# "12 oz" cup is fluid ounces, a "12 oz" bag of beans ounces by weight.
_FACTORS = {
    MASS: {"kg": 1.0, "kgs": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0, "g": 0.001,
           "gram": 0.001, "grams": 0.001, "mg": 1e-6, "lb": 0.4536, "lbs": 0.4536},
    LENGTH: {"m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0, "mm": 0.001, "cm": 0.01,
             "km": 1000.0, "ft": 0.3048, "feet": 0.3048, "foot": 0.3048, "inch": 0.0254, "inches": 0.0254},
    VOLUME: {"l": 1.0, "litre": 1.0, "litres": 1.0, "liter": 1.0, "liters": 1.0, "ml": 0.001, "cl": 0.01},
    DURATION: {"hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0, "min": 1 / 60, "mins": 1 / 60,
               "minute": 1 / 60, "minutes": 1 / 60},
    DATA: {"gb": 1.0, "tb": 1000.0},
    POWER: {"w": 1.0},
    CHARGE: {"mah": 1.0},
    OUNCES: {"oz": 1.0},
}
# Each unit as written (lowercased), with its kind of size and its factor.
UNITS = {unit: (dimension, factor) for dimension, units in _FACTORS.items() for unit, factor in units.items()}
# Each unit's one spelling, the first of its kind with its factor: "kilos" is "kg", "feet" "ft", "metre" "m".
SPELLINGS = {
    unit: next(name for name, other in units.items() if other == factor)
    for units in _FACTORS.values()
    for unit, factor in units.items()
}
# A band's edges are written rounded: "6 ft" is a "1.83 m" tree, "1 lb" a "450 g" bag.
ROUNDING = 0.01
# A comma before exactly three digits is a thousands separator ("1,000 g"); before fewer, a decimal one ("1,5 kg").
_NUMBER = r"\d+(?:,\d{3}(?!\d))*(?:[.,]\d+)?"
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")
# Longest first, so "mm" is not read as "m"; behind a letter's lookahead, so a figure no letter follows is passed
# over without trying every unit (a long run of figures is read in a few ms).
UNIT_PATTERN = "(?=[^\\W\\d_])(?:" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")"
_UNIT = UNIT_PATTERN
_SIZE = re.compile(rf"(?<![\w.,])(?P<value>{_NUMBER})[\s-]?(?P<unit>{_UNIT})\b", re.IGNORECASE)
# A band as a price list writes it: "25 to 40 kg", "5-6 ft", "10kg\u201325kg", "10 kg to 25 kg", "between 5 and 7
# ft", "over 40 kg", ">40 kg", "up to 10 kg", "<10 kg", "40+ kg", "25kg+", "25 kg and over", "90 cm".
_BAND = re.compile(
    rf"(?:(?P<above>(?:over|above|more\s+than|from|at\s+least)\s+|(?:>=?|\u2265)\s*)"
    rf"|(?P<below>(?:up\s+to|under|below|less\s+than|max\.?)\s+|(?:<=?|\u2264)\s*)|(?P<between>between\s+))?"
    rf"(?<![\w.,])(?P<low>{_NUMBER})"
    rf"(?:(?:[\s-]?(?P<low_unit>{_UNIT}))?\s?(?P<joiner>(?(between)and|(?:-|\u2013|\u2014|\u2212|to|/)))\s?"
    rf"(?P<high>{_NUMBER}))?"
    rf"(?:\s?(?P<plus>\+)\s?|[\s-]?)(?P<unit>{_UNIT})\b"
    rf"(?:\s?(?P<plus_after>\+)|\s+(?P<above_after>and\s+(?:over|above|up)|or\s+(?:more|over|above))\b"
    rf"|\s+(?P<below_after>or\s+(?:less|under|below))\b)?",
    re.IGNORECASE,
)
# A list of sizes one unit ends: "5, 6 and 7 ft", "10 or 12 inch": the values before a single size's band, at most
# eight within LIST_REACH characters (read only there: a long run of figures is no size list, and a message holding
# one is read in linear time). A comma in a list is followed by a space: "1,5 kg" is one size. Dimensions one unit
# ends are read so too: "25 x 38 mm" and "2440 x 1220 mm" give each side in millimetres, not the last alone.
LIST_REACH = 64
_LISTED_NUMBER = r"\d+(?:\.\d+)?"
_LIST_BEFORE = re.compile(
    rf"(?<![\w.,])(?:{_LISTED_NUMBER}(?:\s?,\s|\s(?:and|or|&)\s|\s?[x\u00d7]\s?)){{1,8}}\Z", re.IGNORECASE
)
_LISTED_VALUE = re.compile(_LISTED_NUMBER)
_TIMES_SIGN = re.compile(r"[x\u00d7]", re.IGNORECASE)

# A span of time said of a moment, not of the thing: a deadline or a wait ("cancel up to 24 h before", "48 hours in
# advance", "within 14 days", "its about 30 hours away"). A lesson row whose note says "cancel up to 24 h before" is
# no 24-hour lesson, and a customer counting the hours to a booking gives no lesson's length. A hyphen joins the
# word to another ("3 hours after-care" is no moment).
_MOMENT_AFTER = re.compile(
    r"\s*(?:before|beforehand|ahead|in\s+advance|prior|notice|away|after|later|earlier|ago|from\s+now)(?![\w-])",
    re.IGNORECASE,
)
_MOMENT_BEFORE = re.compile(r"\b(?:within|in\s+the\s+last|in\s+the\s+first)\s+(?:up\s+to\s+)?$", re.IGNORECASE)
# "before"/"after" a point of the clock or the day places a booked span ("the court for 2 hours after 6pm", "a kayak
# for 3 hours before sunset", "1 hour after 5 pm"), and "for" before the length sizes it ("for 2 hours after
# school"): no moment. Before or after an event it dates one ("pick up 2 hours after school", "24 h before the
# lesson").
_BEFORE_OR_AFTER = re.compile(r"\s*(?:before|after)\s+", re.IGNORECASE)
_POINT_IN_TIME = re.compile(
    r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\d{1,2}:\d{2}\b|\d{1,2}\s?o'?clock\b"
    r"|(?:noon|midnight|sunset|sunrise|dusk|dawn|dark|closing|opening)\b)",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"\bfor\s+(?:about\s+|around\s+|another\s+|an?\s+extra\s+)?$", re.IGNORECASE)


def _is_moment(text: str, match: re.Match[str]) -> bool:
    """Whether a duration found in the text dates a moment rather than sizing the thing."""
    if _unit(match["unit"])[0] != DURATION:
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    if _MOMENT_BEFORE.search(before):
        return True
    if not _MOMENT_AFTER.match(text, match.end()):
        return False
    placed = _BEFORE_OR_AFTER.match(text, match.end())
    return not (placed and (_POINT_IN_TIME.match(text, placed.end()) or _FOR_BEFORE.search(before)))


def moment_free(text: str) -> str:
    """The text without the durations that date a moment ("cancel up to 24 hours before it starts")."""
    return _SIZE.sub(lambda match: " " if _is_moment(text, match) else match.group(), text)


# "5G", "4g", "3G" glued to their digit name a mobile network, not grams: always when the G is a capital, and a
# lowercase one beside a word of phones or networks or a model code ("galaxy a54 5g", "5g phones", "4g sim").
_NETWORK = re.compile(r"[2-6]G", re.IGNORECASE)
_NETWORK_WORDS = re.compile(
    r"\b(?:(?:smart)?phones?|mobiles?|cell|networks?|sims?|esim|signal|data|coverage|lte|routers?|modems?|hotspots?"
    r"|wifi|tariffs?|contracts?|plans?|iphone|galaxy|pixel|[a-z]{1,3}\d{1,4}[a-z]?)\b",
    re.IGNORECASE,
)
NETWORK_REACH = 24  # characters either side of a lowercase "5g" read for a word of phones


def _is_network(text: str, match: re.Match[str]) -> bool:
    """Whether a size found in the text is a mobile network's generation ("5G") rather than grams."""
    written = text[match.start("low") if "low" in match.re.groupindex else match.start("value") : match.end("unit")]
    if not _NETWORK.fullmatch(written):
        return False
    if written.endswith("G"):
        return True
    start, end = max(0, match.start() - NETWORK_REACH), match.end() + NETWORK_REACH
    return bool(_NETWORK_WORDS.search(text, start, end))


@dataclass(frozen=True)
class Size:
    dimension: str
    value: float  # in the dimension's base unit


@dataclass(frozen=True)
class Band:
    """The sizes a price list's row is for, in the dimension's base unit: "25 to 40 kg" is (25, 40), "over 40 kg"
    (40, inf), "up to 10 kg" (0, 10), "90 cm" (0.9, 0.9)."""

    dimension: str
    low: float
    high: float

    def holds(self, size: Size) -> bool:
        return (
            size.dimension == self.dimension
            and self.low * (1 - ROUNDING) <= size.value <= self.high * (1 + ROUNDING)
        )


def _number(text: str) -> float:
    return float(_THOUSANDS.sub("", text).replace(",", "."))


def _unit(name: str) -> tuple[str, float]:
    return UNITS[name.lower()]


@dataclass(frozen=True)
class Written:
    """A size as the text writes it: its value and unit, and where it ends."""

    size: Size
    value: str
    unit: str
    end: int
    start: int = 0


def written_sizes(text: str) -> list[Written]:
    """The sizes a text gives ("32 kilos", "45cm"), each with how it is written."""
    found: list[Written] = []
    for match in _SIZE.finditer(text):
        if _is_moment(text, match) or _is_network(text, match):
            continue
        dimension, factor = _unit(match["unit"])
        found.append(Written(Size(dimension, _number(match["value"]) * factor), match["value"], match["unit"],
                             match.end(), match.start()))
    return found


def asked_sizes(question: str) -> tuple[Size, ...]:
    """The sizes the customer gives ("32 kilos", "45cm"): none for most questions."""
    return tuple(written.size for written in written_sizes(question))


def size_free(text: str) -> str:
    """The text without its sizes and size bands."""
    return _BAND.sub(" ", text)


def bands(text: str) -> tuple[Band, ...]:
    """The sizes and size bands a text offers, in every unit (`Band`); a list offers each of its sizes."""
    return tuple(placed.band for placed in placed_bands(text))


@dataclass(frozen=True)
class Placed:
    """A size or band a text offers, and where its writing starts (a list's first value) and ends."""

    band: Band
    start: int
    end: int
    open: bool  # "over 40 kg", "up to 10 kg": every size on one side of an edge


def placed_bands(text: str) -> list[Placed]:
    """The sizes and size bands a text offers (`bands`), each with where the text writes it."""
    found: list[Placed] = []
    for match in _BAND.finditer(text):
        if _is_moment(text, match) or _is_network(text, match):
            continue
        dimension, factor = _unit(match["unit"])
        low_dimension, low_factor = _unit(match["low_unit"]) if match["low_unit"] else (dimension, factor)
        if low_dimension != dimension:
            continue
        low = _number(match["low"]) * low_factor
        high = _number(match["high"]) * factor if match["high"] else low
        if match["joiner"] == "/" and low >= high:
            low = high  # "5 / 1 kg" is a price and a size, not a range; only "10 / 25 kg" reads as one
        is_open = False
        if not match["high"] and (match["above"] or match["plus"] or match["plus_after"] or match["above_after"]):
            high, is_open = math.inf, True
        elif not match["high"] and (match["below"] or match["below_after"]):
            low, is_open = 0.0, True
        start = match.start()
        listed_bands: list[Band] = []
        if low == high and not match["high"]:
            listed = _LIST_BEFORE.search(text, max(0, match.start() - LIST_REACH), match.start())
            if listed and dimension != LENGTH and _TIMES_SIGN.search(listed.group()):
                listed = None  # "4 x 60 g", "6 x 60 minutes": a count of the size, no side of a thing
            if listed:
                start = listed.start()
                listed_bands = [Band(dimension, float(value) * factor, float(value) * factor)
                                for value in _LISTED_VALUE.findall(listed.group())]
        found.append(Placed(Band(dimension, low, high), start, match.end(), is_open))
        found.extend(Placed(band, start, match.end(), False) for band in listed_bands)
    return found


def fits(text: str, sizes: Sequence[Size]) -> bool | None:
    """Whether a sentence's size or band holds one of the asked sizes; None when it names no size of their kind."""
    verdict: bool | None = None
    for band in bands(text):
        asked = [size for size in sizes if size.dimension == band.dimension]
        if not asked:
            continue
        if any(band.holds(size) for size in asked):
            return True
        verdict = False
    return verdict
