"""English words and how common they are, for reading a customer's typos (pipelines/typos.py).

The list is pyspellchecker's English word-frequency table (a dependency; MIT licence): about 160,000 words, each
with its count in a large body of English text, from "the" (76 million) down to 50. The embedding model's
whole-word vocabulary (wordpiece.py, ~23,000 words) lacks too many real words to tell a typo from a word ("parka",
"duvet", "warranty", "browsing" are not in it); this list has them.

Held as two arrays, not a dict: each word's 64-bit BLAKE2b digest, sorted, beside its count. A dict of the table is
~27 MiB in every worker process; the arrays are ~2 MiB, read once per process on first use (~0.3 s). Two words
sharing a digest would be a chance of about one in 10^14 a lookup.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.resources
import re

import numpy as np

# One `"word": count` entry of the table's JSON object (the words hold no quotes or backslashes).
_ENTRY = re.compile(r'"([^"\\]+)":\s*(\d+)')


_ROW = np.dtype([("digest", np.int64), ("count", np.int64)])


def _digest(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little", signed=True)


class EnglishLexicon:
    """`word in lexicon` and `lexicon.frequency(word)` (0 for no English word), for lowercased words."""

    def __init__(self, counts: dict[str, int] | None = None) -> None:
        entries = counts.items() if counts is not None else _table_entries()
        table = np.fromiter(((_digest(word), count) for word, count in entries), dtype=_ROW)
        table.sort(order="digest")
        self._digests, self._counts = table["digest"], table["count"]

    def __len__(self) -> int:
        return len(self._digests)

    def frequency(self, word: str) -> int:
        digest = _digest(word)
        at = int(np.searchsorted(self._digests, digest))
        return int(self._counts[at]) if at < len(self._digests) and self._digests[at] == digest else 0

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.frequency(word) > 0


def _table_entries():
    """The table's entries read one at a time from its text: no dict of 160,000 strings is ever built."""
    table = importlib.resources.files("spellchecker") / "resources" / "en.json.gz"
    text = gzip.decompress(table.read_bytes()).decode("utf-8")
    return ((m.group(1), int(m.group(2))) for m in _ENTRY.finditer(text))


@functools.cache
def english() -> EnglishLexicon:
    """The process's lexicon, read on first use."""
    return EnglishLexicon()
