"""The other forms of a customer's word that the keyword search and the word counts must meet as well, where
cutting the word to its stem does not: English plurals and verb forms that change the word's end ("leaves" for
"leaf", "puppies" for "puppy", "hedging" for "hedge"), and the few shop words that name one thing ("cost" for
"price"). Only forms are added: the word's own stem is always matched too, so a form that is no word of the
documents costs nothing.

Each form is what the index is asked for: a prefix ("hedging" meets "hedging" and nothing shorter) or, for a short
word that begins many others, the word exactly ("fee" must not meet "feed").
"""

from __future__ import annotations

from dataclasses import dataclass

# Nouns whose plural is not the singular plus "s" (English's closed classes: -f/-fe to -ves, vowel changes).
# Each pair is read both ways.
_IRREGULAR_PLURALS = {
    "leaf": "leaves", "loaf": "loaves", "half": "halves", "calf": "calves", "shelf": "shelves", "wolf": "wolves",
    "knife": "knives", "life": "lives", "wife": "wives", "thief": "thieves", "scarf": "scarves", "hoof": "hooves",
    "mouse": "mice", "tooth": "teeth", "foot": "feet", "goose": "geese", "child": "children",
    "man": "men", "woman": "women",
}
_SINGULAR_OF = {plural: singular for singular, plural in _IRREGULAR_PLURALS.items()}

# Words a customer asks a shop's charge by, all naming what a thing costs. Exact words: "fee" begins "feed", "price"
# begins "prick". Not "charge" (also what a phone or battery does) nor "rate" (a pass rate, a heart rate).
_PRICE_WORDS = ("cost", "costs", "price", "prices", "priced", "pricing", "fee", "fees")
# Words a customer tells a thing arrived or is damaged by. Not "broke" (out of money) nor "scratched" (a scratch is
# not a break).
_DAMAGE_WORDS = ("damage", "damaged", "broken", "cracked", "smashed", "shattered")
SAME_MEANING: tuple[frozenset[str], ...] = (frozenset(_PRICE_WORDS), frozenset(_DAMAGE_WORDS))
_GROUP_OF = {word: group for group in SAME_MEANING for word in group}

_VOWELS = "aeiou"


@dataclass(frozen=True, order=True)
class Form:
    text: str
    prefix: bool  # True: any word starting with `text`; False: the word `text` alone

    def meets(self, word: str) -> bool:
        return word.startswith(self.text) if self.prefix else word == self.text

    def as_tsquery(self) -> str:
        return f"{self.text}:*" if self.prefix else self.text


def other_forms(word: str) -> list[Form]:
    """The word's other forms the stem would not meet (empty for most words), as prefixes, and the shop words of
    the same meaning, exactly."""
    forms: list[str] = []
    if word in _IRREGULAR_PLURALS:
        forms.append(_IRREGULAR_PLURALS[word])
    if word in _SINGULAR_OF:
        forms.append(_SINGULAR_OF[word])
    if len(word) >= 6 and word.endswith(("ies", "ied")):  # "puppies" -> "puppy"; "pies" is "pie" plus "s"
        forms.append(word[:-3] + "y")
    if len(word) >= 4 and word.endswith("y") and word[-2] not in _VOWELS:  # "puppy" -> "puppies", "carry" -> "carried"
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    if len(word) >= 4 and word.endswith("e") and word[-2] not in _VOWELS and word[-2] != "y":  # silent e dropped
        forms.append(word[:-1] + "ing")  # "hedge" -> "hedging" ("hedged" and "hedges" begin with "hedge")
    found = [Form(f, True) for f in forms]
    found += [Form(w, False) for w in sorted(_GROUP_OF.get(word, frozenset())) if w != word]
    return found
