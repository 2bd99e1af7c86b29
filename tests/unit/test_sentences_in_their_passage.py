"""A sentence is read in its passage: the passage holding more of the question's words lends its sentences more
(sentences.PASSAGE_COVERAGE_WEIGHT), so the sentence that answers without repeating the question's words can lead."""

import uuid

import pytest

from pipelines.retrieval import Ranked
from pipelines.sentences import OVERLAP_WEIGHT, PASSAGE_COVERAGE_WEIGHT, Candidate, pick, score
from services.usecases import answering
from tests.unit.handlers.fakes import FakeEmbedder

DOCUMENT = uuid.uuid4()

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


def _found(chunk, content, coverage, *, table=False, document=DOCUMENT):
    metadata = {"kind": "table", "sheet": "prices", "columns": ["item", "price"]} if table else {"heading": "FAQ"}
    return answering.Found(chunk, document, "prices.csv" if table else "faq.md", "1", content, metadata, 0.5,
                           Ranked(chunk, 0.1, 1, 1), coverage)


def test_the_rows_of_one_table_split_across_chunks_lend_the_same_share():
    other = uuid.uuid4()
    passages = [_found("a", "text", 0.9), _found("b", "rows", 0.4, table=True), _found("c", "rows", 0.7, table=True),
                _found("d", "rows", 0.2, table=True, document=other)]
    assert answering.lent_coverage(passages) == [0.9, 0.7, 0.7, 0.2]


def test_each_sentence_scored_for_the_reply_is_lent_its_passages_share():
    embedder = FakeEmbedder()
    found = [_found("a", "The van comes on Mondays. Parking is free.", 0.25),
             _found("b", "Your registration is valid for 2 years.", 1.0)]
    question = "how long is the waiver valid for"
    retrieval = answering.Retrieval(question, embedder.embed([question])[0], ["waiver", "valid"], found,
                                    {"waiver": 1.0, "valid": 1.0}, [])
    scored, _related, _best = answering._scored_sentences(answering.Deps(embedder, None, None), retrieval)
    lent = {s.candidate.text: s.score - s.similarity - OVERLAP_WEIGHT * s.overlap for s in scored}
    assert lent == pytest.approx({"The van comes on Mondays.": PASSAGE_COVERAGE_WEIGHT * 0.25,
                                  "Parking is free.": PASSAGE_COVERAGE_WEIGHT * 0.25,
                                  "Your registration is valid for 2 years.": PASSAGE_COVERAGE_WEIGHT * 1.0})
