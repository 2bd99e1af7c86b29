"""The intent classifier without a model: a logistic-regression head over sentence embeddings.

Each business's example set (the defaults, its extra examples, its own intents) gets one
multinomial logistic regression over the examples' embeddings and character n-grams, fitted on
first use and kept per process under the example set's hash: a change of examples is a new
head, an unchanged set is never fitted twice. The decision itself (margins, asymmetric costs)
is pure: pipelines/intent.py::decide.

Fitting needs scikit-learn and SciPy (~85 MiB of a process's memory once imported); deciding does
not. A fitted head keeps plain arrays (the n-gram vocabulary and idf, the weights), and worker
processes fit in a child process (`fit_head_isolated`), so they never load either library.
"""

from __future__ import annotations

import math
import pickle
import re
import subprocess
import sys
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pipelines import intent
from pipelines.retrieval import words
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


NGRAM_RANGE = (2, 5)
_WHITE_SPACES = re.compile(r"\s\s+")
_PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIT_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class CharNgrams:
    """A fitted tf-idf over character n-grams within words, as scikit-learn's `TfidfVectorizer(analyzer=
    "char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True)` transforms a text (a unit test holds the two
    equal), from its vocabulary and idf alone."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def of(cls, fitted: Any) -> CharNgrams:
        return cls({str(k): int(v) for k, v in fitted.vocabulary_.items()}, np.asarray(fitted.idf_, dtype=np.float64))

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's non-zero features: column indices and values (unit length)."""
        counts = Counter(i for i in map(self.vocabulary.get, _char_wb_ngrams(text.lower())) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
        values = np.asarray([1.0 + math.log(counts[c]) for c in columns]) * self.idf[columns]
        return columns, values / np.linalg.norm(values)


def _char_wb_ngrams(text: str) -> list[str]:
    grams: list[str] = []
    low, high = NGRAM_RANGE
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset:offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset:offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return grams


@dataclass(frozen=True)
class IntentHead:
    """A fitted head: class names and a function from a vector (and its text) to their probabilities."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dims)
    bias: np.ndarray  # (classes,)
    lexical: CharNgrams | None = None  # the fitted n-gram features, None when fitted without texts
    lexical_weights: np.ndarray | None = None  # (classes, n-grams), float32: a head is kept per example set

    def probabilities(self, vector: Sequence[float], text: str | None = None) -> dict[str, float]:
        """Without the text, only the embedding speaks (its n-grams count as none seen)."""
        if len(self.classes) == 1:
            return {self.classes[0]: 1.0}
        logits = self.weights @ np.asarray(vector, dtype=np.float64) + self.bias
        if self.lexical is not None and self.lexical_weights is not None and text:
            columns, values = self.lexical.transform(text)
            logits += LEXICAL_WEIGHT * (self.lexical_weights[:, columns].astype(np.float64) @ values)
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
        vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                                     max_features=LEXICAL_FEATURES)
        try:
            features = sparse.hstack([features, LEXICAL_WEIGHT * vectoriser.fit_transform(texts)]).tocsr()
            lexical = CharNgrams.of(vectoriser)
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


def fit_head_isolated(vectors: np.ndarray, labels: Sequence[str], texts: Sequence[str] | None = None) -> IntentHead:
    """`fit_head` in a child process, so this process never imports scikit-learn or SciPy. The head comes
    back pickled: the child is this same code, never outside input."""
    done = subprocess.run([sys.executable, "-c", "from services.adapters.intent_classifier import fit_in_child; "
                                                 "fit_in_child()"], cwd=_PROJECT_ROOT,
                          input=pickle.dumps((vectors, list(labels), None if texts is None else list(texts))),
                          capture_output=True, timeout=FIT_TIMEOUT_SECONDS, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"fitting the intent head failed ({done.returncode}): "
                           f"{done.stderr.decode(errors='replace').strip()[-300:]}")
    head = pickle.loads(done.stdout)  # noqa: S301  # written by our own child process, above
    if not isinstance(head, IntentHead):
        raise RuntimeError(f"fitting the intent head returned {type(head).__name__}")
    return head


@dataclass
class IntentHeads:
    """Example embeddings (per text) and fitted heads (per example set), shared by a process's jobs."""

    embedder: Embedder
    max_heads: int = 64
    fit: Callable[..., IntentHead] = fit_head  # worker processes: fit_head_isolated
    _vectors: dict[str, list[float]] = field(default_factory=dict)
    _heads: OrderedDict[str, IntentHead] = field(default_factory=OrderedDict)
    _defaults: tuple[dict[str, list[str]], str] | None = None  # the set with no examples of a business's own
    _words: OrderedDict[str, frozenset[str]] = field(default_factory=OrderedDict)  # each set's words
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def head_for(self, setup: IntentSetup) -> IntentHead:
        """The head of a business's example set. Most businesses add none: their set, and its key, are
        made once a process instead of once a message."""
        return self.head(*self._set_of(setup))

    def example_words(self, setup: IntentSetup) -> frozenset[str]:
        """The words of a business's example set (lowercased), once a process per set: a customer's typo of one
        of them is read as it (pipelines/typos.py)."""
        classes, key = self._set_of(setup)
        with self._lock:
            known = self._words.get(key)
        if known is None:
            known = frozenset().union(*(words(text) for texts in classes.values() for text in texts))
            with self._lock:
                self._words[key] = known
                while len(self._words) > self.max_heads:
                    self._words.popitem(last=False)
        return known

    def _set_of(self, setup: IntentSetup) -> tuple[Mapping[str, Sequence[str]], str]:
        if setup.examples or setup.intents:
            classes = intent.training_set(setup.examples, setup.intents)
            return classes, intent.training_key(self.embedder.model_name, classes)
        if self._defaults is None:
            classes = intent.training_set({}, [])
            self._defaults = (classes, intent.training_key(self.embedder.model_name, classes))
        return self._defaults

    def head(self, classes: Mapping[str, Sequence[str]], key: str | None = None) -> IntentHead:
        """`key`: the set's `training_key`, when the caller has it."""
        key = key or intent.training_key(self.embedder.model_name, classes)
        with self._lock:
            if key in self._heads:
                self._heads.move_to_end(key)
                return self._heads[key]
        texts = [t for texts in classes.values() for t in texts]
        missing = sorted(set(texts) - set(self._vectors))
        if missing:
            self._vectors.update(zip(missing, self.embedder.embed(missing), strict=True))
        labels = [name for name, texts in classes.items() for _ in texts]
        fitted = self.fit(np.asarray([self._vectors[t] for t in texts], dtype=np.float64), labels, texts)
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
    business_name: str = ""  # named in the small-talk greeting

    @classmethod
    def of(cls, settings: BotSettings | Mapping) -> IntentSetup:
        """From validated settings, or from a bot_config row as the stages read it."""
        if not isinstance(settings, BotSettings):
            settings = BotSettings.model_validate({
                "allowed_task_types": list(settings.get("allowed_task_types") or []),
                "intent_examples": settings.get("intent_examples") or {},
                "intents": settings.get("intents") or [],
                "business": {"name": str((settings.get("business") or {}).get("name") or "")}})
        return cls(settings.intent_examples, settings.intents, settings.task_types, settings.business.name)

    def reply_for(self, label: str) -> str:
        """An answer intent's canned reply ("" for none): the business's own, else Salesboy's small talk."""
        key = label.removeprefix("Answer:")
        own = next((i for i in self.intents if i.kind == "answer" and i.key == key), None)
        return own.reply if own is not None else intent.small_talk_reply(label, self.business_name)


def decide_intent(text_or_vector: str | Sequence[float], settings: BotSettings | Mapping | IntentSetup, *,
                  heads: IntentHeads, rules: intent.DecisionRules | None = None,
                  payload: dict[str, object] | None = None,
                  text: str | None = None) -> IntentResult:
    """The intent stage's decision without a model, for one message: its text (embedded here, once),
    or its embedding with the text alongside (the text's form is evidence too)."""
    setup = settings if isinstance(settings, IntentSetup) else IntentSetup.of(settings)
    head = heads.head_for(setup)
    if isinstance(text_or_vector, str):
        text = text_or_vector
        vector: Sequence[float] = heads.embedder.embed([text])[0]
    else:
        vector = text_or_vector
    if payload is None:
        payload = intent.extract_payload(text) if text else {}
    return intent.decide(head.probabilities(vector, text), rules=rules or intent.DecisionRules(),
                         allowed_task_types=setup.task_types, payload=payload,
                         form=intent.message_form(text) if text else "statement", text=text)


def fit_in_child() -> None:
    """The child's side of `fit_head_isolated`: run as an import of this module (not `-m`), so the head
    pickles as services.adapters.intent_classifier.IntentHead rather than __main__'s."""
    vectors, labels, texts = pickle.loads(sys.stdin.buffer.read())  # noqa: S301  # from our own parent
    sys.stdout.buffer.write(pickle.dumps(fit_head(vectors, labels, texts)))
