"""The other forms of a customer's word that the keyword search and the word counts must meet as well, where
cutting the word to its stem does not: English plurals and verb forms that change the word's end ("leaves" for
"leaf", "puppies" for "puppy", "hedging" for "hedge"), and the few shop words that name one thing ("cost" for
"price"). Only forms are added: the word's own stem is always matched too, so a form that is no word of the
documents costs nothing.

Each form is what the index is asked for: a prefix for a regular form ("hedging:*" meets "hedging" and "hedgings"
but nothing shorter), or the word exactly where a prefix would begin unrelated words: an irregular plural ("men" must
not meet "menu", "leaf" not "leaflet") and a word of the same meaning ("cost" meets "fee" but not "feed"). The
customer's own word is still matched by its stem, as a prefix: "fee" itself meets "feed".
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

# Words a customer asks a shop's charge by, all naming what a thing costs. Matched exactly when reached from another
# word of the group: "fee" begins "feed", "price" begins "prick". Not "charge" (also what a phone or battery does)
# nor "rate" (a pass rate, a heart rate).
_PRICE_WORDS = ("cost", "costs", "price", "prices", "priced", "pricing", "fee", "fees")
# Words a customer tells a thing arrived or is damaged by. "broke" (out of money) is not reached from the others,
# though "broken" itself, cut to its stem "broke:*", meets it; nor "scratched" (a scratch is not a break). Not
# "smashed" nor "shattered": a kitchen's words ("smashed avocado", "smashed potatoes") and a tired customer's. "cracked"
# still names food too ("cracked pepper" meets a returns passage's "damaged"): kept for the parcel that "arrived
# cracked", the commoner message to a shop.
_DAMAGE_WORDS = ("damage", "damaged", "broken", "cracked")
# A customer's everyday word and the business's word for the same thing: "can u fix my chain" against "chain
# repairs", "can i swap them" against "exchanges", "is there anything for the kids" against "children", "do i pay
# upfront" against "paid in advance" or "prepaid". Not "fixed" ("a fixed price"), nor "deposit" (a part paid, not the
# whole).
_REPAIR_WORDS = ("fix", "fixes", "fixing", "repair", "repairs", "repaired", "repairing")
_EXCHANGE_WORDS = ("swap", "swaps", "swapped", "exchange", "exchanges", "exchanged")
_CHILD_WORDS = ("kid", "kids", "child", "children")
_UPFRONT_WORDS = ("upfront", "advance", "prepay", "prepaid", "prepayment")
# "do you deliver to Cork?" against "we ship to all of Ireland", "how much is postage" against "delivery costs".
# Not "post" (a fence post, a blog post) nor "send" (a message sent).
_DELIVERY_WORDS = ("deliver", "delivers", "delivered", "delivery", "deliveries", "ship", "ships", "shipped", "shipping",
                   "postage")
_TROUSER_WORDS = ("trousers", "pants")
SAME_MEANING: tuple[frozenset[str], ...] = tuple(
    frozenset(group) for group in (_PRICE_WORDS, _DAMAGE_WORDS, _REPAIR_WORDS, _EXCHANGE_WORDS, _CHILD_WORDS,
                                   _UPFRONT_WORDS, _DELIVERY_WORDS, _TROUSER_WORDS)
)
# Words a customer asks the closing time by, answered by the opening hours: "what time do u close saturdays" by
# "Monday to Saturday we're open 09:30 to 17:30". One way only: "open" does not meet "closed", or "what time is the
# office open on a saturday" meets "Sunday: office closed" as well as "Saturday: office 09:30 to 13:00". Exact forms:
# not "opened" (a bag opened at home).
_CLOSING_WORDS = ("close", "closes", "closing", "shut", "shuts")
_CLOSING_FORMS = frozenset((*_CLOSING_WORDS, "closed", "open", "opens", "opening"))
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
    """The word's other forms the stem would not meet (empty for most words): an irregular plural or singular
    exactly, and nothing else (no spelling rule reads "mice" as a silent e); the regular ones as prefixes; the shop
    words of the same meaning, exactly, which name every form of their group (no "pricing:*" beside "pricing")."""
    if word in _GROUP_OF:  # before the irregular plurals: "child" names "children" among its group
        return [Form(w, False) for w in sorted(_GROUP_OF[word]) if w != word]
    irregular = _IRREGULAR_PLURALS.get(word) or _SINGULAR_OF.get(word)
    if irregular is not None:
        return [Form(irregular, False)]
    if word in _CLOSING_WORDS:
        return [Form(w, False) for w in sorted(_CLOSING_FORMS) if w != word]
    forms: list[str] = []
    if len(word) >= 6 and word.endswith(("ies", "ied")):  # "puppies" -> "puppy"; "pies" is "pie" plus "s"
        forms.append(word[:-3] + "y")
    if len(word) >= 4 and word.endswith("y") and word[-2] not in _VOWELS:  # "puppy" -> "puppies", "carry" -> "carried"
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    if len(word) >= 4 and word.endswith("e") and word[-2] not in _VOWELS and word[-2] != "y":  # silent e dropped
        forms.append(word[:-1] + "ing")  # "hedge" -> "hedging" ("hedged" and "hedges" begin with "hedge")
    return [Form(f, True) for f in forms]
