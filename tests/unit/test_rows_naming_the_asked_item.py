"""A best row's companions: the rows naming the asked item come first, and the item's own rows join from further."""

from pipelines.asked_kinds import MONEY, asked_kinds
from pipelines.sentences import Candidate, Scored, pick

CONTEXT = "Pennyfold plant care and services guide"
TURF = "Turf: best time to plant September to May, good to know autumn is best."
BEDDING = "Summer bedding: best time to plant after mid-May, good to know once the risk of frost has passed."
SHRUBS = "Shrubs and trees in pots: best time to plant all year round, good to know avoid frozen ground."
HEDGING = "Bare-root hedging, trees and roses: best time to plant November to March, good to know when not frozen."


def _row(text, position, score, overlap, label_overlap, passage=0):
    candidate = Candidate(text, CONTEXT, passage, position, position, True)
    return Scored(candidate, score - 0.2 * overlap, overlap, score, label_overlap)


def _planting_rows(hedging_label=0.26):
    # The figures of "when's the best time to plant a beech hedge": every row holds the column's "best time to
    # plant"; only the bare-root row's label names the hedge, and it scores a hair behind the others.
    return [
        _row(TURF, 0, 0.613, 0.58, 0.0),
        _row(BEDDING, 1, 0.611, 0.58, 0.0),
        _row(SHRUBS, 2, 0.603, 0.58, 0.0),
        _row(HEDGING, 3, 0.595, 0.74, hedging_label),
    ]


def test_the_row_naming_the_asked_item_takes_a_place_before_rows_of_other_items():
    asks = asked_kinds("when's the best time to plant a beech hedge")
    picked = [c.text for c in pick(_planting_rows(), 1000, asks=asks)]
    assert HEDGING in picked
    assert picked[0] == TURF and len(picked) == 3  # the best row stays; a row of another item gives way


def test_rows_naming_no_more_of_the_question_keep_the_score_order():
    picked = [c.text for c in pick(_planting_rows(hedging_label=0.0), 1000)]
    assert picked == [TURF, BEDDING, SHRUBS]


def test_a_text_sentence_leading_the_reply_keeps_the_score_order():
    best = Scored(Candidate("Plant hedges while the ground is workable.", CONTEXT, 1, 0, 0), 0.52, 0.58, 0.636)
    picked = [c.text for c in pick([best, *_planting_rows()], 1000)]
    assert HEDGING not in picked


PACK = "private sessions, private session pack, 5 private sessions of 60 minutes: 420.00 EUR (valid for 6 months)."
DUO = "private sessions, duo private session, 60 minutes for 2 people: 110.00 EUR."
SINGLE = "private sessions, private session, 60 minutes; yoga or mat pilates: 89.00 EUR."


def _priced(text, passage, score, overlap=0.69, label_overlap=0.69):
    return Scored(Candidate(text, "", passage, 0, 0, True), score - 0.2 * overlap, overlap, score, label_overlap)


def test_the_asked_items_own_price_row_joins_a_quarter_behind():
    # "How much is a private 1:1 session?": the single session's row scores 0.242 behind the pack's.
    rows = [_priced(PACK, 0, 0.853), _priced(DUO, 1, 0.842), _priced(SINGLE, 2, 0.611)]
    picked = [c.text for c in pick(rows, 1000, asks=frozenset({MONEY}))]
    assert picked == [PACK, DUO, SINGLE]
    # Further behind, or a row naming the item less fully in its label: not said.
    assert SINGLE not in [c.text for c in pick([*rows[:2], _priced(SINGLE, 2, 0.59)], 1000, asks=frozenset({MONEY}))]
    fewer = [*rows[:2], _priced(SINGLE, 2, 0.611, label_overlap=0.3)]
    assert SINGLE not in [c.text for c in pick(fewer, 1000, asks=frozenset({MONEY}))]


MAT_UNLIMITED = "memberships, mat unlimited, all yoga and mat pilates classes: 99.00 per month."
MAT_TWICE = "memberships, mat twice a week, 8 yoga or mat pilates classes a month: 75.00 per month."
SUNDAYS = "On Sundays there are no regular classes; our monthly workshops take place on Sunday afternoons."
COMPANY = "corporate, company class at your office, 60 minutes for up to 15 people: 140.00 EUR."


def test_the_row_naming_the_asked_service_comes_before_near_sentences_about_other_things():
    # "We'd like a weekly yoga class at our office for the team, what does that cost?": the membership rows and a
    # sentence about Sundays score near the best; the company class row, 0.206 behind, names the office.
    scored = [
        _priced(MAT_UNLIMITED, 0, 0.664, overlap=0.17, label_overlap=0.1),
        _priced(MAT_TWICE, 1, 0.647, overlap=0.17, label_overlap=0.1),
        Scored(Candidate(SUNDAYS, "FAQ", 2, 0, 0), 0.534, 0.39, 0.613),
        _priced(COMPANY, 3, 0.458, overlap=0.33, label_overlap=0.3),
    ]
    picked = [c.text for c in pick(scored, 1000, asks=frozenset({MONEY}))]
    assert COMPANY in picked and SUNDAYS not in picked and len(picked) == 3
