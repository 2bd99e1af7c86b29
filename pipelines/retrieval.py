"""Hybrid retrieval, the pure half: the keyword query a question makes, and fusing the vector and
keyword rankings into one.

The candidates of both lists are ordered by one score: half the chunk's cosine to the question, half the
share of the question's words it holds, each word weighed by its rarity (`fuse_by_score`). Reciprocal rank
fusion (`fuse`, as in Supabase's hybrid search) was used before: with eight candidates a list, its
1 / (60 + rank) is nearly flat (rank 1 weighs 11 % more than rank 8), so any chunk both lists hold beat
either list's clear best. A store that only ranks by vector (Pinecone) gives one list; fusing one list
keeps its order.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from pipelines.named_figures import asked_by_phrase, holds_figure
from pipelines.shorthand import written_out
from pipelines.word_forms import Form, other_forms

RRF_K = 60  # the smoothing constant from the original RRF paper, also Supabase's default
# The cosine's share of the fused score; the question's words the rest. Measured on the evaluation suites' dev
# splits, hit@3 is within one case of its best from 0.4 to 0.65 (tests/bench/README.md): equal shares.
MEANING_SHARE = 0.5
STEM_CHARS = 5  # the shortest stem: the keyword search matches words on at least their first five letters
MAX_STEM_CHARS = 7

# Words that carry no topic in a customer's question (English plus the commonest German, French,
# Spanish ones): they would match every passage. The last lines are how customers write them on WhatsApp,
# without the apostrophe ("whats", "wheres", "dont", "hes") or shortened ("ur", "pls"), and the chat's asides
# ("lol", "tbh"). "nd", "rd" and "th" are what is left of "2nd", "3rd" and "4th" once the number is read apart.
_STOP_TEXT = """
a an the is are was were be been am do does did doing done you your yours i me my mine we us our ours they them
their he she her it its this that these those there here what which who whom whose how when where why can could
would should will shall may might must have has had having of in on at by for from to with without into onto
about and or but if then so not no yes any some all each please thanks thank hi hello hey much many more most
get got give tell know want need like just also too very really ok okay still yet again one
myself yourself yourselves ourselves itself themselves himself herself being him his hers theirs because as
while against during further once few both other such nor only own same than now
der die das ein eine ist sind und oder mit von zu für auf ich du sie wir ihr es wie was wann wo gibt haben
le la les un une des est sont et ou avec de du pour sur je vous nous il elle que qui quoi comment quand
el los las unos es son y o con por para en yo usted qué cómo cuándo dónde
don doesn didn isn aren wasn weren haven hasn hadn won wouldn couldn shouldn ll ve re
whats wheres hows whens whos whys thats theres heres dont doesnt didnt isnt arent wasnt werent havent hasnt wont
wouldnt couldnt shouldnt im ive youre ur pls plz thx hes shes theyre youve weve theyve youd theyd itll thatll
aint gonna wanna gotta ya ye yous youse yr tho abt cuz coz urself yerself hw hiya heya
lol lmao haha hahaha omg tbh btw idk imo fyi
nd rd th
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Words a question is phrased with. They stay search terms ("how long does it take" finds the
# sentence that says how long), but a document not using "happens" says nothing about whether it
# answers "what happens if…", so they never count as words the documents do not know, nor as the
# question's most specific word ("how does the subscription work?", "if the repair gets dearer"). The customer's
# story is told with words of the same kind ("*forgot* to collect my cake yesterday", "left it there 2 weeks *ago*, I
# *think*"); not "earlier", also a comparative asked for ("an earlier test date").
_PHRASING_TEXT = """
long take takes took happen happens happened bring put let make try send back way best good able use
go come comes came coming say see look find usually often around inside something anything thing things uses using
gets getting work works
today tonight tomorrow yesterday tmrw tmr
ago recently lately forgot forget forgotten think thought said guess reckon wondering wondered maybe probably
actually basically literally
altogether stuff loads lots mean til till
"""
PHRASING_WORDS = frozenset(_PHRASING_TEXT.split())
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# The most topic words one message searches by. The evaluation suites' longest dev question holds 11; a message with
# more than 64 is a pasted text, whose first words say what is asked, and each term costs the keyword query an or and
# the word coverage a lookup per passage.
MAX_TERMS = 64
# A customer's phrase for what the documents name in one word: "can i get my money back" asks for a refund, which
# terms and policies write "refund", "refunded" or "not refundable"; read by its own words, "money" met no passage and
# counted as a word the documents lack.
BUSINESS_WORD_OF = {"money back": "refund"}
_BUSINESS_WORDS = re.compile(r"\b(" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in BUSINESS_WORD_OF)
                             + r")\b")


