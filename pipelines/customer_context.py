"""The customer's own story around a question: where they are, what a person of theirs uses, and what they add once
the question is asked. "do you come out to the hotel for weddings? we're getting ready in oranmore", "my mam uses a
wheelchair, can she get into the salon?", "can i bring my dog in? hes a lab, very chilled". These words tell who asks,
not what is asked: a business's documents would never hold "oranmore", "chilled" or the customer's mobility aid for
the question to be answerable, so the abstention decision never counts them as words the documents do not know
(services/usecases/answering.py). A known one still weighs in the unknown share's total: dropped from it, it would
raise the share of the question's other unknown words ("how late do lessons go on weekdays? i work till 6").

What the question itself asks stays counted: "do you deliver to oranmore?" asks about the place, "is the shop
wheelchair accessible?" asks about the wheelchair, and "do you sell gluten free bread? im coeliac" keeps every word of
its asking sentence.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipelines.retrieval import _TOKEN, PHRASING_WORDS, STOP_WORDS

# Where the customer is, said of themselves or a person or thing of theirs, ending a clause: "im in leeds", "i'm out in
# athenry", "we're getting ready in oranmore", "clearing my nan's house in dartington, ...", "my mum in cardiff?",
# "I have 2 westies in sallins, any discount". The clause must begin with the customer ("i", "we", "my", "our") within
# a few words, and the place must close it, so "my dad is in a wheelchair" (an article follows "in") and "do you
# deliver in leeds" (no customer before it) are not read as places.
_CUSTOMER = r"\b(?:i|im|i'm|i\u2019m|we|we're|we\u2019re|were|my|our)\b"
_PLACE = re.compile(
    _CUSTOMER + r"[^.?!,;:\n]{0,48}?\b(?:in|near|outside)\s+([a-z]+)(?=\s*(?:[.?!,;:\n]|$|\s(?:and|but|so)\b))"
)
# A mobility aid a person of the customer's uses ("uses a wheelchair", "is in a wheelchair", "im a wheelchair user",
# "on crutches"): who is coming, which the documents answer as access ("step-free entrance") and never name. Asked
# about directly ("is the shop wheelchair accessible?", "do you have a wheelchair", "can i come in with a walker") it
# stays counted; a pram or buggy is as often what is asked about ("can i bring the baby in a pram") and is left out.
_AIDS = "wheelchair|wheelchairs|walker|crutches|zimmer|rollator|mobility scooter"
_AID = re.compile(
    rf"\b(?:uses?|using|in|on)\s+(?:a\s+|an\s+|her\s+|his\s+|their\s+|my\s+)?({_AIDS})\b|\b({_AIDS})\s+users?\b"
)
# What a message adds after its question: a sentence after the first asking one that asks nothing itself ("is your
# bread gluten free? my daughter is coeliac", "can the van do my newfie? she's 55kg"). A sentence asks when it ends in
# a question mark or opens with an asking word. An asking sentence naming nothing ("can you help?", "quick question?")
# leaves the next one to say what is asked, so nothing after it is context.
_SENTENCE = re.compile(r"[^.?!\n]+[.?!\n]*")
_OPENERS = (
    "how what whats when whens where wheres which who whos why can could do does did is are will would should shall"
    " have has any anything price cost"
)
_ASKING_OPENERS = frozenset(_OPENERS.split())
_NAMING_NOTHING = "help question query ask quick wondering"
_EMPTY_ASKING = STOP_WORDS | PHRASING_WORDS | frozenset(_NAMING_NOTHING.split())


def places(question: str) -> set[str]:
    """The place the customer says they (or theirs) are at, closing a clause ("im in leeds" -> leeds)."""
    found = {match.group(1) for match in _PLACE.finditer(question.lower())}
    return {w for w in found if w not in STOP_WORDS}


def aids(question: str) -> set[str]:
    """The mobility aid the customer says a person of theirs uses ("my mam uses a wheelchair" -> wheelchair)."""
    return {w for match in _AID.finditer(question.lower()) for w in (match.group(1) or match.group(2)).split()}


def _asks(sentence: str) -> bool:
    opener = _TOKEN.match(sentence.strip())
    return sentence.strip().endswith("?") or (opener is not None and opener.group() in _ASKING_OPENERS)


def added_after(question: str) -> set[str]:
    """The words of the sentences after the first asking one that ask nothing themselves: the customer's story told
    once the question is asked ("can i bring my dog in? hes a lab, very chilled" -> hes, lab, very, chilled)."""
    sentences = [s for s in _SENTENCE.findall(question.lower()) if _TOKEN.search(s)]
    asking = next((i for i, s in enumerate(sentences) if _asks(s)), None)
    if asking is None or not set(_TOKEN.findall(sentences[asking])) - _EMPTY_ASKING:
        return set()
    told = {w for s in sentences[asking + 1 :] if not _asks(s) for w in _TOKEN.findall(s)}
    return told - {w for s in sentences[: asking + 1] for w in _TOKEN.findall(s)}


# Who the question is for, told before it in a clause of its own: "my son is 6 and obsessed with dinosaurs, is story
# time ok for his age", "my mam is housebound. can someone come out". The clause opens with a person (or pet) of the
# customer's and what they are or have, and a comma or a full stop closes it before the question.
_PERSONS = (
    "mum mom mam mammy mother dad daddy da father parents daughter son wife husband hubby partner boss mate friend pal"
    " brother sister granny gran grandad grandma grandpa nan nana grandmother grandfather grandson granddaughter kid"
    " kids child children boyfriend girlfriend fiance fiancee aunt auntie uncle cousin niece nephew missus family boy"
    " girl lad baby dog dogs cat pup puppy"
)
_TOLD_FIRST = re.compile(
    rf"^\W*(?:(?:hi|hiya|hey|hello)\W+)?(?:my|our)\s+(?:little\s+one|(?:{'|'.join(_PERSONS.split())}))"
    r"(?:(?:'s|\u2019s)\s|\s+(?:is|are|was|were|has|have|had|\d))[^,.?!;:\n]*[,.;:]\s*(?P<rest>.+)$"
)


def told_before(question: str) -> set[str]:
    """The words of a clause before the question telling who it is for ("my son is 6 and obsessed with dinosaurs, is
    story time ok for his age" -> my, son, is, 6, and, obsessed, with, dinosaurs), when what follows asks; less the
    words the question itself uses ("my son is vegan, do you do vegan cakes" keeps "vegan" counted)."""
    text = question.lower().strip()
    match = _TOLD_FIRST.match(text)
    if match is None or not _asks(match.group("rest")):
        return set()
    asked = set(_TOKEN.findall(match.group("rest")))
    return set(_TOKEN.findall(text[: match.start("rest")])) - asked


def story(question: str, rare: Collection[str] = ()) -> set[str]:
    """The words of the customer's story around the question that no document need hold. A rare word (`rare`, see
    abstention.rare_words) told after the question still counts: it names the thing the question is about as often
    as the customer's life ("it's locked to Vodafone", "I'm with Wertgarantie")."""
    return places(question) | aids(question) | ((added_after(question) | told_before(question)) - set(rare))
