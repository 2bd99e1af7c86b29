"""A question asking for a time or a span led by a price row: the text sentence holding the figure joins it."""

from pipelines.asked_kinds import MONEY, SPAN, asked_kinds
from pipelines.sentences import Candidate, Scored, pick

PACKAGE = "EDT, EDT 12-lesson package, manual: 480.00 EUR (length 12 x 60 minutes, logbook stamped each lesson)."
PAY_AS_YOU_GO = "EDT, EDT lesson pay as you go, manual: 45.00 EUR (length 60 minutes, same as a single lesson)."
LASTS = "Each lesson lasts 60 minutes and your instructor stamps your logbook at the end of it."
FINISH = "Most of our learners finish the 12 lessons in 6 to 8 months."


def _scored(text, passage, position, score, overlap=0.4, row=False):
    return Scored(Candidate(text, "EDT", passage, position, 0, row), score - 0.2 * overlap, overlap, score)


def _rows_then_text(text_score, text=LASTS, overlap=0.4):
    return [
        _scored(PACKAGE, 0, 0, 0.845, row=True),
        _scored(PAY_AS_YOU_GO, 1, 0, 0.836, row=True),
        _scored(PAY_AS_YOU_GO.replace("manual", "automatic"), 2, 0, 0.823, row=True),
        _scored(text, 3, 0, text_score, overlap=overlap),
    ]


def test_the_sentence_saying_the_asked_span_joins_the_price_row_leading_the_reply():
    asks = asked_kinds("how long is each EDT lesson")
    assert asks == frozenset({SPAN})
    picked = [c.text for c in pick(_rows_then_text(0.728), 1000, asks=asks)]
    assert LASTS in picked and PACKAGE in picked and len(picked) == 3


def test_the_rule_does_not_fire_outside_its_case():
    span = frozenset({SPAN})
    # Money asked: the price rows answer.
    assert LASTS not in [c.text for c in pick(_rows_then_text(0.728), 1000, asks=frozenset({SPAN, MONEY}))]
    # No figure asked ("is the EDT lesson any good"): nothing joins for it.
    assert LASTS not in [c.text for c in pick(_rows_then_text(0.728), 1000)]
    # Too far behind, fewer of the question's words, or no span in the sentence.
    assert LASTS not in [c.text for c in pick(_rows_then_text(0.68), 1000, asks=span)]
    assert LASTS not in [c.text for c in pick(_rows_then_text(0.728, overlap=0.2), 1000, asks=span)]
    no_span = "Your instructor stamps your logbook at the end of each lesson."
    assert no_span not in [c.text for c in pick(_rows_then_text(0.728, text=no_span), 1000, asks=span)]
    # A row without a price (a timetable) leading the reply: the rule is for price rows.
    timetable = [
        _scored("Thursday: time 18:00, class Reformer Pilates.", 0, 0, 0.80, row=True),
        _scored("The studio opens at 08:30 on weekdays.", 1, 0, 0.70),
    ]
    picked = [c.text for c in pick(timetable, 1000, asks=asked_kinds("what time is the thursday reformer"))]
    assert picked == ["Thursday: time 18:00, class Reformer Pilates."]
    # A text sentence leading the reply: as before.
    text_first = [_scored(FINISH, 0, 0, 0.9), _scored(PACKAGE, 1, 0, 0.7, row=True)]
    assert [c.text for c in pick(text_first, 1000, asks=span)] == [FINISH]


PILATES_SINGLE = "Pilates, single lesson: 20.00 EUR."
PILATES_CARD = "Pilates, 10-lesson card: 180.00 EUR."
CANCEL = "You can cancel a pilates lesson free of charge up to 24 hours before it starts."


def _pilates(text=CANCEL):
    def scored(candidate_text, passage, similarity, overlap, row):
        candidate = Candidate(candidate_text, "Pilates", passage, 0, 0, row)
        return Scored(candidate, similarity, overlap, similarity + 0.2 * overlap)
    return [scored(PILATES_SINGLE, 0, 0.82, 0.6, True), scored(PILATES_CARD, 1, 0.80, 0.6, True),
            scored(text, 2, 0.72, 0.6, False)]


def test_a_span_dating_a_moment_is_not_the_span_asked():
    asks = asked_kinds("how long is a pilates lesson")
    assert asks == frozenset({SPAN})
    picked = [c.text for c in pick(_pilates(), 1000, max_sentences=2, asks=asks)]
    assert CANCEL not in picked and PILATES_SINGLE in picked
    # Must still fire: the sentence saying how long a lesson lasts.
    lasts = "A pilates lesson lasts 50 minutes, and you can cancel it up to 24 hours before it starts."
    assert lasts in [c.text for c in pick(_pilates(lasts), 1000, max_sentences=2, asks=asks)]


def test_the_sentence_beside_the_price_row_keeps_to_max_sentences():
    asks = asked_kinds("how long is each EDT lesson")
    assert [c.text for c in pick(_rows_then_text(0.728), 1000, max_sentences=1, asks=asks)] == [PACKAGE]
    picked = [c.text for c in pick(_rows_then_text(0.728), 1000, max_sentences=2, asks=asks)]
    assert picked == [PACKAGE, LASTS]
