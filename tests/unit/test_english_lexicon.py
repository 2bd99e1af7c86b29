from services.adapters.english_lexicon import EnglishLexicon, english


def test_the_packaged_table_tells_words_from_typos():
    lexicon = english()
    assert len(lexicon) > 100_000
    for word in ("the", "parka", "duvet", "warranty", "browsing", "hearing", "should"):
        assert word in lexicon, word
    for typo in ("punture", "appoitnment", "sevice", "austira"):
        assert typo not in lexicon, typo
    assert lexicon.frequency("should") > 10 * lexicon.frequency("sold") > 0
    assert english() is lexicon  # read once per process


def test_a_lexicon_of_given_counts():
    lexicon = EnglishLexicon({"price": 76035, "pride": 32563})
    assert lexicon.frequency("price") == 76035 and lexicon.frequency("prise") == 0
    assert "pride" in lexicon and "prize" not in lexicon and 3 not in lexicon
    assert len(EnglishLexicon({})) == 0 and "a" not in EnglishLexicon({})