def in_business_words(text: str) -> str:
    """The text with a customer's phrases for a business's word written as that word (BUSINESS_WORD_OF)."""
    return _BUSINESS_WORDS.sub(lambda m: BUSINESS_WORD_OF[" ".join(m.group(1).split())], text)


def content_terms(text: str) -> list[str]:
    """The question's topic words (lowercased, in order, without repeats, the first MAX_TERMS): stop words and
    single letters left out, numbers kept whole, customers' shorthand written out (pipelines/shorthand.py) and their
    phrases for a business's word read as it ("money back": refund), and the word of a figure asked for by the
    phrasing alone last ("where r u exactly?" is searched with "postcode")."""
    terms: dict[str, None] = {}
    previous = ""
    for match in _TOKEN.finditer(in_business_words(text.lower())):
        word, before, previous = match.group(), previous, match.group()
        if word == "well" and before == "as":  # "do you do cats as well": "as well" is "too", a stop word
            continue
        if word in ("time", "times") and before == "what":  # "what time" asks for a clock time
            continue
        for token in written_out(word):  # "amex" is searched as "american express"
            if token in STOP_WORDS or (len(token) < 2 and not token.isdigit()) or token in terms:
                continue
            terms[token] = None
            if len(terms) == MAX_TERMS:
                return list(terms)
    terms.update(dict.fromkeys(asked_by_phrase(text)))
    return list(terms)[:MAX_TERMS]


def stems(terms: Sequence[str]) -> list[str]:
    """Each term as a Postgres `to_tsquery('simple', …)` text: numbers whole, words by their stem as
    a prefix, so "deliver", "delivery" and "delivered" meet without a language's stemmer, or-ed with the
    word's other forms (`word_forms`) when it has some: "leaves" as "(leave:* | leaf:*)".

    Terms come from content_terms, so they hold only letters, digits and . or ,: nothing the
    tsquery syntax reads as an operator."""
    return [_as_tsquery(forms_of(t)) for t in terms]


def _as_tsquery(forms: Sequence[Form]) -> str:
    if len(forms) == 1:
        return forms[0].as_tsquery()
    return "(" + " | ".join(f.as_tsquery() for f in forms) + ")"


@functools.lru_cache(maxsize=4096)
def forms_of(term: str) -> tuple[Form, ...]:
    """What the keyword search matches for the term: a number exactly; a word by its stem as a prefix and by
    its other forms, leaving out a form another one already meets ("priced" under "price:*")."""
    if term[0].isdigit():
        return (Form(term, False),)
    forms = [Form(stem(term), True), *other_forms(term)]
    return tuple(
        f for i, f in enumerate(forms)
        if not any(g.prefix and f.text.startswith(g.text) and (g != f or j < i) for j, g in enumerate(forms) if j != i)
    )


def stem(word: str) -> str:
    """A word's language-agnostic stem: at most three letters cut off, kept between STEM_CHARS and
    MAX_STEM_CHARS long ("delivery" -> "deliv", "batteries" -> "batter", "motorbikes" -> "motorbi",
    "subscribers" -> "subscri" which also starts "subscription"). A plural "s" goes first: a five-letter
    plural kept whole would never meet its singular ("cards" -> "card" finds "EC card", "bikes" -> "bike");
    longer words lose it with the three letters cut off anyway. An English "-ed" or "-ing" goes too when four
    letters stay, with a doubled last consonant ("dropped" -> "drop" finds "drops", "booking" -> "book" finds
    "booked", "shipping" -> "ship"): cut by length alone, "dropp" and "booki" would meet neither."""
    word = _without_inflection(word)
    if 3 < len(word) <= STEM_CHARS and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[: max(STEM_CHARS, min(len(word) - 3, MAX_STEM_CHARS))]


