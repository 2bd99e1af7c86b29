"""Words that ask for a figure the documents write without naming it (pipelines/named_figures.py)."""

import pytest

from pipelines import named_figures
from pipelines.named_figures import PHONE, POSTCODE, figure_asked, holds_figure
from pipelines.retrieval import content_terms, coverage
from pipelines.sentences import Candidate, Scored, holding_asked_figures_first, pick


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("eircode", "Our practice is at 22 Bridge Street, Westport, Co. Mayo, F28 X2K7."),
        ("postcode", "Find us at 27 Corve Street, Ludlow SY8 1DA."),
        ("satnav", "Cheltenham Road, GL51 9RT, beside the garage."),
        ("zipcode", "1 Market St, San Francisco, CA 94103"),
        ("postcode", "Hauptstraße 5, 10115 Berlin"),
        ("tel", "Call us on 098 27 415 during opening hours."),
        ("telephone", "The office answers the phone (057 868 2041) and WhatsApp messages."),
        ("landline", "Ring +353 45 123 456."),
    ],
)
def test_a_text_holding_the_figure_holds_the_word_asking_for_it(word, text):
    assert holds_figure(word, text)


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("postcode", "A5 flyers, 250: 28.00 GBP. Open 09:00 to 17:30, 12 May 2026."),
        ("postcode", "Business cards, 1000 Business cards on 350gsm"),  # a count before a capital is no postcode
        ("landline", "Varifocal lenses, standard: 195.00 EUR (pair), ready in 7 to 10 days."),
        ("landline", "Orders over 1,200 units, 2025 prices"),
        ("landline", "Open 09:00 to 17:30 on 05.12.2026, 10-11 and 14-15"),
        ("colour", "F28 X2K7"),  # not a word asking for a figure
    ],
)
def test_other_figures_do_not_hold_it(word, text):
    assert not holds_figure(word, text)


def test_the_kind_each_word_asks_for():
    assert figure_asked("eircode") == POSTCODE
    assert figure_asked("nav") == POSTCODE
    assert figure_asked("telephone") == PHONE
    for word in ("number", "phone", "mobile", "ring", "zip", "sat", "email"):  # they ask for other things too
        assert figure_asked(word) is None


def test_coverage_counts_a_figure_word_only_when_asked_to():
    text = "Our practice is at 22 Bridge Street, Westport, F28 X2K7."
    assert coverage(["eircode", "nav"], text) == 0.0
    assert coverage(["eircode", "nav"], text, figures={"eircode", "nav"}) == 1.0


def test_the_sentence_holding_the_asked_figure_leads_the_reply():
    address = Candidate("Our practice is at 22 Bridge Street, Westport, Co. Mayo, F28 X2K7.", "Where are you?", 0, 0)
    row = Candidate("eye tests, driving licence eyesight report, NDLS form: 20.00 EUR.", "", 1, 0, row=True)
    scored = [Scored(row, 0.343, 0.0, 0.343), Scored(address, 0.003, 0.69, 0.141)]
    assert [c.text for c in pick(scored, 300)] == [row.text]  # by score alone, the row
    ordered = holding_asked_figures_first(scored, {"eircode", "nav"})
    assert [c.text for c in pick(ordered, 300)] == [address.text]
    assert holding_asked_figures_first(scored, set()) == scored  # nothing asked: the score's order


@pytest.mark.parametrize(("text", "asked"), [
    ("where r u exactly?", ["postcode"]),
    ("where are ye based?", ["postcode"]),
    ("hi, where are you guys", ["postcode"]),
    ("whats the number to ring ye", ["telephone"]),
    ("whats your number, I'd rather ring", ["telephone"]),
    ("can I ring you on the landline", ["telephone"]),
    ("where are you from?", []),  # asks about the person, not the business's address
    ("where are you delivering to on friday?", []),
    ("what's the number of the bus to your shop", []),
    ("whats the number for the vet", []),  # another's number
    ("how long do you keep my name and number", []),
    ("wheres your shop exactly", ["postcode"]),
    ("where's the office exactly? is it near the chemist", ["postcode"]),
    ("where is the test centre?", []),  # another place
    ("where's the shop that sells tyres near you?", []),
])
def test_a_figure_asked_for_by_the_phrasing_alone(text, asked):
    assert named_figures.asked_by_phrase(text) == asked


def test_the_figure_asked_by_phrasing_is_searched_as_its_word():
    assert content_terms("where r u exactly?") == ["exactly", "postcode"]
    assert content_terms("whats the number to ring ye") == ["number", "ring", "telephone"]
    assert content_terms("where r u? need the eircode for the sat nav") == ["eircode", "sat", "nav", "postcode"]
