"""The fused ranking's word weights: relation words ("before", "up") weigh as a word every chunk holds."""

from __future__ import annotations

import pytest

from pipelines.retrieval import RELATION_WORDS, STOP_WORDS, content_terms, coverage, fuse_by_score, weighed_for_ranking


def test_relation_words_weigh_one_and_the_others_keep_their_rarity():
    weights = {"motorway": 3.42, "lesson": 1.2, "before": 2.32, "test": 1.72, "ready": 4.11, "up": 2.88}
    ranked_by = weighed_for_ranking(weights)
    assert ranked_by["before"] == ranked_by["up"] == 1.0
    assert {t: ranked_by[t] for t in ("motorway", "lesson", "test", "ready")} == {
        "motorway": 3.42, "lesson": 1.2, "test": 1.72, "ready": 4.11}
    assert weights["before"] == 2.32  # the caller's weights (the abstention decision's) are left as they were


def test_relation_words_stay_search_terms():
    assert not RELATION_WORDS & STOP_WORDS
    assert content_terms("can i do a motorway lesson before my test") == ["motorway", "lesson", "before", "test"]


def test_a_passage_holding_the_asked_thing_passes_one_holding_only_the_relation_word():
    terms = ["motorway", "lesson", "before", "test"]
    weights = {"motorway": 3.42, "lesson": 1.2, "before": 2.32, "test": 1.72}
    asked = "We also give motorway lessons to full licence holders only."
    beside = "Book a pre-test lesson on the test routes before your test."
    # By rarity alone "lesson", "before" and "test" outweigh "motorway" and "lesson" ...
    assert coverage(terms, beside, weights) > coverage(terms, asked, weights)
    # ... and with the relation word weighing 1, the passage naming the asked-for thing leads, the meaning equal.
    ranked_by = weighed_for_ranking(weights)
    words = {"asked": coverage(terms, asked, ranked_by), "beside": coverage(terms, beside, ranked_by)}
    assert words["asked"] == pytest.approx(4.62 / 7.34)
    ranking = fuse_by_score(["beside", "asked"], ["beside", "asked"], {"asked": 0.5, "beside": 0.5}, words)
    assert [r.chunk_id for r in ranking] == ["asked", "beside"]


def test_a_question_of_relation_words_only_is_still_weighed():
    weights = weighed_for_ranking({"up": 2.88, "off": 3.1})
    assert coverage(["up", "off"], "Drop off and pick up at the door.", weights) == 1.0
    assert coverage(["up", "off"], "Drop off at the door.", weights) == 0.5