def _without_inflection(word: str) -> str:
    for ending in ("ing", "ed"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 4 and base.isalpha():
            if base[-1] == base[-2] and base[-1] not in "aeiouls":  # dropp -> drop, but "called", "dressed"
                base = base[:-1]
            return base
    return word


def tsquery(terms: Sequence[str]) -> str:
    """One tsquery text matching any of the terms."""
    return " | ".join(dict.fromkeys(stems(terms)))


def rarity(total: int, containing: int) -> float:
    """How much a word says about a passage, from how many of the tenant's `total` chunks contain it
    (inverse document frequency, smoothed): a word every chunk holds counts 1, a rare one far more."""
    return math.log((total + 1) / (containing + 1)) + 1.0


def words(text: str) -> set[str]:
    """The lowercased words and numbers of a text, for matching content_terms against it."""
    return set(_TOKEN.findall(text.lower()))


def same_word(term: str, word: str) -> bool:
    """The text's word is the question's term in some form, as the keyword search matches it (`forms_of`): it
    starts with the term's stem ("delivery" meets "deliver", "motorbikes" does not meet "motor") or is one of its
    other forms ("leaves" meets "leaf", "cost" meets "price")."""
    return any(f.meets(word) for f in forms_of(term))


def covered(terms: Sequence[str], text: str) -> list[str]:
    """The terms the text contains, in any of their forms (see same_word)."""
    present, in_order = _words_kept(text)
    return [t for t in terms if t in present or _in_sorted(forms_of(t), present, in_order)]


# A shop's popular passages, and their sentences, are covered message after message: each process keeps the words of
# the last two thousand (~3 KiB each on the evaluation suites, so at most ~12 MiB with the sorted copy).
@functools.lru_cache(maxsize=2048)
def _words_kept(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    present = frozenset(words(text))
    return present, tuple(sorted(present))


def _in_sorted(forms: Sequence[Form], present: frozenset[str], in_order: Sequence[str]) -> bool:
    """in_some_form on a text's words kept sorted: the words a prefix begins sit together, from where the prefix
    itself would be inserted, so one bisection per form replaces a pass over every word."""
    for f in forms:
        if not f.prefix:
            if f.text in present:
                return True
            continue
        i = bisect.bisect_left(in_order, f.text)
        if i < len(in_order) and in_order[i].startswith(f.text):
            return True
    return False


def in_some_form(term: str, present: Collection[str]) -> bool:
    """any(same_word(term, w) for w in present), with the term's forms taken once rather than once a word."""
    forms = forms_of(term)
    if all(not f.prefix for f in forms):
        return any(f.text in present for f in forms)
    return any(f.meets(w) for w in present for f in forms)


def coverage(
    terms: Sequence[str], text: str, weights: Mapping[str, float] | None = None, figures: Collection[str] = ()
) -> float:
    """The share of the terms the text holds, each counted by its weight (rarity; 1 when unknown). A term of
    `figures` (words no document uses that ask for a figure, see named_figures) is held by a text holding the figure
    ("eircode" by "F28 X2K7")."""
    if not terms:
        return 0.0
    weight = weights or {}
    total = sum(weight.get(t, 1.0) for t in terms)
    held = covered(terms, text)
    if figures:
        held += [t for t in terms if t in figures and t not in held and holds_figure(t, text)]
    return sum(weight.get(t, 1.0) for t in held) / total


@dataclass(frozen=True)
class Ranked:
    chunk_id: str
    fused: float  # the fused score (fuse_by_score, or the reciprocal-rank score of `fuse`)
    vector_rank: int | None  # 1 = best; None when the list did not hold the chunk
    keyword_rank: int | None


def fuse(
    vector_ids: Sequence[str], keyword_ids: Sequence[str], *, k: int = RRF_K, limit: int | None = None
) -> list[Ranked]:
    """One ranking from two (each best first, ids unique within a list), best first; ties keep the
    vector list's order, then the keyword list's."""
    vector_rank = {cid: i for i, cid in enumerate(vector_ids, start=1)}
    keyword_rank = {cid: i for i, cid in enumerate(keyword_ids, start=1)}
    order = list(dict.fromkeys([*vector_ids, *keyword_ids]))
    ranked = [
        Ranked(
            cid,
            _rrf(vector_rank.get(cid), k) + _rrf(keyword_rank.get(cid), k),
            vector_rank.get(cid),
            keyword_rank.get(cid),
        )
        for cid in order
    ]
    ranked.sort(key=lambda r: -r.fused)  # stable: equal scores keep the order above
    return ranked[:limit] if limit is not None else ranked


def fuse_by_score(
    vector_ids: Sequence[str], keyword_ids: Sequence[str], cosine: Mapping[str, float], words: Mapping[str, float],
    *, meaning: float = MEANING_SHARE, limit: int | None = None,
) -> list[Ranked]:
    """One ranking of the chunks of both lists (each best first, ids unique within a list), best first, by
    `meaning * cosine + (1 - meaning) * words`: `words` is the share of the question's words the chunk holds, by
    rarity (`coverage`), 0 when unknown. A chunk holding the question's rarest words keeps its place though the
    vector list lacks it ("Sample Set" in the price list), and the passage nearest in meaning keeps its own though
    the keyword list ranks it tenth, where rank fusion let chunks both lists hold lowly pass them. Ties keep the
    vector list's order, then the keyword list's."""
    vector_rank = {cid: i for i, cid in enumerate(vector_ids, start=1)}
    keyword_rank = {cid: i for i, cid in enumerate(keyword_ids, start=1)}
    ranked = [
        Ranked(
            cid,
            meaning * cosine.get(cid, 0.0) + (1.0 - meaning) * words.get(cid, 0.0),
            vector_rank.get(cid),
            keyword_rank.get(cid),
        )
        for cid in dict.fromkeys([*vector_ids, *keyword_ids])
    ]
    ranked.sort(key=lambda r: -r.fused)  # stable: equal scores keep the order above
    return ranked[:limit] if limit is not None else ranked


def with_rows_spread(
    ranked: Sequence[Ranked], table_of: Mapping[str, str], *, places: int = 3, per_table: int = 1
) -> list[Ranked]:
    """The ranking with at most `per_table` rows of one table in the first `places`; the rows beyond wait below
    the next passage of anything else, in their order. A spreadsheet is chunked one row a chunk, and the rows of one
    item in four sizes hold the same words and nearly the same meaning: together they filled the first places ("how
    long does a groom take for a shih tzu?" gave the price list's Shih Tzu row in four sizes, and the FAQ saying how
    long a groom takes came fifth). One row a table, not two: the second row of a table in the first three was most
    often the best row's sibling in another size, holding the place of the passage that answers. `table_of` names
    each table row's table (chunks not in it are prose)."""
    first: list[Ranked] = []
    waiting: list[Ranked] = []
    rest: list[Ranked] = []
    for r in ranked:
        table = table_of.get(r.chunk_id)
        if len(first) >= places:
            rest.append(r)
        elif table is not None and sum(table_of.get(f.chunk_id) == table for f in first) >= per_table:
            waiting.append(r)
        else:
            first.append(r)
    return first + waiting + rest


def with_best_word_match(ranked: Sequence[Ranked], limit: int, fixed: int) -> list[Ranked]:
    """The best `limit` of the fused ranking, the last place given to the keyword list's best chunk when it fell
    below: fusing rewards a chunk both lists hold, so the one chunk holding the question's rarest words ("Sample
    Set" of the price list) drops out when five others sit low in both lists. The first `fixed` places stay."""
    kept = list(ranked[:limit])
    best = next((r for r in ranked if r.keyword_rank == 1), None)
    if best is not None and len(kept) > fixed and best not in kept:
        kept[-1] = best
    return kept


def _rrf(rank: int | None, k: int) -> float:
    return 0.0 if rank is None else 1.0 / (k + rank)
