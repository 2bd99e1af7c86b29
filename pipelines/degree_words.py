"""Superlatives and comparatives: words of a question that say how the customer asks, not what the documents would have
to hold. The abstention decision (pipelines/abstention.py) counts a topic word no document uses against the answer;
these say nothing of whether the documents answer.

A superlative, or a comparative before "than", of an adjective asks for an order among what the documents list:
"whats the *cheapest* pair of frames", "the *earliest* slot", "*quicker* than a week". A price list never writes
"cheapest"; its prices answer it. (What a possessive introduces, "to *my mum* in cardiff", was measured as the
customer's context too, counted as an everyday aside word: it moved no decision on the dev splits of eleven suites,
so it is not kept.)
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipelines.retrieval import _TOKEN, PHRASING_WORDS, STOP_WORDS

# "-est" after at least three letters, "-iest" for a "-y" adjective ("earliest"); "-er" only before "than": a word
# ending in "-er" is as often a thing ("printer", "poster", "sticker") as a comparative.
_SUPERLATIVE = re.compile(r"\b([a-z]{3,}?)(i?)est\b")
_COMPARATIVE = re.compile(r"\b([a-z]{3,}?)(i?)er\s+than\b")
# Irregular degrees of everyday adjectives.
IRREGULAR_DEGREES = frozenset(("best", "better", "worst", "worse"))


def _adjective_bases(stem: str, y_form: bool) -> set[str]:
    """What the stem of "-est"/"-er" may be the adjective of: "cheap" (cheapest), "late" (latest), "big"
    (biggest), "early" (earliest)."""
    if y_form:
        return {stem + "y"}
    bases = {stem, stem + "e"}
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        bases.add(stem[:-1])
    return bases


def degree_words(question: str, vocabulary: Collection[str]) -> set[str]:
    """The superlatives and comparatives ("… than") of the question whose adjective is a whole word of the
    vocabulary, and the irregular ones ("best", "better"). A function word is no adjective ("forest" is no "for" +
    est)."""
    text = question.lower()
    found = {w for w in _TOKEN.findall(text) if w in IRREGULAR_DEGREES}
    for pattern in (_SUPERLATIVE, _COMPARATIVE):
        for match in pattern.finditer(text):
            stem, y_form = match.group(1), bool(match.group(2))
            bases = {b for b in _adjective_bases(stem, y_form) if b not in STOP_WORDS and b not in PHRASING_WORDS}
            if not bases.isdisjoint(vocabulary):
                found.add(match.group(0).split()[0])
    return found
