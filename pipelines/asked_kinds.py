"""What kind of figure a question asks for, by its form, and whether a sentence holds one.

Customers ask "what time …", "how late …", "how long …", "how far ahead …", "do you charge …" and mean a figure of
one kind: a clock time, a span of time, an amount of money. A sentence can share the question's words and hold no
such figure ("Between 48 and 24 hours before, we charge half the lesson price." for "how late do lessons go on
weekdays?"); the answer is then often a sentence a little further down the ranking that holds one ("Monday to
Friday: office 09:00 to 17:30, lessons 07:00 to 21:00.").

The same words ask for other things too: "how long is the cable" asks for a length, "how much do the puppies eat"
for a quantity, "can I charge my phone" for a socket; and "17.30", "gluten-free" hold no money. Each form below is
narrowed to the reading that asks for (or states) the figure.
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
# "how long is/are <a thing>" asks for its length ("how long is the hedge trimmer cable", "how long are your
# baguettes") unless the thing takes or lasts time ("how long is a pilates class", "how long is the wait"), is said to
# be valid or kept ("how long is a gift card valid"), or is a person or "it" ("how long are you open").
_HOW_LONG_IS = re.compile(r"\bhow\s+long(?:\s+(?:is|are|was|were)|'s)\s+(?P<thing>[^?.!,;:()]*)")
# The thing named ends where a preposition, a conjunction or what is said of it begins ("the warranty | on a repair").
_THING_ENDS = re.compile(
    r"on|for|in|at|of|with|to|from|if|when|while|and|or|but|before|after|during|per|each|valid|good|open|kept|left"
    r"|available|closed|usually|normally|roughly|approximately|about"
)
_PERSONS = re.compile(r"it|that|this|you|u|he|she|they|we|i|there")
_VALIDITY = re.compile(r"valid|good|kept|open|left")
_TIMED = re.compile(
    # things that take or last time: events, services, waits, validity
    r"(?:lesson|class|session|course|workshop|wait|waiting|queue|delivery|shipping|postage|repair|service|servicing"
    r"|groom|grooming|appointment|treatment|warranty|guarantee|trial|membership|subscription|contract|booking|visit"
    r"|stay|tour|test|exam|drive|journey|trip|break|holiday|notice|period|term|turnaround|process|procedure"
    r"|consultation|fitting|diagnosis|check|coaching|hire|rental|loan|offer|sale|season|life|lifespan|time"
    r"|steep|steeping|brew|bake|roast|retreat|camp|programme|program|package|pause|freeze|hold|reservation)(?:e?s)?"
)
# "how much is/for/to …" asks about money ("how much caffeine" is not read at all); "how much does/do … <verb>" too,
# unless the verb asks a quantity ("how much does a 5-6 ft tree weigh", "how much do the puppies eat") and no money
# word stands beside it ("how much do I need to pay").
_HOW_MUCH = re.compile(r"\bhow\s+much\s+(?:is|are|r|to|for|it|its|it's|a|an|the|per|each)\b")
_HOW_MUCH_DOES = re.compile(r"\bhow\s+much\s+(?:does|do|did|would|will|should|can|could)\b(?P<rest>[^?.!,;]*)")
_QUANTITY_VERB = re.compile(
    r"\b(?:weigh|eat|drink|need|hold|take|fit|carry|feed|water|grow|sleep|measure|contain|produce|yield|cover|use)"
    r"\b"
)
_MONEY_WORD = re.compile(r"\b(?:cost|pay|charge|spend|save|price|fee|fees|deposit|off|discount)\b")
# A price, a cost, a fee, the charges; "charge" only where it is one ("is there a charge", "do you charge (for)",
# "will I be charged"), not "who is in charge" or "can I charge my phone".
_ASKS_MONEY = re.compile(
    r"\b(?:price|prices|priced|cost|costs|fee|fees|charges|expensive|cheap|cheaper)\b"
    r"|\b(?:a|an|any|extra|additional|no|the|your|ur|what|you|u|ya|they|we|be|being|get|got|gets|getting)"
    r"\s+charge[sd]?\b"
    r"(?!\s+(?:my|your|his|her|our|their|its|it|them)\b)"
    r"|\bcharge[sd]?\s+(?:for|to|extra|anything|more|per|me|us)\b"
)

_HOUR = r"(?:[01]?\d|2[0-4])"
_CLOCK_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_NOT_PRICE = r"(?!\s?(?:eur|euro|euros|usd|gbp|chf|per\b|each\b|a\s|an\s|/)|[€$£])"
# A time written with a point ("8.30", "17.30") reads as money when it stands alone in a price list ("from 19.90"):
# it is a clock after a word that places an hour ("at 8.30", "close at 17.30", "until 18.00") or in a range of two
# ("8.30-13.00", "9.00 to 17.30").
_DOTTED_CLOCK = re.compile(
    rf"\b(?:at|until|till|til|by|before|after|around|between|open|opens|close|closes|closing|opening)\s+"
    rf"{_HOUR}\.[0-5]\d\b{_NOT_PRICE}"
    rf"|\b{_HOUR}\.[0-5]\d\s?(?:-|\u2013|to|until|till|and)\s?{_HOUR}\.[0-5]\d\b{_NOT_PRICE}",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\bnoon\b|\bmidnight\b"
    rf"|\b(?:half|quarter)\s+(?:past|to)\s+(?:\d{{1,2}}|{_CLOCK_WORDS})\b|\b(?:\d{{1,2}}|{_CLOCK_WORDS})\s+o'?clock\b",
    re.IGNORECASE,
)
# Opening hours as a range of bare hours ("9-5", "open 9 to 5", "8-18 daily"), not a count ("2-3 days", "5-6 ft"):
# after "open"/"hours", or ending the clause or followed by the days.
_BARE_HOURS = re.compile(
    r"(?<![\d.,])\b(?P<open>\d{1,2})\s?(?:-|\u2013)\s?(?P<close>\d{1,2})\b"
    r"(?=\s*(?:$|[.,;!?)](?!\d)|daily\b|every\b|weekdays\b|(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day|days|s)?\b))"
    r"|\b(?:open|opens|hours)\s+(?:from\s+)?(?P<opens>\d{1,2})\s?(?:-|\u2013|to|till|until)\s?(?P<closes>\d{1,2})\b"
    r"(?!\s?[\w%])",
    re.IGNORECASE,
)
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a\s+few|a\s+couple\s+of|few"
_UNITS = r"min|mins|minute|minutes|hr|hrs|hour|hours|day|days|night|nights|week|weeks|month|months|year|years"
_SPAN = re.compile(
    # "20 minutes", "2 to 3 working days", "a few weeks", "12-month", "48h"
    rf"\b(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})(?:\s*(?:-|to|\u2013|or)\s*\d+)?[\s-]?"
    rf"(?:(?:working|business|full|clear|calendar)\s)?(?:{_UNITS})\b|\b\d+(?:[.,]\d+)?\s?h\b"
    # "how long have you been going" is answered by when it began: "since 1968".
    r"|\bsince\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    # A price list's amount may stand without its currency ("99.00 per month"): two decimals, not a clock time.
    r"\b\d+[.,]\d{2}\b(?!\s?(?:am|pm|a\.m|p\.m|h\b|uhr\b))"
    r"|[€$£₦₹]\s?\d|\d\s?[€$£₦₹]|\d(?:[.,]\d+)?\s?(?:eur|euro|euros|usd|gbp|chf)\b|\bno\s+charge\b"
    # "free" as no money: "free of charge", "for free", "free delivery", "is free", "free from €80"; not
    # "gluten-free", "free from traces of nuts", "free parking spaces", "free on Sundays", "when a place becomes free".
    r"|\bfree\s+of\s+charge\b|\bfor\s+free\b|\bfree\s+(?:from|over|above)\s+(?:[€$£]|\d)"
    r"|(?<![\w-])(?<!feel )(?<!become )(?<!becomes )(?<!are you )free\b(?!-)"
    r"(?!\s+(?:of|from|time|times|parking|space|spaces|place|places|spot|spots|seat|seats|slot|slots|range|hand"
    r"|standing|on\s+(?:mon|tue|wed|thu|fri|sat|sun|weekend|weekday|public|bank|holiday)))",
    re.IGNORECASE,
)
# What a product is made without, written apart ("gluten free bread", "sugar free syrup"): no money.
_MADE_WITHOUT = re.compile(
    r"\b(?:gluten|sugar|dairy|nut|grain|peat|lactose|fat|alcohol|caffeine|egg|soy|wheat|cruelty|plastic)\s+free\b",
    re.IGNORECASE,
)


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of figure the question's form asks for: none for most questions."""
    text = " ".join(question.lower().replace("\u2019", "'").split())
    asks = ((CLOCK, bool(_ASKS_CLOCK.search(text))), (SPAN, _asks_span(text)), (MONEY, _asks_money(text)))
    return frozenset(kind for kind, asked in asks if asked)


