"""Words that ask for a figure the documents write without naming it.

"whats your eircode for the sat nav", "postcode for the satnav pls", "whats ur landline": a business's
documents write its postcode ("22 Bridge Street, Westport, F28 X2K7") and phone number ("call 098 27 415"), seldom
the words "postcode", "eircode" or "landline". Read by words alone, the question shares nothing with the
passage that answers it, which then ranks low, and its words count as ones no document uses. A passage holding the
figure such a word asks for holds that word (pipelines/retrieval.py, coverage), and the word is no unknown one when
a passage the reply reads holds it. The full-text index holds them for such a chunk too (see FIGURE_WORDS), so the
keyword search finds it.
"""

from __future__ import annotations

import functools
import re

POSTCODE, PHONE = "postcode", "phone number"

# The words that ask for each figure; the full-text index adds them to a chunk holding it (migration
# 20261205000100_kb_chunks_figure_words.sql; keep the two in step). A sat nav is asked about for the postcode it is
# given. Words that ask for other things too are left out: "number" ("what number bus"), "call" ("call-out fee"),
# "phone" and "mobile" (a phone shop sells them), "ring" (a jeweller's), "zip" (zip ties), "sat" (Saturday),
# "email" (as often a service: "do you do email marketing"); a document naming them answers by its own words.
FIGURE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("postcode", "postcodes", "eircode", "eircodes", "zipcode", "postal", "satnav", "nav", "gps", "navigation"),
        POSTCODE,
    ),
    **dict.fromkeys(("telephone", "tel", "landline"), PHONE),
}

_FIGURES = {
    POSTCODE: re.compile(
        # UK ("SY8 1DA", "GL51 9RT"), Irish Eircode ("F28 X2K7"), US state and ZIP ("CA 94103"), and a continental
        # postcode before its town after a street and its number ("Hauptstraße 5, 10115 Berlin"; a price row's
        # "cards, 1000 Business cards" is none)
        r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
        r"|\b[AC-FHKNPRTV-Y]\d[0-9W]\s?[0-9AC-FHKNPRTV-Y]{4}\b"
        r"|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"
        r"|\b[^\W\d_]{3,}\s\d{1,4}[a-z]?,\s*(?:[A-Z]-)?\d{4,5}\s+[A-ZÄÖÜÉ][a-zäöüßéèà]+"
    ),
    # a leading 0 or an international prefix, then 7 to 13 digits in groups: "098 27 415", "01904 628 415",
    # "+353 45 123 456"; no price, time or date has that shape
    PHONE: re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ \-]?)?\(?0?\d{2,5}\)?(?:[ \-]\d{2,5}){1,3}(?![\w.,]\d)"),
}
PHONE_DIGITS = (7, 13)


def figure_asked(word: str) -> str | None:
    """The kind of figure a word asks for, or None."""
    return FIGURE_WORDS.get(word)


@functools.lru_cache(maxsize=2048)
def _holds(text: str, kind: str) -> bool:
    pattern = _FIGURES[kind]
    if kind != PHONE:
        return pattern.search(text) is not None
    low, high = PHONE_DIGITS
    return any(
        low <= sum(c.isdigit() for c in m.group(0)) <= high and (m.group(0).startswith(("0", "+", "(0")))
        for m in pattern.finditer(text)
    )


# Questions that ask for the figure with no word of it: "where r u exactly?", "whats the number to ring ye". Read by
# words alone they hold none a passage shares ("exactly", "ring"), so the passage with the address or the phone
# number never ranks; the figure's own word is searched beside them (`asked_by_phrase`). Only the business asked
# about: "where are you from?" and "what's the number of the bus" ask nothing of the kind, and "whats the number for
# the vet" asks for another's.
_ASKED_PHRASES = (
    (POSTCODE, re.compile(r"\bwhere(?:abouts)?\s+(?:are|r)\s+(?:you|u|ye|ya|yous)(?:\s+guys)?"
                          r"(?:\s+(?:exactly|based|located|situated|now|at))?\s*(?:[?.!,;]|$)"
                          # the business's own place: "wheres your shop exactly", "where's the office?" ("where is
                          # the test centre" asks for another place)
                          r"|\bwhere(?:abouts)?(?:'s|\u2019s|s|\s+is)\s+(?:(?:your|ur)\s+(?:\w+\s+)?|the\s+)"
                          r"(?:shop|store|office|studio|practice|salon|workshop|premises|showroom|bakery|clinic|gym"
                          r"|centre|center)"
                          r"(?:\s+(?:exactly|based|located|situated))?\s*(?:[?.!,;]|$)", re.I)),
    (PHONE, re.compile(r"\b(?:what'?s|whats|what\s+is)\s+(?:the|your|ur|yr)\s+(?:phone\s+|contact\s+)?number\b"
                       r"(?!\s+(?:of|for)\b)|\bnumber\s+(?:to|i\s+can|we\s+can)\s+(?:ring|call|phone|reach)\b"
                       r"|\b(?:ring|call|phone)\s+(?:you|u|ye|ya)\s+on\b", re.I)),
)
_WORD_OF = {POSTCODE: "postcode", PHONE: "telephone"}


def asked_by_phrase(text: str) -> list[str]:
    """The figure words a question asks for by its phrasing alone ("where r u exactly?" -> postcode)."""
    return [_WORD_OF[kind] for kind, pattern in _ASKED_PHRASES if pattern.search(text)]


def holds_figure(word: str, text: str) -> bool:
    """Whether the text holds the figure the word asks for ("eircode" and "F28 X2K7")."""
    kind = FIGURE_WORDS.get(word)
    return kind is not None and _holds(text, kind)
