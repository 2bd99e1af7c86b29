"""The LLM-free answer: pick the sentences of the best passages that answer the question.

A passage is cut into candidate sentences. Headings, a sheet's name and FAQ questions are never
candidates: they are the context a sentence is scored with ("Shipping: Delivery takes 2-3 days"),
so a reply never quotes a heading alone. A table row becomes a sentence a customer can read
("Yirgacheffe Kochere, 250 g: 13.90 EUR"). The caller embeds every candidate's scoring text in one
batch; a candidate's score is its cosine to the question plus the share of the question's words it
holds and, less, the share its passage holds (PASSAGE_COVERAGE_WEIGHT). Where the passage ranked does not
count: the sentence's own cosine and words are closer evidence than its passage's place, and an equal score
keeps the better passage first (the sort is stable).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from pipelines import asked_counts
from pipelines.asked_counts import Count, counted_cell
from pipelines.asked_kinds import MONEY, holds
from pipelines.asked_sizes import Size, fits, moment_free, size_free
from pipelines.markdown_tables import is_rule, table_cells
from pipelines.named_figures import holds_figure
from pipelines.retrieval import coverage

OVERLAP_WEIGHT = 0.20  # how much a candidate holding all the question's words gains over cosine alone
# A sentence is read in its passage: the passage holding more of the question's words (retrieval.coverage, by
# rarity) lends its sentences more. A sentence alone often says the answer without the words asked by ("Your
# registration is valid for 2 years" for "how long is the waiver valid for"), while a sentence of another passage
# shares the question's words in passing and scores as near. Chosen on the answers bench of fifteen suites, replaying
# the reply's choice over their dumped sentences (tests/bench/README.md, "2026-12-07"): facts in replies dev 568, 569,
# 570, 571, 570, 569 of 673 and test 274, 277, 278, 279, 280, 280 of 337 for 0, 0.10, 0.12, 0.15, 0.18, 0.20; at 0.30
# the rows of a price list lost to the sentences of a long FAQ passage, which holds every word (569, 277).
PASSAGE_COVERAGE_WEIGHT = 0.15
KEEP_WITHIN = 0.10  # other sentences join the best one when they score this close to it
# ... and this close when they hold more of the question's words than the best one: they answer a part of the
# question it leaves out ("will my iphone 13 show a message if i get the cheaper screen": the price rows, then the
# FAQ's sentence about the message).
KEEP_WITHIN_MORE_WORDS = 0.15
# A text sentence of another section joins a best text sentence only when it scores about as well (this close) and
# holds at least as many of the question's words: the two sections answer the same question, and which of the two
# came first is a coin toss of the embedding, so saying one alone drops the half of the answer the other holds.
NEAR_TIE = 0.02
# ... and the runner-up (the second-best sentence of all) of another section joins this close whatever its words: the
# two sections nearly tie, and the words the best one holds are often the question's in another sense ("We pick you
# up ..." for "can I pick which instructor I get", ahead of "If you would rather a particular instructor, say so when
# you book"), so the words cannot tell which of the two answers.
RUNNER_UP_WITHIN = 0.05
MAX_SENTENCES = 3
ROW_OVERLAP_SLACK = 1e-6  # rows holding the same words have the same overlap, up to float rounding
# A question asking for a clock time, a span of time or money (pipelines/asked_kinds.py) whose best sentence holds
# none takes the best sentence this close that holds one, from any passage.
ASKED_WITHIN = 0.15
# A price list's row whose size band holds the size the customer gives (pipelines/asked_sizes.py) leads the reply when
# it scores this close to the best one and holds as many of the question's words; the rows whose bands exclude it
# are then not said.
SIZE_WITHIN = 0.15
# A sentence whose count tier holds the number of things the customer gives (pipelines/asked_counts.py) leads the
# reply when it scores this close to the best sentence.
COUNT_WITHIN = 0.15
# The words that name a size band rather than the product: a row's variants in other sizes differ by them only.
_SIZE_NAMES = frozenset({"xs", "s", "m", "l", "xl", "xxl", "mini", "tiny", "small", "medium", "large", "big", "giant",
                         "extra", "single", "double", "triple"})
_VARIANT_WORD = re.compile(r"[^\W\d_]+")
# For a money question, another price row naming the asked item as fully as the best row, in its label too, joins
# it this far behind: the rows of an item's variants ("drop-in reformer class", "drop-in mat class") score apart by
# the words the customer left out.
SAME_ITEM_WITHIN = 0.25
# A question asking for a clock time or a span of time, not money, whose best sentence is a price row: the best text
# sentence this close holding such a figure and as many of the question's words joins it. The row scores high on the
# product's name ("EDT lesson") and its figures are the product's ("length 12 x 60 minutes" of a 12-lesson package);
# the text beside it says what is asked of the product ("Each lesson lasts 60 minutes ...").
PRICE_ROW_TEXT_WITHIN = 0.15
SHORT_ANSWER = 80  # characters: an answer this short is often the lead-in to the sentence after it

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+")
# A full stop that ends an abbreviation, not a sentence: an address's county ("Portlaoise, Co. Laois, R32 K7T4"),
# a title or a street ("Dr. Weber", "St. John's Road"), a Latin or German short form ("e.g.", "approx.", "z.B.").
# Cut there, an address's postcode was a sentence of its own, and "where are you" found half the address. "No." and
# "Nr." only before a number ("No. 14"): alone they answer a question ("Can I bring my dog? No.").
_ABBREVIATIONS = r"Co|St|Mr|Mrs|Ms|Dr|Rd|Ave|Mt|Jr|Sr|Prof|Str|approx|incl|ca|vs|e\.g|i\.e|z\.B"
_ABBREVIATION = re.compile(rf"(?:^|\W)(?:{_ABBREVIATIONS})\.$")
_NUMBER_ABBREVIATION = re.compile(r"(?:^|\W)(?:No|Nr|no|nr)\.$")
_MARKUP = re.compile(r"^\s*(?:[-*•+>]|\d+[.)])\s+|[*_`]{2,}|^#+\s*")
_PRICE_WORDS = ("price", "preis", "prix", "precio", "prezzo", "cost", "fee", "tarif", "betrag", "amount")
_CURRENCIES = {"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR", "usd": "USD", "$": "USD",
               "gbp": "GBP", "£": "GBP", "chf": "CHF", "ngn": "NGN", "₦": "NGN", "ghs": "GHS", "kes": "KES",
               "zar": "ZAR", "inr": "INR", "₹": "INR"}
_NOTE_WORDS = ("note", "comment", "description", "detail", "remark", "info", "beschreibung", "hinweis")
_NAME_TOKEN = re.compile(r"[^\W\d_]+|[€$£₦₹]")
_FIGURE = re.compile(r"\d")  # a price, an amount, a time, a date, a phone number
# A bulleted list item ("- **Hatha Yoga**: slow and steady. The best class to start with."): its first sentence
# names what the item is about. Not a numbered line ("7. PRIVATE SESSIONS"): cutting its number would change the
# candidate sentences, and so the figures, the don't-know decision is calibrated on.
_BULLET = re.compile(r"^\s*[-*•+]\s+")
# A section number alone ("5.", "3.2") or before a title ("3.2 Delivery", "5. MEMBERSHIPS"): a numbered title run
# into a chunk's body is cut into sentences with the text around it.
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+\.)(?:\s+|$)")  # not "2 Hours": a count
_TITLE_WORD = re.compile(r"^[A-Z][\w'\u2019&/-]*$")
# Small words a title writes in lower case ("Terms and Conditions", "Care of Your Dog").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "or", "of", "the", "for", "to", "in", "on", "at", "with", "&", "-"})
_CALENDAR_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
     "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)
TITLE_WORDS = 6  # a title fragment is at most this long; a longer capitalised run is a sentence (or a name list)


@dataclass(frozen=True)
class Source:
    """A passage as the sentence picker needs it."""

    text: str
    heading: str | None = None  # heading path or sheet: the first line of the text when present
    kind: str = "text"  # "text" or "table"
    columns: tuple[str, ...] = ()  # a table's column names, when known


@dataclass(frozen=True)
class Candidate:
    text: str  # what the reply says
    context: str  # heading, sheet or FAQ question it sits under: scored with it, never said alone
    passage: int  # index of its passage, best first
    position: int  # order within the passage
    paragraph: int = 0  # which paragraph (line, or item of a list) of the passage it is in
    row: bool = False  # a table row: rows of other passages may join it (the 250 g and the 1 kg price)
    listed: bool = False  # in an item of a list: its first sentence names what the item is about

    @property
    def scoring_text(self) -> str:
        return f"{self.context}: {self.text}" if self.context else self.text


def candidates(sources: Sequence[Source]) -> list[Candidate]:
    found: list[Candidate] = []
    seen: set[str] = set()
    for index, source in enumerate(sources):
        body = _without_heading(source)
        produced = _row_candidates(source, body) if source.kind == "table" else _text_candidates(source, body)
        for position, (context, text, paragraph, row, listed) in enumerate(produced):
            key = " ".join(text.lower().split())
            if key not in seen:
                seen.add(key)
                found.append(Candidate(text, context, index, position, paragraph, row, listed))
    return found


def _without_heading(source: Source) -> str:
    first, _, rest = source.text.partition("\n")
    if source.heading and first.strip() == source.heading.strip():
        return rest
    return source.text


def is_title_piece(text: str) -> bool:
    """A section number ("5.", "3.2 Delivery.") or a capitalised title fragment ("Opening Hours.", "MEMBERSHIPS.")
    the sentence splitter cut from a numbered or run-in title. It is a candidate (the don't-know decision weighs
    every candidate, as it was calibrated) but never said: it answers nothing."""
    stripped = text.strip()
    numbered = _SECTION_NUMBER.match(stripped)
    body = (stripped[numbered.end():] if numbered else stripped).rstrip(".:!")
    if not body:
        return bool(numbered)
    words = body.split()
    if len(words) > TITLE_WORDS or any(ch.isdigit() for ch in body) or any(w.lower() in _CURRENCIES for w in words):
        return False  # "12.90 EUR." is a price
    if not _TITLE_WORD.match(words[0]) or not all(_TITLE_WORD.match(w) or w in _TITLE_SMALL_WORDS for w in words):
        return False
    if numbered or (body.isupper() and len(body) > 1):
        return True
    # "Yes." alone is an answer and "Closed on Sundays." a sentence (English capitalises day and month names): an
    # unnumbered fragment needs two capitalised words besides those.
    return sum(1 for w in words if _TITLE_WORD.match(w) and w.lower().rstrip("s") not in _CALENDAR_NAMES) >= 2


def _text_candidates(source: Source, body: str) -> list[tuple[str, str, int, bool, bool]]:
    context = source.heading or ""
    out = []
    lines = body.split("\n")
    header: list[str] = []
    block = -1  # a line, or an item of a list run into one line (chunked before lists kept an item a line)
    for index, line in enumerate(lines):
        block += 1
        cells = _pipe_cells(line)
        if cells is not None:  # a Markdown table inside the text: its rows read as a price list's rows do
            if index + 1 < len(lines) and is_rule(table_cells(lines[index + 1])):
                header = cells  # the row above the "|---|---|" line names the columns
            elif not is_rule(cells) and any(cells):
                named = list(zip(header, cells, strict=True)) if len(header) == len(cells) else []
                text = row_sentence([(n, v) for n, v in named if v]) if named else _joined_cells(cells)
                out.append((context, text, block, True, False))
            continue
        header = []
        marker = _BULLET.match(line)
        listed = marker is not None
        item = line[marker.end():] if marker else line
        for raw in split_sentences(item):
            if _BULLET.match(raw):  # the next item of a list run into this line
                block, listed = block + 1, True
            sentence = " ".join(_MARKUP.sub("", raw).split())
            if not sentence:
                continue
            if sentence.endswith("?") or sentence.endswith(":") or _is_heading_like(sentence, raw, item):
                # A question (FAQ style) or a lead-in is what the next sentences answer: context only.
                context = sentence.rstrip(".:")
                continue
            text = sentence if sentence[-1] in ".!…" else sentence + "."
            out.append((context, text, block, False, listed))
    return out


def split_sentences(text: str) -> list[str]:
    """The text cut into sentences at a full stop, "!", "?" or "…" before a space, and at line breaks; never after an
    abbreviation (`_ABBREVIATION`)."""
    pieces: list[str] = []
    for line in text.split("\n"):  # a line break ends a sentence whatever comes before it
        start = len(pieces)
        for piece in _SENTENCE.split(line):
            if len(pieces) > start and piece and _continues(pieces[-1], piece):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
    return pieces


def _continues(before: str, piece: str) -> bool:
    if _ABBREVIATION.search(before):
        return True
    return bool(_NUMBER_ABBREVIATION.search(before)) and piece[:1].isdigit()


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table line without their markup ("| **Monday** | 18:00 |" -> Monday, 18:00)."""
    cells = table_cells(line)
    return None if cells is None else [" ".join(_MARKUP.sub("", c).split()) for c in cells]


