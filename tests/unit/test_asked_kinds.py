"""The kind of figure a question's form asks for, and the reply taking a sentence that holds one."""

from pipelines.asked_kinds import CLOCK, MONEY, SPAN, asked_kinds, holds
from pipelines.sentences import Candidate, Scored, pick


def test_the_questions_form_names_the_kind_of_figure_it_asks_for():
    assert asked_kinds("how late do lessons go on weekdays? i work till 6") == {CLOCK}
    assert asked_kinds("What time does the café open on Saturdays?") == {CLOCK}
    assert asked_kinds("how far ahead can I book classes?") == {SPAN}
    assert asked_kinds("How long does a full service take?") == {SPAN}
    assert asked_kinds("what happens if i leave my phone there for a few weeks, do you charge") == {MONEY}
    assert asked_kinds("how much is a lesson? manual") == {MONEY}
    # A quantity that is no money, and questions of no figure at all.
    assert asked_kinds("How much caffeine is left in your decaf?") == frozenset()
    assert asked_kinds("can I bring my dog?") == frozenset()
    assert asked_kinds("where do i pick up my order when i get there") == frozenset()


def test_a_sentence_holds_a_figure_of_the_kind_asked():
    assert holds("Monday to Friday: office 09:00 to 17:30, lessons 07:00 to 21:00.", frozenset({CLOCK}))
    assert holds("Last drop-off 5pm.", frozenset({CLOCK}))
    assert not holds("Between 48 and 24 hours before, we charge half the lesson price.", frozenset({CLOCK}))
    assert holds("Between 48 and 24 hours before, we charge half the lesson price.", frozenset({SPAN}))
    assert holds("A full service takes 2 to 3 working days.", frozenset({SPAN}))
    assert holds("Booking opens 10 days in advance.", frozenset({SPAN}))
    assert holds("Run by the Hartley family since 1979.", frozenset({SPAN}))
    assert not holds("Classes not used in that time expire.", frozenset({SPAN}))
    assert holds("From the 31st day we charge a storage fee of €1 per day.", frozenset({MONEY}))
    assert holds("mat unlimited: 99.00 per month.", frozenset({MONEY}))
    assert holds("We give a free estimate for every repair.", frozenset({MONEY}))
    # "charge" in another sense holds no money.
    assert not holds("If your phone got wet, switch it off at once, do not charge it.", frozenset({MONEY}))


def _text(text, passage, position=0, row=False):
    return Candidate(text, "", passage, position, 0, row)


def test_a_reply_without_the_asked_figure_takes_the_best_sentence_that_holds_one():
    # "how late do lessons go on weekdays?": the cancellation section shares "lessons" and scores first; the hours
    # row of another passage holds the clock times and is 0.08 behind, holding fewer of the question's words.
    best = Scored(_text("Between 48 and 24 hours before, we charge half the lesson price.", 0, 1), 0.55, 0.20, 0.59)
    late = Scored(_text("If you are late, we wait 15 minutes.", 0, 4), 0.50, 0.20, 0.54)
    row = _text("Monday to Friday: office 09:00 to 17:30, lessons 07:00 to 21:00.", 1, 2, True)
    hours = Scored(row, 0.50, 0.05, 0.51)
    scored = [best, late, hours]
    assert hours.candidate not in pick(scored, 500)
    chosen = pick(scored, 500, asks=frozenset({CLOCK}))
    assert chosen == [best.candidate, late.candidate, hours.candidate]
    # Not from further down than ASKED_WITHIN (0.15), and not when a chosen sentence already holds the kind.
    far = Scored(hours.candidate, 0.40, 0.05, 0.43)
    assert far.candidate not in pick([best, late, far], 500, asks=frozenset({CLOCK}))
    assert hours.candidate not in pick(scored, 500, asks=frozenset({SPAN}))


def test_a_priced_sentence_gives_the_asked_span_only_when_money_is_asked():
    # "how far ahead can I book classes?": the class card row's "valid for 3 months" is the card's, not how far
    # ahead a class is booked; the FAQ's sentence a little further down is.
    best = Scored(_text("Members can book another class in the same week.", 0, 6), 0.44, 0.32, 0.50)
    card = Scored(_text("5-class card reformer: 150.00 EUR (valid for 3 months).", 1, 0, True), 0.44, 0.10, 0.46)
    opens = Scored(_text("Booking opens 10 days in advance.", 2, 1), 0.38, 0.32, 0.44)
    chosen = pick([best, card, opens], 500, asks=frozenset({SPAN}))
    assert opens.candidate in chosen and card.candidate not in chosen
    assert card.candidate in pick([best, card, opens], 500, asks=frozenset({SPAN, MONEY}))