def holds(text: str, kinds: frozenset[str]) -> bool:
    """Whether the sentence holds a figure of one of the asked kinds."""
    return any(_holds(text, kind) for kind in kinds)


def _holds(text: str, kind: str) -> bool:
    if kind == CLOCK:
        hours = any(_are_hours(found) for found in _BARE_HOURS.finditer(text))
        return hours or bool(_CLOCK.search(text) or _DOTTED_CLOCK.search(text))
    if kind == SPAN:
        return bool(_SPAN.search(text))
    return bool(_MONEY.search(_MADE_WITHOUT.sub(" ", _DOTTED_CLOCK.sub(" ", text))))


def _are_hours(found: re.Match[str]) -> bool:
    """An opening and a closing hour: "9-5" on a 12-hour clock, "8-18" on a 24-hour one; not "2-3" or "9-12"."""
    opens, closes = int(found["open"] or found["opens"]), int(found["close"] or found["closes"])
    return 6 <= opens <= 12 and (1 <= closes < min(opens, 10) or 13 <= closes <= 24)


def _asks_span(text: str) -> bool:
    """A span form, unless every "how long" in it asks the length of a thing that takes no time."""
    if not _ASKS_SPAN.search(text):
        return False
    lengths = [m for m in _HOW_LONG_IS.finditer(text) if _is_length(m["thing"])]
    if not lengths:
        return True
    # Another span form beside the length ("how long is the cable and how soon can you deliver").
    rest = text
    for m in reversed(lengths):
        rest = rest[: m.start()] + rest[m.start("thing") :]
    return bool(_ASKS_SPAN.search(rest))


def _is_length(thing: str) -> bool:
    words = thing.split()
    if not words or _PERSONS.fullmatch(words[0]) or any(_VALIDITY.fullmatch(word) for word in words):
        return False
    named = []
    for word in words:
        if _THING_ENDS.fullmatch(word):
            break
        named.append(word)
    return bool(named) and not _TIMED.fullmatch(named[-1])


def _asks_money(text: str) -> bool:
    if _ASKS_MONEY.search(text) or _HOW_MUCH.search(text):
        return True
    # "how much does/do …": unless a quantity verb asks and no money word stands beside it.
    rests = [m["rest"] for m in _HOW_MUCH_DOES.finditer(text)]
    return any(not _QUANTITY_VERB.search(rest) or _MONEY_WORD.search(rest) for rest in rests)
