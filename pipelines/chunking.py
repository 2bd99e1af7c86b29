"""Split extracted sections into chunks the embedding model sees whole.

Token-aware with the model's own tokenizer (passed in as `count_tokens`): a chunk
never exceeds `max_tokens`, because the model silently truncates longer input and
the tail would never be found. Text splits on paragraphs, then sentences, then
words, before it ever cuts characters; tables are chunked in row groups with the
column names on every row, so "price of X" lands on X's row. Deterministic: the
same sections always give the same chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from schemas.kb import ChunkDraft, Section, TableSection, TextSection

TokenCounter = Callable[[str], int]
BatchTokenCounter = Callable[[list[str]], list[int]]

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+")
_LIST_ITEM = re.compile(r"(?:[-*•+]|\d+[.)])\s")  # "- ", "* ", "• ", "1. ", "2) " opening a line


@dataclass(frozen=True)
class ChunkingOptions:
    max_tokens: int = 200
    overlap_tokens: int = 30
    # One row a chunk: a price question is about one row, and a row alone is found by its words and
    # its vector far better than one row among eight.
    table_rows_per_chunk: int = 1

    def __post_init__(self) -> None:
        if self.max_tokens < 16:
            raise ValueError("max_tokens must be at least 16")
        if not 0 <= self.overlap_tokens < self.max_tokens // 2:
            raise ValueError("overlap_tokens must be between 0 and half of max_tokens")
        if self.table_rows_per_chunk < 1:
            raise ValueError("table_rows_per_chunk must be at least 1")


@dataclass(frozen=True)
class _Unit:
    text: str
    tokens: int
    page: int | None


@dataclass(frozen=True)
class _Draft:
    content: str
    metadata: dict[str, object]
    # The counts of its heading prefix and of its parts, summed: its own count for a tokenizer whose counts add up.
    parts_tokens: int


def chunk_sections(
    sections: Iterable[Section], count_tokens: TokenCounter, options: ChunkingOptions = ChunkingOptions(),
    count_many: BatchTokenCounter | None = None, *, counts_add_up: bool = False,
) -> list[ChunkDraft]:
    """`count_many`, when given, counts many texts in one call (a fast tokenizer's batch mode).

    `counts_add_up`: the tokenizer counts texts joined by whitespace as the sum of their counts (WordPiece
    after a whitespace and punctuation split does). A chunk's count is then the sum of the parts it was built
    from, already counted, instead of a second pass of the tokenizer over every chunk (~a third of the
    chunking time of a long document). Otherwise every chunk is counted whole."""
    many = count_many or (lambda texts: [count_tokens(t) for t in texts])
    drafts: list[_Draft] = []
    text_run: list[TextSection] = []
    for section in sections:
        if isinstance(section, TextSection) and (not text_run or text_run[-1].heading_path == section.heading_path):
            text_run.append(section)
            continue
        drafts.extend(_chunk_text_run(text_run, count_tokens, many, options))
        text_run = []
        if isinstance(section, TextSection):
            text_run.append(section)
        else:
            drafts.extend(_chunk_table(section, count_tokens, options))
    drafts.extend(_chunk_text_run(text_run, count_tokens, many, options))
    if counts_add_up:
        counts = [draft.parts_tokens for draft in drafts]
    else:
        counts = many([draft.content for draft in drafts]) if drafts else []
    chunks = [
        ChunkDraft(ordinal=i, content=draft.content, tokens=tokens, metadata=draft.metadata)
        for i, (draft, tokens) in enumerate(zip(drafts, counts, strict=True))
    ]
    for chunk in chunks:
        if chunk.tokens > options.max_tokens:  # a tokenizer that is not additive over whitespace
            raise ValueError(f"chunk {chunk.ordinal} has {chunk.tokens} tokens, above {options.max_tokens}")
    return chunks


# --- prose ------------------------------------------------------------------------------------

def _chunk_text_run(
    run: list[TextSection], count_tokens: TokenCounter, count_many: BatchTokenCounter, options: ChunkingOptions
) -> Iterator[_Draft]:
    if not run:
        return
    # The heading path is part of the embedded text: "Shipping > Europe\n4-6 working days" is found by
    # "how long to ship to Austria?" though the body never says "shipping".
    heading = run[0].heading_path
    prefix = f"{heading}\n" if heading else ""
    prefix_tokens = count_tokens(prefix) if prefix else 0
    budget = options.max_tokens - prefix_tokens
    if budget < 8:  # an absurdly long heading: keep it out of the chunk body
        prefix, prefix_tokens, budget = "", 0, options.max_tokens
    paragraphs = [(section, _paragraphs(section)) for section in run]
    flat = [p for _, ps in paragraphs for p in ps]
    known = dict(zip(flat, count_many(flat), strict=True)) if flat else {}
    units = [unit for section, ps in paragraphs for unit in _units(section, ps, known, count_tokens, budget)]

    chunk: list[_Unit] = []
    size = 0
    for unit in units:
        if chunk and size + unit.tokens > budget:
            yield _emit(chunk, prefix, prefix_tokens, heading)
            chunk = _overlap_tail(chunk, options.overlap_tokens, budget - unit.tokens)
            size = sum(u.tokens for u in chunk)
        chunk.append(unit)
        size += unit.tokens
    if chunk:
        yield _emit(chunk, prefix, prefix_tokens, heading)


def _paragraphs(section: TextSection) -> list[str]:
    normalised = (_normalised(p) for p in _PARAGRAPH_BREAK.split(section.text))
    return [p for p in normalised if p]


def _normalised(paragraph: str) -> str:
    """The paragraph's whitespace collapsed, but a Markdown table keeps one row a line ("| Monday | 18:00 |"),
    and a list one item a line: a row or an item is what a question about it needs, and run together they no
    longer tell where one ends ("- Hatha: … The best class to start with. - Vinyasa: …" reads as if the best
    class were the next one). A line break is whitespace to the tokenizer, so the embedding is the same."""
    lines: list[str] = []
    for raw in paragraph.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if lines and not _is_table_line(line) and not _is_table_line(lines[-1]) and not _LIST_ITEM.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


def _is_table_line(line: str) -> bool:
    return len(line) > 1 and line.startswith("|") and line.endswith("|")


def _units(
    section: TextSection, paragraphs: list[str], known: dict[str, int], count_tokens: TokenCounter, budget: int
) -> Iterator[_Unit]:
    """Paragraphs that fit; otherwise their sentences; otherwise word runs."""
    for paragraph in paragraphs:
        tokens = known[paragraph]
        if tokens <= budget:
            yield _Unit(paragraph, tokens, section.page)
            continue
        for raw_sentence in _SENTENCE_END.split(paragraph):
            sentence = raw_sentence.strip()
            if not sentence:
                continue
            tokens = count_tokens(sentence)
            if tokens <= budget:
                yield _Unit(sentence, tokens, section.page)
            else:
                for piece in _split_words(sentence, count_tokens, budget):
                    yield _Unit(piece, count_tokens(piece), section.page)


def _split_words(text: str, count_tokens: TokenCounter, budget: int) -> Iterator[str]:
    words = text.split(" ")
    current: list[str] = []
    for word in words:
        candidate = " ".join([*current, word])
        if current and count_tokens(candidate) > budget:
            yield " ".join(current)
            current = []
        if count_tokens(word) > budget:  # one "word" longer than a chunk (a URL, a hash)
            yield from _split_characters(word, count_tokens, budget)
            continue
        current.append(word)
    if current:
        yield " ".join(current)


def _split_characters(word: str, count_tokens: TokenCounter, budget: int) -> Iterator[str]:
    start = 0
    while start < len(word):
        low, high = start + 1, len(word)
        while low < high:  # the longest prefix that fits
            mid = (low + high + 1) // 2
            if count_tokens(word[start:mid]) <= budget:
                low = mid
            else:
                high = mid - 1
        yield word[start:low]
        start = low


def _overlap_tail(chunk: list[_Unit], overlap_tokens: int, room: int) -> list[_Unit]:
    tail: list[_Unit] = []
    size = 0
    for unit in reversed(chunk):
        if size + unit.tokens > min(overlap_tokens, room):
            break
        tail.insert(0, unit)
        size += unit.tokens
    return tail


def _emit(chunk: list[_Unit], prefix: str, prefix_tokens: int, heading: str | None) -> _Draft:
    pages = [u.page for u in chunk if u.page is not None]
    meta: dict[str, object] = {"kind": "text"}
    if heading:
        meta["heading"] = heading
    if pages:
        meta["page_start"], meta["page_end"] = min(pages), max(pages)
    return _Draft(prefix + "\n".join(u.text for u in chunk), meta, prefix_tokens + sum(u.tokens for u in chunk))


# --- tables -----------------------------------------------------------------------------------

def _render_row(columns: list[str], row: list[str]) -> str:
    cells = []
    for index, raw in enumerate(row):
        value = " ".join(str(raw).split())
        if not value:
            continue
        name = columns[index].strip() if index < len(columns) and columns[index].strip() else f"Column {index + 1}"
        cells.append(f"{name}: {value}")
    return "; ".join(cells)


def _chunk_table(table: TableSection, count_tokens: TokenCounter, options: ChunkingOptions) -> Iterator[_Draft]:
    prefix = f"{table.sheet}\n" if table.sheet else ""
    prefix_tokens = count_tokens(prefix) if prefix else 0
    budget = options.max_tokens - prefix_tokens
    group: list[tuple[int, str, int]] = []  # (row number, text, tokens)

    def flush() -> _Draft:
        # The column names let a reply turn a row back into a sentence (pipelines/sentences.py).
        meta: dict[str, object] = {"kind": "table", "row_start": group[0][0], "row_end": group[-1][0],
                                   "columns": [" ".join(str(c).split()) for c in table.columns]}
        if table.sheet:
            meta["sheet"] = table.sheet
        return _Draft(prefix + "\n".join(text for _, text, _ in group), meta,
                      prefix_tokens + sum(tokens for _, _, tokens in group))

    for offset, row in enumerate(table.rows):
        text = _render_row(table.columns, row)
        if not text:
            continue
        number = table.first_row + offset
        pieces = [text] if count_tokens(text) <= budget else list(_split_words(text, count_tokens, budget))
        for piece in pieces:
            tokens = count_tokens(piece)
            size = sum(t for _, _, t in group)
            if group and (len(group) >= options.table_rows_per_chunk or size + tokens > budget):
                yield flush()
                group = []
            group.append((number, piece, tokens))
    if group:
        yield flush()
