"""A sentence is read in its passage: the passage holding more of the question's words lends its sentences more
(sentences.PASSAGE_COVERAGE_WEIGHT), so the sentence that answers without repeating the question's words can lead."""

import pytest

from pipelines.sentences import OVERLAP_WEIGHT, PASSAGE_COVERAGE_WEIGHT, Candidate, pick, score

TERMS = ["patch", "test", "long", "book"]
# "how long does the patch test take, do i have to book it?": the answer sits under the patch test's heading and
# names neither; the colour page's sentence names the test and shares the question's register.
ANSWER = Candidate("It takes 5 minutes, it's free, and you can drop in any time we're open.", "", 1, 0)
OTHER = Candidate("New clients need a skin patch test before a colour appointment.", "", 0, 0)


def test_the_passage_holding_more_of_the_question_lends_its_sentence_the_lead():
    alone = score(TERMS, [OTHER, ANSWER], [0.52, 0.58])
    assert alone[0].candidate is OTHER  # read alone, the other passage's sentence leads
    read_in_passages = score(TERMS, [OTHER, ANSWER], [0.52, 0.58], passage_coverage=[0.5, 1.0])
    assert read_in_passages[0].candidate is ANSWER
    lent = read_in_passages[0].score - (0.58 + OVERLAP_WEIGHT * read_in_passages[0].overlap)
    assert lent == pytest.approx(PASSAGE_COVERAGE_WEIGHT * 1.0)
    assert pick(read_in_passages, 60)[0] is ANSWER


def test_a_sentence_of_a_passage_beyond_the_coverages_given_gets_nothing_lent():
    (only,) = score(TERMS, [ANSWER], [0.5], passage_coverage=[0.9])  # passage 1: no coverage given for it
    assert only.score == pytest.approx(0.5 + OVERLAP_WEIGHT * only.overlap)