def named_markdown_rows(text: str) -> list[list[tuple[str, str]]]:
    """Each row of the Markdown tables in a text as (column, value) pairs, named by its table's header row, as
    `_text_candidates` reads them; rows of a table without a header, or with another number of cells, are left out."""
    lines = text.split("\n")
    rows: list[list[tuple[str, str]]] = []
    header: list[str] = []
    for index, line in enumerate(lines):
        cells = _pipe_cells(line)
        if cells is None:
            header = []
        elif index + 1 < len(lines) and is_rule(table_cells(lines[index + 1])):
            header = cells
        elif not is_rule(cells) and header and len(header) == len(cells):
            rows.append([(n, v) for n, v in zip(header, cells, strict=True) if v])
    return rows


def _joined_cells(cells: Sequence[str]) -> str:
    text = ", ".join(c for c in cells if c)
    return text if text[-1:] in ".!?" else text + "."


def _is_heading_like(sentence: str, raw: str, line: str) -> bool:
    if raw.lstrip().startswith("#"):
        return True
    words = sentence.split()
    if any(ch.isdigit() for ch in sentence):  # "Open 9-18" says something however short
        return False
    # "Shipping", "Opening hours", or a title standing as a whole line without a full stop.
    return len(words) < 3 or (raw.strip() == line.strip() and line.rstrip()[-1:] not in ".!?…" and len(words) <= 8)


