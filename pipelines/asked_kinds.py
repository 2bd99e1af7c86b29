"""What kind of figure a question asks for, by its form, and whether a sentence holds one.

Customers ask "what time …", "how late …", "how long …", "how far ahead …", "do you charge …" and mean a figure of
one kind: a clock time, a span of time, an amount of money. A sentence can share the question's words and hold no
such figure ("Between 48 and 24 hours before, we charge half the lesson price." for "how late do lessons go on
weekdays?"); the answer is then often a sentence a little further down the ranking that holds one ("Monday to
Friday: office 09:00 to 17:30, lessons 07:00 to 21:00.").
"""

from __future__ import annotations

import re

CLOCK, SPAN, MONEY = "clock time", "span of time", "money"

# The forms that ask for a clock time: "what time …", "how late/early …", "till when", "what are your hours".
_ASKS_CLOCK = re.compile(
    r"\bwhat\s+time\b|\bhow\s+(?:late|early)\b|\b(?:till|until|til)\s+when\b"
    r"|\bwhat\s+(?:are\s+)?(?:your|the|ur)\s+(?:opening\s+)?hours\b|\bopening\s+(?:hours|times)\b"
)
# The forms that ask for a span of time: "how long …", "how far ahead/in advance", "how soon/quickly/fast".
_ASKS_SPAN = re.compile(r"\bhow\s+(?:long|soon|quick(?:ly)?|fast)\b|\bhow\s+far\s+(?:ahead|in\s+advance|before)\b")
# The forms that ask about money: "how much is/for/to …" (not "how much caffeine"), a price, a cost, a charge.
_ASKS_MONEY = re.compile(
    r"\bhow\s+much\s+(?:is|are|r|does|do|would|will|to|for|it|its|it's|a|an|the|per|each)\b"
    r"|\b(?:price|prices|priced|cost|costs|charge|charges|charged|fee|fees|expensive|cheap|cheaper)\b"
)

_CLOCK = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\bnoon\b|\bmidnight\b", re.IGNORECASE
)
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a\s+few|a\s+couple\s+of|few"
_UNITS = r"min|mins|minute|minutes|hr|hrs|hour|hours|day|days|night|nights|week|weeks|month|months|year|years"
_SPAN = re.compile(
    # "20 minutes", "2 to 3 working days", "a few weeks", "12-month"
    rf"\b(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})(?:\s*(?:-|to|\u2013|or)\s*\d+)?[\s-]?"
    rf"(?:(?:working|business|full|clear|calendar)\s)?(?:{_UNITS})\b"
    # "how long have you been going" is answered by when it began: "since 1968".
    r"|\bsince\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    # A price list's amount may stand without its currency ("99.00 per month"): two decimals, not a clock time.
    r"\b\d+[.,]\d{2}\b(?!\s?(?:am|pm|a\.m|p\.m|h\b|uhr\b))"
    r"|[€$£₦₹]\s?\d|\d\s?[€$£₦₹]|\d(?:[.,]\d+)?\s?(?:eur|euro|euros|usd|gbp|chf)\b|\bfree\b|\bno\s+charge\b",
    re.IGNORECASE,
)
_HOLDS = {CLOCK: _CLOCK, SPAN: _SPAN, MONEY: _MONEY}


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of figure the question's form asks for: none for most questions."""
    text = " ".join(question.lower().replace("\u2019", "'").split())
    forms = ((CLOCK, _ASKS_CLOCK), (SPAN, _ASKS_SPAN), (MONEY, _ASKS_MONEY))
    return frozenset(kind for kind, form in forms if form.search(text))


def holds(text: str, kinds: frozenset[str]) -> bool:
    """Whether the sentence holds a figure of one of the asked kinds."""
    return any(_HOLDS[kind].search(text) for kind in kinds)
