"""The thing an availability question names by two words together that the passages hold only apart.

"do you do hearing tests too" finds an optician's "eye test" and "a hearing loop at the counter"; "do you sell wine
racks" a wine merchant's "rack of 24" wine glasses; "do u run any lead climbing courses?" a climbing gym's bouldering
courses. Every word is the documents' own, so nothing counts as unknown, yet no passage speaks of the thing asked
for: its two words never stand together. Where the passages do speak of it, its words stand within a few words of
each other ("a trade account, which gives 15% off": "trade" beside "account", and so not every such thing is found
together; hence a weight, not a decision, in pipelines/abstention.py).

Read only for questions asking whether the business has or does a thing ("do you sell/do/offer/run/stock X", "is
there X", "have you got X"): in "how much is X" the words are a product's name and its variant, which a price list
writes in cells apart. Two neighbouring words of what is asked (abstention.asked_for), neither a role verb ("sell")
nor a word whose absence says nothing (abstention.untelling).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Sequence

from pipelines.abstention import ROLE_VERBS, untelling
from pipelines.retrieval import _TOKEN, STOP_WORDS, same_word

# How far apart, in words, the two may stand in a passage and still name the thing together ("courses in climbing").
WINDOW = 3
_AVAILABILITY = re.compile(
    r"\b(?:do|does|can|could)\s+(?:you|u|ya|ye)\s+(?:guys\s+)?(?:also\s+|still\s+|even\s+)?"
    r"(?:do|sell|offer|stock|have|run|carry|make|teach)\b"
    r"|\bis\s+there\b|\bare\s+there\b|\bhave\s+(?:you|u|ye)\s+(?:got|a|an|any)\b"
)


def held_apart(question: str, passages: Sequence[str], asked: Collection[str]) -> str:
    """The first two neighbouring words of the thing an availability question asks for (`asked`, from
    abstention.asked_for) that the passages hold, each somewhere, but never within WINDOW words of each other
    ("hearing tests"), or ""."""
    text = question.lower()
    if not passages or not _AVAILABILITY.search(text):
        return ""
    tokens = _TOKEN.findall(text)
    for first, second in itertools.pairwise(tokens):
        if _named(first, asked) and _named(second, asked) and first != second and _apart(first, second, passages):
            return f"{first} {second}"
    return ""


def _named(word: str, asked: Collection[str]) -> bool:
    return word in asked and word not in ROLE_VERBS and word not in STOP_WORDS and not untelling(word)


def _apart(first: str, second: str, passages: Sequence[str]) -> bool:
    seen_first = seen_second = False
    for passage in passages:
        words = _TOKEN.findall(passage.lower())
        at_first = [i for i, w in enumerate(words) if same_word(first, w)]
        at_second = [i for i, w in enumerate(words) if same_word(second, w)]
        if at_first and at_second and any(_within(i, at_second) for i in at_first):
            return False
        seen_first, seen_second = seen_first or bool(at_first), seen_second or bool(at_second)
    return seen_first and seen_second


def _within(position: int, others: Sequence[int]) -> bool:
    """Whether one of `others` (ascending) stands within WINDOW words of `position`."""
    at = bisect.bisect_left(others, position - WINDOW)
    return at < len(others) and others[at] <= position + WINDOW
