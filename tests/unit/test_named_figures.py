"""Words that ask for a figure the documents write without naming it (pipelines/named_figures.py)."""

import pytest

from pipelines.named_figures import EMAIL, PHONE, POSTCODE, figure_asked, holds_figure
from pipelines.retrieval import coverage


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("eircode", "Our practice is at 22 Bridge Street, Westport, Co. Mayo, F28 X2K7."),
        ("postcode", "Find us at 27 Corve Street, Ludlow SY8 1DA."),
        ("satnav", "Cheltenham Road, GL51 9RT, beside the garage."),
        ("zip", "1 Market St, San Francisco, CA 94103"),
        ("postcode", "Hauptstraße 5, 10115 Berlin"),
        ("ring", "Call us on 098 27 415 during opening hours."),
        ("phone", "The office answers the phone (057 868 2041) and WhatsApp messages."),
        ("landline", "Ring +353 45 123 456."),
        ("email", "Write to hello@bramble-bloom.co.uk with your order."),
    ],
)
def test_a_text_holding_the_figure_holds_the_word_asking_for_it(word, text):
    assert holds_figure(word, text)


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("postcode", "A5 flyers, 250: 28.00 GBP. Open 09:00 to 17:30, 12 May 2026."),
        ("postcode", "Business cards, 1000 Business cards on 350gsm"),  # a count before a capital is no postcode
        ("ring", "Varifocal lenses, standard: 195.00 EUR (pair), ready in 7 to 10 days."),
        ("ring", "Orders over 1,200 units, 2025 prices"),
        ("email", "We answer by email within a day."),
        ("colour", "F28 X2K7"),  # not a word asking for a figure
    ],
)
def test_other_figures_do_not_hold_it(word, text):
    assert not holds_figure(word, text)


def test_the_kind_each_word_asks_for():
    assert figure_asked("eircode") == POSTCODE
    assert figure_asked("nav") == POSTCODE
    assert figure_asked("telephone") == PHONE
    assert figure_asked("email") == EMAIL
    assert figure_asked("number") is None  # "what number bus" asks for no phone number


def test_coverage_counts_a_figure_word_only_when_asked_to():
    text = "Our practice is at 22 Bridge Street, Westport, F28 X2K7."
    assert coverage(["eircode", "sat", "nav"], text) == 0.0
    assert coverage(["eircode", "sat", "nav"], text, figures={"eircode", "sat", "nav"}) == 1.0
