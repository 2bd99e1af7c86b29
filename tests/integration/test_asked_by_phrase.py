"""A question asking for the business's address or phone number by its phrasing alone ("where r u exactly?") is
answered from the passage holding it, with the real embedder, ingest and Postgres: read by its words it shares
none with that passage, and was abstained on."""

from __future__ import annotations

import pytest

from services.usecases import answering
from tests.integration.inline_messages import answer_plainly, tenant_with

FAQ = """# Finding us

Atemraum is at Günterstalstraße 41, 79102 Freiburg, in the courtyard behind the bookshop.

# Contact

Call the studio on 0761 482 1190 during reception hours, or write to us on WhatsApp.

# Classes

Reformer classes take up to 6 people. Mats and props are included in every class.

# Cancelling

You can cancel a class free of charge up to 12 hours before it starts.
""".encode()


@pytest.fixture
def studio(settings):
    with tenant_with(settings, {"faq.md": FAQ}) as tenant:
        yield tenant



@pytest.mark.parametrize(("question", "figure", "word"), [
    ("where r u exactly?", "79102 Freiburg", "postcode"),
    ("whats the number to ring ye", "0761 482 1190", "telephone"),
])
def test_the_figure_asked_by_phrasing_is_answered(studio, question, figure, word):
    container, user = studio
    result = answer_plainly(container, user, question)
    assert result.how != answering.ABSTAINED
    assert figure in result.reply
    assert result.support is not None and result.support.asked_figure == word


def test_a_question_about_something_else_still_abstains(studio):
    container, user = studio
    result = answer_plainly(container, user, "where are you from? do you sell surfboards")
    assert result.support is not None and result.support.asked_figure == ""
    assert result.how == answering.ABSTAINED


def test_an_address_without_a_postcode_is_still_answered(settings):
    """The figure word only helps find the passage holding the figure: where no passage holds one, the question is
    read by its own words as before, not as asking for a word the documents lack."""
    faq = (b"# Finding us\n\nOur shop is at 12 Market Street, next to the bank.\n\n"
           b"# Hours\n\nWe open Monday to Saturday from 9 to 6.\n")
    with tenant_with(settings, {"faq.md": faq}) as (container, user):
        result = answer_plainly(container, user, "where is your shop?")
        assert result.how != answering.ABSTAINED
        assert "12 Market Street" in result.reply
        assert "postcode" not in result.retrieval.terms
        assert result.support is not None and result.support.asked_figure == ""
