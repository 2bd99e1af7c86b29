"""A customer's slip of the thumb on one of the business's own words: "punture" for "puncture", "sevice" for
"service", "austira" for "Austria", "appoitnment" for "appointment".

The keyword index matches words as written and the abstention decision counts a word no document holds as unknown
(and one outside the English words as rare, three times over), so one mistyped letter sent a plain question to the
don't-know reply: with one typo in the longest word of each question of the evaluation suites, three answerable
questions in four (tests/bench/test_typo_bench.py). Such a word is read as the word one edit away (a letter
dropped, added, changed, or two neighbours swapped: the optimal string alignment distance) that the passages the
search fetched hold, else as the English word one edit away (the search then finds the passages holding it), under
rules that keep a real word the documents do not hold from being read as one they do:

- the customer's word is no English word (a lexicon of ~160,000, American; a British spelling of its words counts):
  "hearing" never becomes "heating", and "do you do hearing tests" stays a question about something the business
  does not offer; "colour" is never read as "color" for being outside the lexicon, nor "fibre" as "fire"; "parka",
  "pinot" stay too;
- it has at least MIN_CHARS letters: a short word is one edit from too many others ("tea", "tee", "ten");
- the passages' word starts with the same letter: a slip seldom hits the first one ("sevice" is "service", not
  "device");
- exactly one word of the passages is that near, its forms counted once ("service" and "services" are one word;
  "paperbacks" is near where the passages hold "paperback"); with two ("prise": "price", "pride") nothing is
  guessed. Where the passages hold none, the English word that near, common (MIN_FREQUENCY) and far commoner than
  any other that near (DOMINANCE: "shold" is "should", not "sold"), which the question is then judged by whether
  the documents hold it or not (services/usecases/answering.py). A word the lexicon lacks can be misread so: the
  German "stollen" as "stolen", a name the documents do not hold ("morag") as "moral".

Before all this, a word the passages write the other side of the Atlantic's way ("color" for their "colour",
"license" for "licence") is read as theirs, whatever its length and though it is an English word
(pipelines/spellings.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Protocol

from pipelines import spellings

MIN_CHARS = 5
# A longer word is no word ("pneumonoultramicroscopic" has 24 letters) and its edits cost the square of its length.
MAX_CHARS = 30
# An English word read for a typo is at least this common (counts of the lexicon, a plural's with its singular's:
# "saturday" 1,439, "puncture" 4,347, "shoal" 482) and this many times commoner than the next word as near
# ("credit" 76,573 against "crest" 2,198; "price" 76,035 against "pride" 32,563 is no reading).
MIN_FREQUENCY = 500
DOMINANCE = 10
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[^\W\d_]+")
# Endings that make one word's forms: a correction found as "service" and "services" is one correction.
_ENDINGS = frozenset(("s", "es", "d", "ed", "ing"))


class Lexicon(Protocol):
    """English words and their counts in a body of text (services/adapters/english_lexicon.py)."""

    def __contains__(self, word: object) -> bool: ...
    def frequency(self, word: str) -> int: ...


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
    stems = (base, base[:-1]) if base.endswith("e") else (base, base[:-1] + "i") if base.endswith("y") else (base,)
    return any(word.startswith(stem) and word[len(stem) :] in _ENDINGS for stem in stems)


def _held(word: str, words: Collection[str]) -> bool:
    """The word, or its singular or plural, is one of `words` ("harnesss" is no plural of "harness"; "battery" and
    "batteries" are one word)."""
    if word in words or word + "s" in words or (word.endswith("y") and word[:-1] + "ies" in words):
        return True
    if word.endswith("ies") and word[:-3] + "y" in words:
        return True
    return len(word) > 2 and word.endswith("s") and word[-2] != "s" and word[:-1] in words


def _the_one(edits: Iterable[str], words: Collection[str]) -> str | None:
    """The one word of `words` (in some form) among the edits; "" for several, None for none."""
    near = [w for w in edits if _held(w, words)]
    if not near:
        return None
    # the words held as written before those held in another form: "drees" is "dress", not a singular "dres"
    near = [w for w in near if w in words] or near
    base = min(near, key=len)  # of one word's forms, the shortest: its base form as a rule
    return base if all(_form_of(w, base) for w in near) else ""


def _frequency(word: str, english: Lexicon) -> int:
    """The word's count, a plural's the commoner of its own and its singular's ("saturdays" 816, "saturday" 1,439)."""
    own = english.frequency(word)
    return max(own, english.frequency(word[:-1])) if word.endswith("s") and own else own


def _commonest(edits: Iterable[str], english: Lexicon) -> str | None:
    """The English word among the edits common enough and far commoner than any other (not a form of it)."""
    # of equal counts (a plural takes its singular's), the shorter: "scooterr" is "scooter"
    ranked = sorted(((_frequency(w, english), -len(w), w) for w in edits), reverse=True)
    counted = [(count, w) for count, _, w in ranked if count >= MIN_FREQUENCY]
    if not counted:
        return None
    best = counted[0][1]
    others = [count for count, w in counted[1:] if not (_form_of(w, best) or _form_of(best, w))]
    return best if not others or counted[0][0] >= DOMINANCE * others[0] else None


def _english(word: str, english: Lexicon) -> bool:
    """An English word in either side's spelling: the lexicon is American, and "colour", "centre" and "programme" are
    no typos of "color", "center" and "programmer" ("numbre" passes for British too)."""
    return word in english or any(spelt in english for spelt in spellings.american(word))


def corrections(
    unknown: Iterable[str], passage_words: Collection[str], english: Lexicon, *, reads_english: bool = True
) -> dict[str, str]:
    """Each of the question's `unknown` words (lowercased; held by no document) read as one of `passage_words` (the
    lowercased words of the passages the search found), their spelling of it, or (`reads_english`) an English word,
    by the rules above; the words left as they are are absent."""
    found: dict[str, str] = {}
    for word in unknown:
        if len(word) > MAX_CHARS or not word.isalpha() or not word.isascii() or _held(word, passage_words):
            continue
        spelt = [v for v in spellings.variants(word) if _held(v, passage_words)]
        if len(spelt) == 1:  # "color" where the passages write "colour": no typo, the other side's spelling
            found[word] = spelt[0]
            continue
        if len(word) < MIN_CHARS or _english(word, english):
            continue
        # its own forms ("colours" for "colour") are no other word
        edits = [w for w in one_edit_away(word) if w[0] == word[0] and not (_form_of(w, word) or _form_of(word, w))]
        meant = _the_one(edits, passage_words)
        if meant is None and reads_english:  # no passage word that near: an English one, which the search then finds
            meant = _commonest(edits, english)
        if meant:
            found[word] = meant
    return found


def corrected(text: str, fixes: Mapping[str, str]) -> str:
    """The text with each mistyped word (in any case) replaced by its correction; the rest exactly as written."""
    if not fixes:
        return text
    return _WORD.sub(lambda m: fixes.get(m.group().lower(), m.group()), text)
