"""How many things a customer gives, and which of the business's count bands holds that number.

Customers give the number of things they mean: "if I get 12 bottles, do I get money off", "25 gift boxes for
clients", "how much to print my logo on 20 tees". Price lists and terms give tiers by count: "| 12 to 23 | 10% off |"
under "Bottles of wine", "For 20 or more gift boxes we give 10% off", "printed t-shirt, 10 to 24: 11.50 GBP". The
tiers' sentences share the question's words alike and score alike, so which tier led the reply was the embedding's
guess ("6 to 11: 5% off" for 30 bottles); the band holding the customer's number is the answer.

Sizes with a unit ("32 kilos", "a 2 hour lesson") are pipelines/asked_sizes.py's; a count is a bare number before
the things counted, and a band counts the same things or names none. An age is counted apart: "she's 9", "my 10 yr
old" against a children's price list's "children's cut, 5 to 11" or "children aged 2 to 7"; only an age band holds it,
and an age band holds nothing else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.asked_sizes import UNITS

# Words after a number that make it no count of things: spans of time (asked_sizes reads lengths of time), money,
# shares, ordinals' endings, the calendar and the clock, and repetitions.
_NOT_COUNTED = frozenset({
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day",
    "days", "working", "week", "weeks", "wk", "wks", "month", "months", "year", "years", "yr", "yrs", "yo", "times",
    "time", "x", "percent", "per", "pct", "%", "st", "nd", "rd", "th", "am", "pm", "o'clock", "eur", "euro", "euros",
    "usd", "dollar", "dollars", "gbp", "pound", "pounds", "quid", "cent", "cents", "pence", "p", "k", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}) | frozenset(UNITS)
# Plural nouns without an "s" that customers count.
_IRREGULAR = frozenset({"people", "children", "kids", "men", "women", "staff", "guests", "persons", "pax", "folk"})
# Words that end the search for the counted noun: the number's phrase is over.
_PHRASE_END = frozenset({"of", "for", "in", "on", "at", "to", "and", "or", "but", "with", "from", "a", "an", "the",
                         "is", "are", "do", "does", "can", "will", "would", "i", "we", "you", "it", "that", "this",
                         "please", "each", "per", "every", "how", "what", "when", "any", "if"})
# One spelling of what a count counts: "persons", "guests" and "people" count the same.
_SAME = {"person": "people", "guest": "people", "pax": "people", "folk": "people", "adult": "people",
         "serving": "people", "portion": "people"}  # a cake "for 15 people" is a cake of 14-16 servings
NOUN_REACH = 3  # words after a number read for the noun it counts ("25 gift boxes", "12 bottles")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|[%+:]")
# A whole number standing alone: not part of a decimal, a time ("09:00"), an amount ("£28"), a code or a date.
_NUMBER = re.compile(r"(?<![\w.,:/#£€$\u2013-])\d{1,5}(?![\w/%°\u00b0]|[.,:-]\d)")
# Age bands are no counts of things ("Adults 16 to 64", "aged 12 to 16": see AGE), garment sizes none at all
# ("children's sizes 3-4").
_AGES = re.compile(
    r"(?:adults?|child(?:ren)?(?:'s)?|kids?|ages?|aged|teens?|seniors?|juniors?|students?|sizes?|under-)\W*$", re.I
)
AGE_REACH = 20  # characters before a band read for an age or size word
_SIZES = re.compile(r"sizes?\W*$", re.I)
_A_SIZE = re.compile(r"\bsizes?\b", re.I)
# An age band: "5 to 11 years", "aged 2 to 7", or a row or sentence about children giving a band of nothing it
# names ("children, children's cut, 5 to 11: 18.00 EUR", "children, first haircut, under 3: 12.00 EUR").
AGE = "age"  # what an age counts, as a Count's and a CountBand's noun
_YEARS_AFTER = re.compile(r"\s?(?:-\s?)?(?:years?|yrs?)\b", re.I)
_YOUNG = re.compile(
    r"\b(?:child|children|childrens|children's|kids?|kids'|junior|juniors|teens?|toddlers?|babies|baby)\b", re.I
)
YOUNG_REACH = 40  # characters before a band read for who it is for
# The age the customer gives: "my 9 yr old", "a 5 year old", "my 16yo", "aged 12", "she's 9", "my son is 6". After a
# person the number must end the phrase, so "she's 55kg" and "hes 32 kilos" are weights, not ages.
_PERSON = (r"(?:he|she|hes|shes|he's|she's|he\u2019s|she\u2019s|son|daughter|lad|girl|boy|kid|child|grandson"
           r"|granddaughter|nephew|niece)")
_ASKED_AGE = re.compile(
    r"(?<![\w.,:/#£€$])(\d{1,2})\s?(?:-\s?)?(?:years?|yrs?)[\s-]?olds?\b"
    r"|(?<![\w.,:/#£€$])(\d{1,2})\s?yo\b"
    r"|\b(?:aged?|turning|turns|turned)\s+(\d{1,2})\b(?![.,:]\d)"
    rf"|\b{_PERSON}(?:\s+is|\s+will\s+be|\s+just\s+turned)?\s+(?:only\s+|just\s+)?(\d{{1,2}})"
    r"(?=\s*(?:$|[,.!?;)]|(?:and|but|so|now|next|in|years?|yrs?)\b))",
    re.I,
)
_OF_US = re.compile(r"\s+of\s+us\b", re.IGNORECASE)  # "there's 10 of us": people
# "a team of 12 from work", "a group of 8", "party of 20": people counted by the company they come in.
_COMPANY_OF = re.compile(r"\b(?:group|team|party|class|crowd|gang|bunch|table|family)\s+of\s+(\d{1,4})\b", re.I)
# A table cell that is a count tier alone ("12 to 23", "24 or more", "50+"): its column names what it counts.
_BARE_TIER = re.compile(
    r"(?:\d{1,5}\s?(?:to|-|\u2013)\s?\d{1,5}|\d{1,5}\s?\+|\d{1,5}\s+(?:or|and)\s+(?:more|over|above|up)"
    r"|(?:up\s+to|under|over|more\s+than|fewer\s+than|less\s+than|at\s+least)\s+\d{1,5})",
    re.IGNORECASE,
)

# A count band as terms and price lists write it, each alternative read at one place (no nested repetition).
_BAND = re.compile(
    r"(?<![\w.,:/#£€$])(?:"
    r"between\s+(?P<between_low>\d{1,5})\s+and\s+(?P<between_high>\d{1,5})"
    r"|(?P<low>\d{1,5})\s?(?:to|-|\u2013|\u2014)\s?(?P<high>\d{1,5})"
    r"|(?P<open_low>\d{1,5})(?:\s?\+|\s+(?:or|and)\s+(?:more|over|above|up))"
    r"|(?:over|more\s+than|above|at\s+least|minimum(?:\s+of)?|min\.?)\s+(?P<above>\d{1,5})"
    r"|(?:up\s+to|under|fewer\s+than|less\s+than|below|at\s+most|maximum(?:\s+of)?|max\.?)\s+(?P<below>\d{1,5})"
    r")(?![\w/%°\u00b0]|[.,:]\d|\s?(?:to|-|\u2013)\s?\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Count:
    value: int
    noun: str  # what is counted, in one spelling ("bottle", "box", "people"; see _noun)


@dataclass(frozen=True)
class CountBand:
    """The counts a tier is for: "12 to 23" (12, 23), "24 or more" (24, inf), "up to 12 bottles" (0, 12)."""

    low: float
    high: float
    noun: str = ""  # what it counts, when it says ("bottle" of "up to 12 bottles"); "" for a bare tier

    def counts(self, count: Count) -> bool:
        """Whether the band speaks of the counted things: it names them, or names nothing (of things: an age is
        held only by an age band)."""
        return self.noun == count.noun or (not self.noun and count.noun != AGE)

    def holds(self, count: Count) -> bool:
        return self.counts(count) and self.low <= count.value <= self.high


def _noun(word: str) -> str:
    """One spelling of a plural noun: "bottles" -> "bottle", "boxes" -> "box", "t-shirts" -> "tshirt"."""
    word = word.lower().replace("-", "").replace("'", "").replace("\u2019", "")
    if word in _IRREGULAR:
        single = "people" if word in ("persons", "guests", "pax", "folk") else word
    elif word.endswith(("xes", "ches", "shes", "sses")):
        single = word[:-2]
    else:
        single = word[:-1]
    return _SAME.get(single, single)


def _is_plural(word: str) -> bool:
    lowered = word.lower()
    if lowered in _IRREGULAR:
        return True
    return (len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s", "\u2019s"))
            and lowered not in _NOT_COUNTED)


def _counted_noun(text: str, end: int) -> str | None:
    """The noun the number ending at `end` counts ("" when none is named), or None when the number is no count (a
    time, an amount, a length of time, a date, a share)."""
    words = _WORD.findall(text[end : end + 60])
    if words and (words[0].lower() in _NOT_COUNTED or words[0] == "%"):
        return None
    for word in words[:NOUN_REACH]:
        lowered = word.lower()
        if lowered in _NOT_COUNTED or lowered in _PHRASE_END or word in "%+:":
            break
        if _is_plural(word):
            return _noun(word)
    return ""


def asked_counts(question: str) -> tuple[Count, ...]:
    """The numbers of things the customer gives ("12 bottles", "25 gift boxes", "there's 10 of us"); a number
    followed by no plural noun counts nothing the customer names, and is left out."""
    found = []
    for match in _NUMBER.finditer(question):
        noun = _counted_noun(question, match.end())
        if noun is None:
            continue
        if not noun and _OF_US.match(question, match.end()):
            noun = "people"
        if noun:
            found.append(Count(int(match.group()), noun))
    found += [Count(int(match.group(1)), "people") for match in _COMPANY_OF.finditer(question)]
    found += [Count(int(next(g for g in match.groups() if g)), AGE) for match in _ASKED_AGE.finditer(question)]
    return tuple(dict.fromkeys(found))


def count_bands(text: str) -> tuple[CountBand, ...]:
    """The count tiers a sentence offers ("12 to 23", "24 or more bottles", "for up to 12 bottles")."""
    found = []
    for match in _BAND.finditer(text):
        before = text[max(0, match.start() - AGE_REACH) : match.start()]
        if _SIZES.search(before):
            continue
        noun = _counted_noun(text, match.end())
        wide = text[max(0, match.start() - YOUNG_REACH) : match.start()]
        if not _A_SIZE.search(wide) and (
            _AGES.search(before) or _YEARS_AFTER.match(text, match.end()) or (noun == "" and _YOUNG.search(wide))
        ):
            noun = AGE
        if noun is None:
            continue
        if match["between_low"]:
            low, high = float(match["between_low"]), float(match["between_high"])
        elif match["low"]:
            low, high = float(match["low"]), float(match["high"])
            if low >= high:
                continue  # "24-7", "3-1": no tier
        elif match["open_low"]:
            low, high = float(match["open_low"]), math.inf
        elif match["above"]:
            low, high = float(match["above"]) + (0 if match.group().lower().startswith(("at", "min")) else 1), math.inf
        else:
            low, high = 0.0, float(match["below"])
        found.append(CountBand(low, high, noun))
    return tuple(found)


def fits(text: str, counts: Sequence[Count]) -> bool | None:
    """Whether one of the sentence's count tiers holds one of the customer's counts; False when its tiers of those
    things hold none; None when it has no tier of them."""
    verdict: bool | None = None
    for band in count_bands(text):
        speaks = [count for count in counts if band.counts(count)]
        if not speaks:
            continue
        if any(band.holds(count) for count in speaks):
            return True
        verdict = False
    return verdict


def tightest(text: str, counts: Sequence[Count]) -> tuple[bool, float]:
    """How closely the sentence's best tier holding a count fits it, to rank tiers that all hold it: one naming the
    counted things first, then the highest lower edge ("24 or more" before "6 or more" for 30 bottles: the
    higher tier is the one that applies)."""
    holding = [(bool(band.noun), band.low) for band in count_bands(text) for count in counts if band.holds(count)]
    return max(holding, default=(False, -math.inf))


def counted_cell(column: str, value: str) -> str:
    """A table cell as a customer reads it when it is a count tier alone under a column naming what it counts: "12 to
    23 bottles of wine" of "| Bottles of wine | ... |" and "| 12 to 23 | ... |", so the row says what it counts (and
    `count_bands` reads it); any other cell as it is ("250" under "Quantity", "1" under "EDT lesson")."""
    words = column.split()
    if not words or not _BARE_TIER.fullmatch(value.strip()) or not _is_plural(words[0].strip("*_")):
        return value
    return f"{value.strip()} {' '.join(column.replace('_', ' ').split()).lower()}"


_NOT_ALNUM = re.compile(r"[\W_]+")


def tier_free(row: str) -> str:
    """What a price list's row sells without its count tier: "groups group session people" of both "groups, group
    session, 4 to 8 people: 22.00 per person" and "…, 9 to 15 people: 19.50 per person", the rows of one item's
    tiers."""
    label = row.partition(": ")[0]
    return " ".join(_NOT_ALNUM.sub(" ", _BAND.sub(" ", label).lower()).split())
