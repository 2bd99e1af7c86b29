"""A customer's slip of the thumb on one of the business's own words: "punture" for "puncture", "sevice" for
"service", "austira" for "Austria", "appoitnment" for "appointment".

The keyword index matches words as written and the abstention decision counts a word no document holds as unknown
(and one outside the English words as rare, three times over), so one mistyped letter sent a plain question to the
don't-know reply: with one typo in the longest word of each question of the evaluation suites, three answerable
questions in four (tests/bench/test_typo_bench.py). Such a word is read as the word one edit away (a letter
dropped, added, changed, or two neighbours swapped: the optimal string alignment distance) that the passages the
search found hold, else as the English word one edit away (the search then finds the passages holding it), under
rules that keep a real word the documents do not hold from being read as one they do:

- the customer's word is no whole English word (the embedding model's whole-word vocabulary): "hearing" never
  becomes "heating", and "do you do hearing tests" stays a question about something the business does not offer;
- it has at least MIN_CHARS letters: a short word is one edit from too many others ("tea", "tee", "ten");
- the passages' word starts with the same letter: a slip seldom hits the first one ("sevice" is "service", not
  "device");
- exactly one word of the passages (else of English) is that near, its forms counted once ("service" and
  "services" are one word; "paperbacks" is near where the passages hold "paperback"); with two ("prise": "price",
  "pride") nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

MIN_CHARS = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[^\W\d_]+")
# Endings that make one word's forms: a correction found as "service" and "services" is one correction.
_ENDINGS = frozenset(("s", "es", "d", "ed", "ing"))


def one_edit_away(word: str) -> set[str]:
    """Every string one letter dropped, added, changed or two neighbours swapped away from `word` (a-z only)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]}
    changed = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    added = {a + c + b for a, b in splits for c in _LETTERS}
    return (dropped | swapped | changed | added) - {word}


def _form_of(word: str, base: str) -> bool:
    """Whether `word` is `base` or `base` with an ending ("services", "serviced"; "servicing" for "service")."""
    if word == base:
        return True
    stems = (base, base[:-1]) if base.endswith("e") else (base,)
    return any(word.startswith(stem) and word[len(stem) :] in _ENDINGS for stem in stems)


def _held(word: str, words: Collection[str]) -> bool:
    """The word, or its singular or plural, is one of `words` ("harnesss" is no plural of "harness")."""
    return word in words or word + "s" in words or (word.endswith("s") and word[-2] != "s" and word[:-1] in words)


def _the_one(edits: Iterable[str], words: Collection[str]) -> str | None:
    """The one word of `words` (in some form) among the edits; "" for several, None for none."""
    near = [w for w in edits if _held(w, words)]
    if not near:
        return None
    base = min(near, key=len)  # of one word's forms, the shortest: its base form as a rule
    return base if all(_form_of(w, base) for w in near) else ""


def corrections(unknown: Iterable[str], passage_words: Collection[str], english: Collection[str]) -> dict[str, str]:
    """Each of the question's `unknown` words (lowercased; held by no document) read as one of `passage_words` (the
    lowercased words of the passages the search found) or of `english` (whole English words), by the rules above;
    the words left as they are are absent."""
    found: dict[str, str] = {}
    for word in unknown:
        if len(word) < MIN_CHARS or not word.isalpha() or not word.isascii() or word in english:
            continue
        edits = [w for w in one_edit_away(word) if w[0] == word[0]]
        meant = _the_one(edits, passage_words)
        if meant is None:  # the passages hold no word that near: an English one, which the search then finds
            meant = _the_one(edits, english)
        if meant:
            found[word] = meant
    return found


def corrected(text: str, fixes: Mapping[str, str]) -> str:
    """The text with each mistyped word (in any case) replaced by its correction; the rest exactly as written."""
    if not fixes:
        return text
    return _WORD.sub(lambda m: fixes.get(m.group().lower(), m.group()), text)