def _row_candidates(source: Source, body: str) -> list[tuple[str, str, int, bool, bool]]:
    out = []
    for paragraph, line in enumerate(body.split("\n")):
        cells = parse_row(line, source.columns)
        if cells:
            out.append((source.heading or "", row_sentence(cells), paragraph, True, False))
    return out


def parse_row(line: str, columns: Sequence[str] = ()) -> list[tuple[str, str]]:
    """A chunked table row ("name: value; name: value", see pipelines/chunking.py) as (column, value)
    pairs. With the column names known, a "; " inside a value stays in the value."""
    known = {c.strip() for c in columns}
    cells: list[tuple[str, str]] = []
    for piece in line.split("; "):
        name, sep, value = piece.partition(": ")
        if sep and (not known or name.strip() in known or name.startswith("Column ")):
            cells.append((name.strip(), value.strip()))
        elif cells:
            cells[-1] = (cells[-1][0], f"{cells[-1][1]}; {piece}")
    return [(n, v) for n, v in cells if v]


def row_sentence(cells: Sequence[tuple[str, str]]) -> str:
    """A table row as a customer reads it: "Yirgacheffe Kochere, 250 g: 13.90 EUR (floral)."."""
    price_at = next((i for i, (name, _) in enumerate(cells) if is_price_column(name)), None)
    if price_at is None:
        label, value, rest = [counted_cell(*cells[0])], "", cells[1:]
    else:
        before = [(n, v) for n, v in cells[:price_at] if not _is_note(n)]
        label = [counted_cell(n, v) for n, v in before[:3]]
        value = _with_currency(cells[price_at])
        rest = [c for c in cells if c not in before[:3] and c is not cells[price_at]]
    extras = ", ".join(v if _is_note(n) or n.startswith("Column ") else f"{_readable(n)} {v}" for n, v in rest)
    head = ", ".join(label)
    if value:
        text = f"{head}: {value}" if head else value
        text += f" ({extras})" if extras else ""
    else:
        text = f"{head}: {extras}" if extras else head
    text = " ".join(text.split())
    return text if text[-1:] in ".!?" else text + "."


