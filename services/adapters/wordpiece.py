"""The whole English words of the packaged embedding model's WordPiece vocabulary (all-MiniLM-L6-v2 uses
BERT's uncased vocabulary, Apache-2.0, shipped inside the model package): a word-frequency list of sorts.
The tokenizer keeps a word whole when it was common in its training text; "wifi", "calories", "fairtrade",
"motorbikes" are cut into pieces. The abstention decision counts an unknown word that is none of these
more (pipelines/abstention.py). Read once per process, on first use (about 23,000 words, ~2 MB)."""

from __future__ import annotations

import functools
from pathlib import Path

from services.adapters.embeddings import default_model_path


@functools.cache
def whole_words() -> frozenset[str]:
    """Every vocabulary entry that is a whole alphabetic word (not a "##" continuation, not [unused])."""
    return frozenset(_whole_words_in_order())


@functools.cache
def commonest_whole_words(count: int) -> frozenset[str]:
    """The first `count` whole words of the vocabulary. BERT's vocabulary lists its words roughly by frequency
    after the characters and word pieces it starts with ("the", "of", "and" first; "phone" about 1,700th,
    "furniture" 5,400th, "wheelchair" 10,300th): its first few thousand are everyday English."""
    return frozenset(_whole_words_in_order()[:count])


@functools.cache
def _whole_words_in_order() -> tuple[str, ...]:
    """A missing vocabulary file raises: the model package is a dependency and always holds one."""
    vocabulary = Path(default_model_path()) / "vocab.txt"
    return tuple(dict.fromkeys(w for w in vocabulary.read_text(encoding="utf-8").split("\n") if w.isalpha()))
