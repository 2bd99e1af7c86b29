"""The intent classifier without a model: a logistic-regression head over sentence embeddings.

Each business's example set (the defaults, its extra examples, its own intents) gets one
multinomial logistic regression over the examples' embeddings and character n-grams, fitted on
first use and kept per process under the example set's hash: a change of examples is a new
head, an unchanged set is never fitted twice. The decision itself (margins, asymmetric costs)
is pure: pipelines/intent.py::decide.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipelines import intent
from schemas.bot import BotSettings, BusinessIntent
from schemas.messages import IntentResult
from services.adapters.ports import Embedder

# Weaker regularisation than sklearn's default (C=1): unit-length 384-d embeddings and few
# examples per class want sharper classes; tuned on BANKING77's training rows beyond the first 10.
REGULARISATION_C = 12.0
# Beside the embedding, the head sees the text's character n-grams (within words, tf-idf, unit
# length), scaled down so meaning still leads: a few shared word pieces ("top up", "pending", a
# product name, a typo of one) separate intents whose sentences the embedding puts close together.
# Weight and vocabulary size chosen on BANKING77's later training rows and the suites' dev cases.
LEXICAL_WEIGHT = 0.35
LEXICAL_FEATURES = 5000


@dataclass(frozen=True)
class IntentHead:
    """A fitted head: class names and a function from a vector (and its text) to their probabilities."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dims)
    bias: np.ndarray  # (classes,)
    lexical: Any = None  # the fitted n-gram vectoriser, None when fitted without texts
    lexical_weights: np.ndarray | None = None  # (classes, n-grams), float32: a head is kept per example set

    def probabilities(self, vector: Sequence[float], text: str | None = None) -> dict[str, float]:
        """Without the text, only the embedding speaks (its n-grams count as none seen)."""
        if len(self.classes) == 1:
            return {self.classes[0]: 1.0}
        logits = self.weights @ np.asarray(vector, dtype=np.float64) + self.bias
        if self.lexical is not None and self.lexical_weights is not None and text:
            grams = self.lexical.transform([text])
            logits += LEXICAL_WEIGHT * np.asarray(grams @ self.lexical_weights.T, dtype=np.float64).ravel()
        logits -= logits.max()
        odds = np.exp(logits)
        return dict(zip(self.classes, (odds / odds.sum()).tolist(), strict=True))


def fit_head(vectors: np.ndarray, labels: Sequence[str], texts: Sequence[str] | None = None, *,
             c: float = REGULARISATION_C) -> IntentHead:
    """A multinomial logistic regression, classes weighted equally however many examples each has,
    over the embeddings and (given the texts) their character n-grams."""
    classes = tuple(sorted(set(labels)))
    if len(classes) == 1:
        return IntentHead(classes, np.zeros((1, vectors.shape[1])), np.zeros(1))
    from scipy import sparse  # loaded when the first head is fitted
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    features, lexical = sparse.csr_matrix(vectors), None
    if texts is not None:
        lexical = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                  max_features=LEXICAL_FEATURES)
        try:
            features = sparse.hstack([features, LEXICAL_WEIGHT * lexical.fit_transform(texts)]).tocsr()
        except ValueError:  # no n-grams at all (examples of blanks): the embedding alone decides
            lexical = None
    # tol 1e-3: as accurate as the default on BANKING77 (dev), in half the fitting time.
    model = LogisticRegression(C=c, max_iter=500, tol=1e-3, class_weight="balanced")
    model.fit(features, labels)
    dims = vectors.shape[1]
    coef, bias = np.asarray(model.coef_, dtype=np.float64), np.asarray(model.intercept_, dtype=np.float64)
    if len(classes) == 2:  # one logit for the second class; as a softmax, the first one's is 0
        coef, bias = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], bias])
    return IntentHead(tuple(str(name) for name in model.classes_), coef[:, :dims], bias, lexical,
                      coef[:, dims:].astype(np.float32) if lexical is not None else None)


@dataclass
class IntentHeads:
    """Example embeddings (per text) and fitted heads (per example set), shared by a process's jobs."""

    embedder: Embedder
    max_heads: int = 64
    _vectors: dict[str, list[float]] = field(default_factory=dict)
    _heads: OrderedDict[str, IntentHead] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def head(self, classes: Mapping[str, Sequence[str]]) -> IntentHead:
        key = intent.training_key(self.embedder.model_name, classes)
        with self._lock:
            if key in self._heads:
                self._heads.move_to_end(key)
                return self._heads[key]
        texts = [t for texts in classes.values() for t in texts]
        missing = sorted(set(texts) - set(self._vectors))
        if missing:
            self._vectors.update(zip(missing, self.embedder.embed(missing), strict=True))
        labels = [name for name, texts in classes.items() for _ in texts]
        fitted = fit_head(np.asarray([self._vectors[t] for t in texts], dtype=np.float64), labels, texts)
        with self._lock:
            self._heads[key] = fitted
            while len(self._heads) > self.max_heads:
                self._heads.popitem(last=False)
        return fitted


@dataclass(frozen=True)
class IntentSetup:
    """What a business's settings say about intent: its examples, intents and enabled task types."""

    examples: dict[str, list[str]]
    intents: list[BusinessIntent]
    task_types: list[str]

    @classmethod
    def of(cls, settings: BotSettings | Mapping) -> IntentSetup:
        """From validated settings, or from a bot_config row as the stages read it."""
        if not isinstance(settings, BotSettings):
            settings = BotSettings.model_validate({
                "allowed_task_types": list(settings.get("allowed_task_types") or []),
                "intent_examples": settings.get("intent_examples") or {},
                "intents": settings.get("intents") or []})
        return cls(settings.intent_examples, settings.intents, settings.task_types)

    def reply_for(self, label: str) -> str:
        """An answer intent's canned reply ("" for none)."""
        key = label.removeprefix("Answer:")
        return next((i.reply for i in self.intents if i.kind == "answer" and i.key == key), "")


def decide_intent(text_or_vector: str | Sequence[float], settings: BotSettings | Mapping | IntentSetup, *,
                  heads: IntentHeads, rules: intent.DecisionRules | None = None,
                  payload: dict[str, object] | None = None,
                  text: str | None = None) -> IntentResult:
    """The intent stage's decision without a model, for one message: its text (embedded here, once),
    or its embedding with the text alongside (the text's form is evidence too)."""
    setup = settings if isinstance(settings, IntentSetup) else IntentSetup.of(settings)
    head = heads.head(intent.training_set(setup.examples, setup.intents))
    if isinstance(text_or_vector, str):
        text = text_or_vector
        vector: Sequence[float] = heads.embedder.embed([text])[0]
    else:
        vector = text_or_vector
    if payload is None:
        payload = intent.extract_payload(text) if text else {}
    return intent.decide(head.probabilities(vector, text), rules=rules or intent.DecisionRules(),
                         allowed_task_types=setup.task_types, payload=payload,
                         form=intent.message_form(text) if text else "statement")
