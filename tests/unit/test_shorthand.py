"""Customers' shorthand is searched as the words it stands for."""

from __future__ import annotations

from pipelines.retrieval import MAX_TERMS, content_terms
from pipelines.shorthand import SHORTHAND, written_out


def test_shorthand_is_searched_written_out():
    assert content_terms("do u take amex") == ["take", "american", "express"]
    assert content_terms("how much for 250 biz cards") == ["250", "business", "cards"]
    assert content_terms("can I get an appt tmrw for my bday?") == ["appointment", "tomorrow", "birthday"]
    assert content_terms("how much is the big 65 inch telly") == ["big", "65", "inch", "tv"]
    assert content_terms("do ye fix tellies") == ["fix", "tvs"]


def test_a_written_out_word_already_asked_is_not_repeated():
    assert content_terms("business cards for my biz") == ["business", "cards"]


def test_other_words_are_kept_as_typed():
    assert written_out("frames") == ("frames",)
    assert content_terms("whats the eircode for the sat nav") == ["eircode", "sat", "nav"]


def test_the_written_out_words_are_not_shorthand_themselves_and_stop_at_the_term_limit():
    assert all(w not in SHORTHAND for words in SHORTHAND.values() for w in words)
    assert len(content_terms(" ".join(f"amex{i} amex" for i in range(100)))) == MAX_TERMS
