"""The packaged model's WordPiece vocabulary as a list of common English words (abstention's rare words)."""

from services.adapters import wordpiece


def test_the_packaged_vocabulary_holds_common_words_whole_and_rare_ones_not():
    whole = wordpiece.whole_words()
    assert {"today", "late", "discount", "battery", "cafe"} <= whole
    assert not {"wifi", "calories", "fairtrade", "##s", "[unused0]"} & whole
