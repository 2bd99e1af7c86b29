"""A customer's typo of one of the business's words is read as that word, with the real embedder, ingest and
Postgres: the question is answered as if spelt right, the trace says what was read, and a real word the documents
do not hold is never read as one they do."""

from __future__ import annotations

import pytest

from services.usecases import answering
from tests.integration.inline_messages import answer_plainly, tenant_with

PRICE_LIST = b"""category,item,variant,price_eur,notes
service,basic service,any bike,59.00,"gears and brakes adjusted, tyres pumped"
service,full service,any bike,129.00,basic service plus wheels trued
repair,puncture repair,per wheel,18.00,inner tube included
"""
FAQ = b"""# Shipping

We ship spare parts within Germany and to Austria in 2 to 4 working days.

# Workshop

Bring your bike in any weekday morning. We repair city bikes, road bikes and cargo bikes. The waiting room's
heating is on from October. We fit new tyres while you wait, in any colour we stock.
"""


@pytest.fixture
def workshop(settings):
    with tenant_with(settings, {"price_list.csv": PRICE_LIST, "faq.md": FAQ}) as tenant:
        yield tenant


@pytest.mark.parametrize(
    ("question", "typos", "fact"),
    [
        ("how much for a punture repair", {"punture": "puncture"}, "18.00 EUR"),
        ("how much is a full sevice", {"sevice": "service"}, "129.00 EUR"),
        ("do you ship parts to Austira?", {"austira": "austria"}, "Austria"),
    ],
)
def test_a_typo_is_answered_as_the_word_meant(workshop, question, typos, fact):
    container, user = workshop
    as_written = answer_plainly(container, user, question)
    assert as_written.how == answering.EXTRACTIVE, as_written.trace
    assert fact in as_written.reply
    assert as_written.trace["typos"] == typos
    assert as_written.retrieval.typos == typos
    assert as_written.retrieval.text != question  # searched with the word meant


def test_an_american_spelling_is_read_as_the_documents_british_one(workshop):
    container, user = workshop
    result = answer_plainly(container, user, "do you fit new tires?")
    assert result.retrieval.typos == {"tires": "tyres"}
    assert result.how == answering.EXTRACTIVE, result.trace
    assert "tyres while you wait" in result.reply


def test_a_question_spelt_right_is_searched_once_as_written(workshop):
    container, user = workshop
    result = answer_plainly(container, user, "how much for a puncture repair")
    assert "typos" not in result.trace and result.retrieval.typos == {}
    assert result.retrieval.text == "how much for a puncture repair"


def test_a_typo_of_an_english_word_the_documents_lack_is_judged_as_that_word(workshop):
    container, user = workshop
    # "umbrelas" is one edit from the English "umbrellas", which no document holds: the question is judged as if
    # written right, an everyday thing the workshop does not sell, and answered with the don't-know reply
    for question in ("do you sell umbrelas?", "do you sell umbrellas?"):
        result = answer_plainly(container, user, question)
        assert "umbrellas" in result.retrieval.unknown, question
        assert result.how == answering.ABSTAINED, (question, result.trace)
    assert result.retrieval.typos == {}
    assert answer_plainly(container, user, "do you sell umbrelas?").retrieval.typos == {"umbrelas": "umbrellas"}


def test_a_real_word_the_documents_lack_is_not_read_as_theirs(workshop):
    container, user = workshop
    # "tandem" is no typo of anything here; "hearing" is an English word one edit from the FAQ's "heating": both
    # stay unknown words
    for question in ("do you repair tandem bikes?", "do you do hearing tests?"):
        result = answer_plainly(container, user, question)
        assert result.retrieval.typos == {}, question
