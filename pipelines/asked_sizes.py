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

# Each kind of size's units, and each unit's factor to the first one (kg, m, l).
_FACTORS = {
    MASS: {"kg": 1.0, "kgs": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0, "g": 0.001,
           "gram": 0.001, "grams": 0.001, "lb": 0.4536, "lbs": 0.4536},
    LENGTH: {"m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0, "mm": 0.001, "cm": 0.01,
             "km": 1000.0, "ft": 0.3048, "feet": 0.3048, "foot": 0.3048, "inch": 0.0254, "inches": 0.0254},
    VOLUME: {"l": 1.0, "litre": 1.0, "litres": 1.0, "liter": 1.0, "liters": 1.0, "ml": 0.001},
    DURATION: {"hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0, "min": 1 / 60, "mins": 1 / 60,
               "minute": 1 / 60, "minutes": 1 / 60},
}
_UNITS = {unit: (dimension, factor) for dimension, units in _FACTORS.items() for unit, factor in units.items()}
# A comma before exactly three digits is a thousands separator ("1,000 g"); before fewer, a decimal one ("1,5 kg").
_NUMBER = r"\d+(?:,\d{3}(?!\d))*(?:[.,]\d+)?"
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_SIZE = re.compile(rf"(?<![\w.,])(?P<value>{_NUMBER})[\s-]?(?P<unit>{_UNIT})\b", re.IGNORECASE)
# A band as a price list writes it: "25 to 40 kg", "5-6 ft", "10kg\u201325kg", "10 kg to 25 kg", "over 40 kg",
# ">40 kg", "up to 10 kg", "<10 kg", "40+ kg", "25kg+", "25 kg and over", "90 cm".
_BAND = re.compile(
    rf"(?:(?P<above>(?:over|above|more\s+than|from|at\s+least)\s+|(?:>=?|\u2265)\s*)"
    rf"|(?P<below>(?:up\s+to|under|below|less\s+than|max\.?)\s+|(?:<=?|\u2264)\s*))?"
    rf"(?<![\w.,])(?P<low>{_NUMBER})"
    rf"(?:\s?(?P<low_unit>{_UNIT})?\s?(?:-|\u2013|\u2014|to)\s?(?P<high>{_NUMBER}))?"
    rf"\s?(?P<plus>\+)?\s?(?P<unit>{_UNIT})\b"
    rf"(?:\s?(?P<plus_after>\+)|\s+(?P<above_after>and\s+(?:over|above|up)|or\s+(?:more|over|above))\b"
    rf"|\s+(?P<below_after>or\s+(?:less|under|below))\b)?",
    re.IGNORECASE,
)

# A span of time said of a moment, not of the thing: a deadline or a wait ("cancel up to 24 h before", "48 hours in
# advance", "within 14 days", "its about 30 hours away"). A lesson row whose note says "cancel up to 24 h before" is
# no 24-hour lesson, and a customer counting the hours to a booking gives no lesson's length.
_MOMENT_AFTER = re.compile(
    r"\s*(?:before|beforehand|ahead|in\s+advance|prior|notice|away|after|later|earlier|ago|from\s+now)\b",
    re.IGNORECASE,
)
_MOMENT_BEFORE = re.compile(r"\b(?:within|in\s+the\s+last|in\s+the\s+first)\s+(?:up\s+to\s+)?$", re.IGNORECASE)


def _is_moment(text: str, match: re.Match[str]) -> bool:
    """Whether a duration found in the text dates a moment rather than sizing the thing."""
    if _unit(match["unit"])[0] != DURATION:
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(_MOMENT_AFTER.match(text, match.end()) or _MOMENT_BEFORE.search(before))


@dataclass(frozen=True)
class Size:
    dimension: str
    value: float  # in the dimension's base unit


def _number(text: str) -> float:
    return float(_THOUSANDS.sub("", text).replace(",", "."))


def _unit(name: str) -> tuple[str, float]:
    return _UNITS[name.lower()]


def asked_sizes(question: str) -> tuple[Size, ...]:
    """The sizes the customer gives ("32 kilos", "45cm"): none for most questions."""
    sizes = []
    for match in _SIZE.finditer(question):
        if _is_moment(question, match):
            continue
        dimension, factor = _unit(match["unit"])
        sizes.append(Size(dimension, _number(match["value"]) * factor))
    return tuple(sizes)


def size_free(text: str) -> str:
    """The text without its sizes and size bands."""
    return _BAND.sub(" ", text)


def fits(text: str, sizes: Sequence[Size]) -> bool | None:
    """Whether a sentence's size or band holds one of the asked sizes; None when it names no size of their kind."""
    verdict: bool | None = None
    for match in _BAND.finditer(text):
        if _is_moment(text, match):
            continue
        dimension, factor = _unit(match["unit"])
        asked = [s.value for s in sizes if s.dimension == dimension]
        if not asked:
            continue
        low_dimension, low_factor = _unit(match["low_unit"]) if match["low_unit"] else (dimension, factor)
        if low_dimension != dimension:
            continue
        low = _number(match["low"]) * low_factor
        high = _number(match["high"]) * factor if match["high"] else low
        if not match["high"] and (match["above"] or match["plus"] or match["plus_after"] or match["above_after"]):
            high = math.inf
        elif not match["high"] and (match["below"] or match["below_after"]):
            low = 0.0
        if any(low * (1 - 1e-9) <= value <= high * (1 + 1e-9) for value in asked):
            return True
        verdict = False
    return verdict
