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
    """Every vocabulary entry that is a whole alphabetic word (not a "##" continuation, not [unused]).
    A missing vocabulary file raises: the model package is a dependency and always holds one."""
    vocabulary = Path(default_model_path()) / "vocab.txt"
    return frozenset(w for w in vocabulary.read_text(encoding="utf-8").split("\n") if w.isalpha())
