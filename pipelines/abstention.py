"""Is the question answerable from the documents? Decided on the fused ranking plus how well the best
sentence supports an answer, instead of one cosine cut on whole chunks.

A cosine cut alone fails both ways: a short price row scores low against a long question (0.31) while
an off-topic chunk sharing the question's register scores higher (0.39). Sentence-level cosine, the
share of the question's topic words the top passages hold, and whether the vector and keyword lists
agree on the top passage separate the two far better. Words no document of the business uses at all
("calories", "scooters", "fairtrade") are the strongest sign of a question the documents do not cover,
so they weigh most. The weights and the threshold were calibrated on the evaluation suites' dev split
(see docs/answers.md).
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_WEIGHT = 1.0
COVERAGE_WEIGHT = 0.60
AGREEMENT_BONUS = 0.10
UNKNOWN_WEIGHT = 0.70
THRESHOLD = 0.40
# BotSettings.min_relevance used to be a cosine cut with this default; an owner who moved it moves the
# threshold by as much, so "stricter" and "looser" keep their meaning.
MIN_RELEVANCE_DEFAULT = 0.35


@dataclass(frozen=True)
class Support:
    best_sentence: float  # cosine of the best candidate sentence (with its heading) to the question
    coverage: float  # share of the question's topic words found in one of the top passages
    agreement: bool  # the top fused passage is in the top 3 of both the vector and the keyword lists
    unknown: float = 0.0  # share of the question's topic words (by rarity) no document ever uses

    @property
    def score(self) -> float:
        return (SENTENCE_WEIGHT * self.best_sentence + COVERAGE_WEIGHT * self.coverage
                + (AGREEMENT_BONUS if self.agreement else 0.0) - UNKNOWN_WEIGHT * self.unknown)


def threshold(min_relevance: float = MIN_RELEVANCE_DEFAULT) -> float:
    return THRESHOLD + SENTENCE_WEIGHT * (min_relevance - MIN_RELEVANCE_DEFAULT)


def answerable(support: Support | None, min_relevance: float = MIN_RELEVANCE_DEFAULT) -> bool:
    """None (nothing retrieved, or no sentence to quote) is never answerable."""
    return support is not None and support.score >= threshold(min_relevance)