def row_label(text: str) -> str:
    """What a row sentence is about: its text before the price or the value ("Yirgacheffe Kochere, 250 g" of
    "Yirgacheffe Kochere, 250 g: 13.90 EUR (floral)."); the words after it describe the item, and another item's
    description may name the asked one ("full groom …: 50.00 EUR (bath; blow dry; nails)" is no nail clip)."""
    label, sep, _ = text.partition(": ")
    return label if sep else text


def _name_tokens(name: str) -> list[str]:
    return _NAME_TOKEN.findall(name.lower())


def is_price_column(name: str) -> bool:
    return any(t.startswith(_PRICE_WORDS) or t in _CURRENCIES for t in _name_tokens(name))


def _is_note(name: str) -> bool:
    return any(t.startswith(_NOTE_WORDS) for t in _name_tokens(name))


def _with_currency(cell: tuple[str, str]) -> str:
    name, value = cell
    currency = next((_CURRENCIES[t] for t in _name_tokens(name) if t in _CURRENCIES), None)
    has_unit = any(ch.isalpha() or ch in "€$£₦₹" for ch in value)
    return f"{value} {currency}" if currency and not has_unit else value


def _readable(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    similarity: float  # cosine of the candidate's scoring text to the question
    overlap: float  # share of the question's terms it holds (with its context)
    score: float
    label_overlap: float = 0.0  # a row's: share of the question's terms its label (the text before its price) holds


def score(terms: Sequence[str], found: Sequence[Candidate], similarities: Sequence[float],
          weights: Mapping[str, float] | None = None, figures: Collection[str] = (), *,
          passage_coverage: Sequence[float] = ()) -> list[Scored]:
    """Every candidate scored, best first; `weights` make rare words count more (retrieval.rarity); a word of
    `figures` is held by a candidate holding the figure it asks for (retrieval.coverage); `passage_coverage`, each
    passage's share of the question's words, lends a sentence its passage's (PASSAGE_COVERAGE_WEIGHT)."""
    scored = []
    for candidate, similarity in zip(found, similarities, strict=True):
        overlap = coverage(terms, candidate.scoring_text, weights, figures)
        total = similarity + OVERLAP_WEIGHT * overlap
        if candidate.passage < len(passage_coverage):
            total += PASSAGE_COVERAGE_WEIGHT * passage_coverage[candidate.passage]
        label = coverage(terms, row_label(candidate.text), weights) if candidate.row else 0.0
        scored.append(Scored(candidate, similarity, overlap, total, label))
    scored.sort(key=lambda s: -s.score)
    return scored


def pick(scored: Sequence[Scored], max_chars: int, max_sentences: int = MAX_SENTENCES, *,
         asks: frozenset[str] = frozenset(), sizes: Sequence[Size] = (),
         counts: Sequence[Count] = ()) -> list[Candidate]:
    """The best sentence, and up to two more from the same passage (or table rows) that score nearly as well (a
    little less near when they hold more of the question's words), in the passage's order; a short answer also
    takes the sentence that follows it in its paragraph ("Services are done by appointment." + "Book by phone
    on …"), and a sentence inside a list item the item's first sentence, which names what it is about. Never
    longer than max_chars together (the best one is always kept). With a size given, the rows of other size bands
    give way to the row of the customer's (`_by_asked_size`); with a number of things given, the tier holding it
    leads (`_by_asked_count`)."""
    spoken = [s for s in scored if s.candidate.row or not is_title_piece(s.candidate.text)]
    scored = _by_asked_count(_by_asked_size(spoken or scored, sizes), counts)  # a title alone beats an empty reply
    if not scored:
        return []
    best = scored[0]
    chosen = [best.candidate]
    size = len(best.candidate.text)
    found = [s.candidate for s in scored]
    lead = _item_lead(best.candidate, found) or _referent(best.candidate, found)
    if lead is not None and size + 1 + len(lead.text) <= max_chars:
        chosen.append(lead)
        size += 1 + len(lead.text)
    told = _text_beside_price(best, scored, asks)
    if (told is not None and told not in chosen and len(chosen) < max_sentences
            and size + 1 + len(told.text) <= max_chars):
        chosen.append(told)
        size += 1 + len(told.text)
    asked = _asked_figure(best, scored, chosen, asks)
    if asked is not None and size + 1 + len(asked.text) <= max_chars:
        chosen.append(asked)
        size += 1 + len(asked.text)
    priced = MONEY in asks and best.candidate.row
    runner_up = scored[1] if len(scored) > 1 else None
    widest = max(KEEP_WITHIN, KEEP_WITHIN_MORE_WORDS, SAME_ITEM_WITHIN if priced else 0.0)
    for other in _naming_rows_first(best, scored[1:]):
        if len(chosen) >= max_sentences:
            break
        if other.score < best.score - widest:
            continue
        near = other.score >= best.score - KEEP_WITHIN
        more_words = (other.overlap > best.overlap + ROW_OVERLAP_SLACK
                      and other.score >= best.score - KEEP_WITHIN_MORE_WORDS)
        same_item = priced and other.score >= best.score - SAME_ITEM_WITHIN and _same_item(best, other)
        if not (near or more_words or same_item):
            continue
        if (other.candidate in chosen or not _joins(best, other, runner_up)
                or size + 1 + len(other.candidate.text) > max_chars):
            continue
        chosen.append(other.candidate)
        size += 1 + len(other.candidate.text)
    following = next((s.candidate for s in scored if s.candidate.passage == best.candidate.passage
                      and s.candidate.position == best.candidate.position + 1
                      and s.candidate.paragraph == best.candidate.paragraph), None)
    if (following is not None and following not in chosen and len(chosen) < max_sentences
            and size < SHORT_ANSWER and size + 1 + len(following.text) <= max_chars):
        chosen.append(following)
        size += 1 + len(following.text)
    figure = _neighbour_with_figure(best.candidate, found, chosen, asks)
    if figure is not None and len(chosen) < max_sentences and size + 1 + len(figure.text) <= max_chars:
        chosen.append(figure)
    return sorted(chosen, key=lambda c: (c.passage, c.position))


def holding_asked_figures_first(scored: Sequence[Scored], figures: Collection[str]) -> list[Scored]:
    """The sentences holding a figure the question's words ask for first ("F28 X2K7" for "whats your eircode for
    the sat nav"; pipelines/named_figures.py), each group in score order. The embedding does not read "eircode" or
    "sat nav" as an address: the practice's address sentence scored 0.003 against the question, below two eye test
    rows near "sat nav" as driving (0.34); the figure is what was asked."""
    holding = [s for s in scored if any(holds_figure(word, s.candidate.text) for word in figures)]
    return holding + [s for s in scored if s not in holding] if holding else list(scored)


def _naming_rows_first(best: Scored, others: Sequence[Scored]) -> list[Scored]:
    """The sentences that may join the best one, with the table rows whose label names more of the question's words
    than the best row's first, each group in score order. A table's rows share its column words ("best time to
    plant"), so for "when's the best time to plant a beech hedge" the rows of turf and summer bedding scored a hair
    above the row of "bare-root hedging" and took the reply's places before it; the row naming the asked thing is
    the one that answers. The join windows stay as they are; when the best sentence is no row, the order is the
    score's."""
    if not best.candidate.row:
        return list(others)
    return sorted(others, key=lambda s: not (s.candidate.row
                                             and s.label_overlap > best.label_overlap + ROW_OVERLAP_SLACK))


def _by_asked_size(scored: Sequence[Scored], sizes: Sequence[Size]) -> Sequence[Scored]:
    """Without the rows whose size band excludes every size the customer gives and that are a variant of a row whose
    band holds one, scoring within SIZE_WITHIN of the best sentence and holding as many of the question's words (the
    same product in the customer's size: "large (25 to 40 kg)" for "hes 32 kilos"). A row of another product stays,
    whatever its band ("puppy intro groom (up to 15 kg)" is no medium full groom)."""
    if not sizes or not scored:
        return scored
    best = scored[0]
    fitting = {_variant_of(s.candidate.text) for s in scored
               if s.candidate.row and s.score >= best.score - SIZE_WITHIN - ROW_OVERLAP_SLACK
               and s.overlap >= best.overlap - ROW_OVERLAP_SLACK and fits(s.candidate.text, sizes)}
    if not fitting:
        return scored
    return [s for s in scored if not (s.candidate.row and fits(s.candidate.text, sizes) is False
                                      and _variant_of(s.candidate.text) in fitting)]


def _by_asked_count(scored: Sequence[Scored], counts: Sequence[Count]) -> Sequence[Scored]:
    """The sentence whose count tier holds the number of things the customer gives first, when one scores within
    COUNT_WITHIN of the best sentence ("12 to 23 bottles of wine: discount 10% off." for "if I get 12 bottles, do i
    get money off", behind "A magnum counts as two bottles."), taking the best one's score so the sentences joining
    it are those that would have joined the best; the rows of its table whose tiers exclude the count are not said.
    Of several tiers holding it, the one naming the counted things, then the highest tier (asked_counts.tightest)."""
    if not counts or not scored:
        return scored
    best = scored[0]
    near = best.score - COUNT_WITHIN - ROW_OVERLAP_SLACK
    holding = [s for s in scored if s.score >= near and asked_counts.fits(s.candidate.text, counts)]
    if not holding:
        return scored
    lead = max(holding, key=lambda s: asked_counts.tightest(s.candidate.text, counts))  # ties: the better score
    others = [s for s in scored if s is not lead and not (
        s.candidate.row and s.candidate.passage == lead.candidate.passage
        and asked_counts.fits(s.candidate.text, counts) is False)]
    return [replace(lead, score=max(lead.score, best.score)), *others]


def _variant_of(text: str) -> frozenset[str]:
    """A row's label without its size: the words that name the product, the same for each of its size bands
    ("full groom, medium dog (10kg-25kg)" and "full groom, small dog (under 10 kg)")."""
    return frozenset(w for w in _VARIANT_WORD.findall(size_free(row_label(text)).lower()) if w not in _SIZE_NAMES)


def _asked_figure(best: Scored, scored: Sequence[Scored], chosen: Sequence[Candidate],
                  asks: frozenset[str]) -> Candidate | None:
    """The sentence holding the kind of figure the question asks for, when no chosen one holds it: of those within
    ASKED_WITHIN of the best, the one holding most of the question's words, the best scored among equals. A
    figure near the topic in meaning alone is another thing's: for "cost of a puppy groom?" the gift voucher's
    "from €20" scored above the row "puppy intro, puppies under 6 months: 30.00 EUR". Not a priced one unless
    money is asked: a price row's span or time is the product's ("5-class card: 150.00 EUR (valid for 3 months)"),
    not the rule asked about ("how far ahead can I book classes?")."""
    if not asks or any(holds(c.text, asks) for c in chosen):
        return None
    priced = frozenset() if MONEY in asks else frozenset({MONEY})
    holding = [s for s in scored[1:] if s.score >= best.score - ASKED_WITHIN - ROW_OVERLAP_SLACK
               and s.candidate not in chosen and holds(s.candidate.text, asks)
               and not (priced and holds(s.candidate.text, priced))]
    most = max((s.overlap for s in holding), default=0.0)
    return next((s.candidate for s in holding if s.overlap >= most - ROW_OVERLAP_SLACK), None)


def _text_beside_price(best: Scored, scored: Sequence[Scored], asks: frozenset[str]) -> Candidate | None:
    """For a question asking for a time or a span (not money) led by a price row, the best text sentence within
    PRICE_ROW_TEXT_WITHIN holding such a figure and as many of the question's words: the row names the product and
    its price, the text what is asked of it. Not for a question asking no figure or money ("is your bread organic",
    "how much for …"), nor a row without a price (a timetable's row answers as it is). A span dating a moment is
    not the span asked ("cancel up to 24 hours before it starts" says nothing of how long a lesson is)."""
    if not asks or MONEY in asks or not best.candidate.row or not holds(best.candidate.text, frozenset({MONEY})):
        return None
    return next((s.candidate for s in scored[1:] if not s.candidate.row
                 and s.score >= best.score - PRICE_ROW_TEXT_WITHIN - ROW_OVERLAP_SLACK
                 and s.overlap >= best.overlap - ROW_OVERLAP_SLACK and holds(moment_free(s.candidate.text), asks)),
                None)


def _same_item(best: Scored, other: Scored) -> bool:
    """Another row naming the asked item as fully as the best row does, in its label too: a variant of the same
    item ("drop-in mat class" beside "drop-in reformer class" for "a single drop in class"; "rolls, pretzel" beside
    the platter of filled pretzels), not a row whose description names it."""
    return (other.candidate.row and other.label_overlap > 0.0
            and other.label_overlap >= best.label_overlap - ROW_OVERLAP_SLACK
            and other.overlap >= best.overlap - ROW_OVERLAP_SLACK)


def _joins(best: Scored, other: Scored, runner_up: Scored | None = None) -> bool:
    """A sentence of the best one's passage joins it. From another passage, a table row joins when it holds as
    much of the question's words as the best one (the 250 g and the 1 kg price of the coffee asked for, not the
    row of the next model up that only shares "screen" and "price"), and so does a text sentence joining a best
    row: the FAQ's sentence and the price list's row about the same thing answer together ("A screen protector
    bought from us is fitted for free." and "tempered glass screen protector: 14.90 EUR"). Two text sentences
    of different sections join only when they nearly tie (NEAR_TIE) and the other holds as many of the question's
    words, or when the other is the runner-up of all the sentences and scores within RUNNER_UP_WITHIN: otherwise
    they are about different things more often than not."""
    if other.candidate.passage == best.candidate.passage:
        return True
    as_many_words = other.overlap >= best.overlap - ROW_OVERLAP_SLACK
    if best.candidate.row or other.candidate.row:
        return as_many_words
    if other is runner_up and other.score >= best.score - RUNNER_UP_WITHIN - ROW_OVERLAP_SLACK:
        return True
    return as_many_words and other.score >= best.score - NEAR_TIE - ROW_OVERLAP_SLACK


def _item_lead(best: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    """The first sentence of the list item the best one continues: it names what the item is about, and the
    sentences after it say "the best class to start with" of the thing named ("Hatha Yoga: slow and
    steady." + "The best class to start with if you have never done yoga.")."""
    if not best.listed:
        return None
    return min((c for c in found if c.passage == best.passage and c.paragraph == best.paragraph
                and c.position < best.position), key=lambda c: c.position, default=None)


# A sentence opening with a word that points back says what it speaks of in the sentence before it: "They are
# suitable for outdoor use" (PVC banners), "It carries its own water and power" (the grooming van). Not "It is
# possible to …", which points at nothing.
_POINTS_BACK = re.compile(r"^(?:they|it|this|these|those|that|its|their)\b(?!\s+(?:is|was)\s+(?:not\s+)?possible\b)",
                          re.IGNORECASE)


def _referent(best: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    """The sentence before the best one in its paragraph, when the best one opens with a word pointing back to it."""
    if best.row or not _POINTS_BACK.match(best.text):
        return None
    return next((c for c in found if c.passage == best.passage and c.paragraph == best.paragraph and not c.row
                 and c.position == best.position - 1), None)


def _neighbour_with_figure(best: Candidate, found: Sequence[Candidate], chosen: Sequence[Candidate],
                           asks: frozenset[str] = frozenset()) -> Candidate | None:
    """A reply with no figure at all, when the sentence just before or after the best one, under the same
    heading, holds one: a section often says the general thing in one sentence and the figure in the next
    ("Use filtered water with a hardness of 4 to 8 °dH." + "Very hard water makes coffee taste flat…"). For a
    question asking a kind of figure (pipelines/asked_kinds.py), a reply without one of that kind takes the
    sentence after the best one when it holds one, whatever its score: it goes on about the same thing ("Gift
    vouchers can be bought for any amount from €20, …" + "They are valid for 2 years …" for "how long is a gift
    voucher valid for"). Not the one before: a rule of its own on the best one's subject more often than not."""
    if best.row:
        return None
    neighbours = [c for c in found if c.passage == best.passage and c.context == best.context and not c.row
                  and abs(c.position - best.position) == 1 and c not in chosen]
    if asks and not any(holds(c.text, asks) for c in chosen):
        asked = next((c for c in neighbours if c.position == best.position + 1
                      and holds(moment_free(c.text), asks)), None)
        if asked is not None:
            return asked
    if any(_FIGURE.search(c.text) for c in chosen):
        return None
    return next((c for c in neighbours if _FIGURE.search(c.text)), None)
