"""The other side's spelling of a word. American and British English write some words apart ("color" and "colour",
"license" and "licence", "center" and "centre", "organize" and "organise", "canceled" and "cancelled", "tire" and
"tyre"), and a business writes its documents one way while its customers write either: a Dublin driving school's
"licence" would leave an American's "license" a word no document holds, searched for in vain and counted against
answering. Neither spelling is a typo, so the typo rules (pipelines/typos.py, which never read an English word as
another) do not apply; these rules name the variants, and pipelines/typos.py reads a question's word as one only
where the passages found hold it.

The rules are the regular patterns of the two spellings (as listed by dictionaries' notes on American and British
spelling) at a word's end, each read both ways, with the irregular pairs named. A rule only ever proposes a variant:
a question's word is read as one only where the passages hold it, so "tour" is no "tor" and "dense" no "dence". The
American spellings of a British word also tell the typo rules that it is an English word ("colour": "color" is in
their American lexicon), so a made-up British-looking form ("numbre") passes for one too.
"""

from __future__ import annotations

import re

# (American, British, what comes before, the endings kept as written) at a word's end; each is read both ways.
_PATTERNS = (
    # not after "c": "scoring" is no "scouring"
    ("or", "our", "(?<=[a-z][abd-z])", "(s|ed|ing|ite|ites|ful|less|able)?"),  # color, favorite, honorable
    ("er", "re", "(?<=[a-z][bdfghkmnpstvz])", "(s)?"),  # center, theater, liter, fiber, meager
    # three letters before: "prize" is no "prise"
    ("iz", "is", "(?<=[a-z]{3})", "(e|ed|es|ing|er|ers|ation|ations)"),  # organize, personalized, customizing
    ("yz", "ys", "(?<=[a-z]{2})", "(e|ed|es|ing|er|ers)"),  # analyze, paralyzed
    ("el", "ell", "(?<=[a-z])", "(ed|ing|er|ers|ation|ations|ist|ists|or|ors)"),  # canceled, traveling, jeweler
    ("ense", "ence", "(?<=[a-z]{2})", "(s|d)?"),  # license, defense, offense
    ("og", "ogue", "(?<=[a-z]{3})", "(s)?"),  # catalog, dialog, analog
)
_PAIRS = {
    "aluminum": "aluminium", "celiac": "coeliac", "cozy": "cosy", "curb": "kerb", "donut": "doughnut",
    "draft": "draught", "enroll": "enrol", "enrollment": "enrolment", "fulfill": "fulfil", "gray": "grey",
    "installment": "instalment", "jewelry": "jewellery", "mold": "mould", "mom": "mum", "pajamas": "pyjamas",
    "plow": "plough", "program": "programme", "skeptical": "sceptical", "skillful": "skilful", "tire": "tyre",
    "yogurt": "yoghurt",
}
_TO_BRITISH = tuple((re.compile(f"{before}{a}{endings}$"), rf"{b}\1") for a, b, before, endings in _PATTERNS)
_TO_AMERICAN = tuple((re.compile(f"{before}{b}{endings}$"), rf"{a}\1") for a, b, before, endings in _PATTERNS)
_BRITISH_PAIRS = {british: american for american, british in _PAIRS.items()}


def variants(word: str) -> set[str]:
    """The word's other spellings by the rules above (lowercase in, lowercase out); none for most words."""
    return _spelt(word, _TO_BRITISH, _PAIRS) | american(word)


def american(word: str) -> set[str]:
    """The word's American spellings, were it a British one ("colour": "color"); none for most words."""
    return _spelt(word, _TO_AMERICAN, _BRITISH_PAIRS)


def _spelt(word: str, rules: tuple[tuple[re.Pattern[str], str], ...], pairs: dict[str, str]) -> set[str]:
    found = {rule.sub(replace, word) for rule, replace in rules if rule.search(word)}
    singular = word[:-1] if word.endswith("s") else word
    if word in pairs:
        found.add(pairs[word])
    elif singular in pairs:
        found.add(pairs[singular] + "s")
    return found - {word}

