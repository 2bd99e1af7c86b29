import pytest

from pipelines.typos import corrected, corrections, one_edit_away


class Lexicon(dict):
    def frequency(self, word: str) -> int:
        return self.get(word, 0)


PASSAGES = {"puncture", "repair", "service", "services", "austria", "price", "pride", "delivery", "heating", "tea"}
ENGLISH = Lexicon(hearing=5000, heating=4000, repair=9000, service=80000, price=76000, delivery=30000, tee=900)


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("punture", "puncture"),  # a letter dropped
        ("puncutre", "puncture"),  # two neighbours swapped
        ("punctture", "puncture"),  # a letter doubled
        ("sevice", "service"),  # one form of two ("service", "services")
        ("servicez", "service"),  # a letter changed
        ("austira", "austria"),
        ("delivary", "delivery"),
    ],
)
def test_a_slip_on_a_passage_word_is_read_as_that_word(typo, meant):
    assert corrections([typo], PASSAGES, ENGLISH) == {typo: meant}


@pytest.mark.parametrize(
    "word",
    [
        "hearing",  # a whole English word is never a typo, though "heating" is one edit away
        "prise",  # two passage words as near ("price", "pride"): nothing guessed
        "teas",  # too short to tell
        "pepair",  # the first letter differs ("repair")
        "fountain",  # nothing near
        "p4ncture",  # not a word
        "caf\u00e9s",  # not ASCII: the index folds accents itself
    ],
)
def test_words_left_as_written(word):
    assert corrections([word], PASSAGES, ENGLISH) == {}


def test_a_word_the_passages_hold_in_some_form_is_no_typo():
    assert corrections(["colour"], {"colours", "colon"}, Lexicon()) == {}
    assert corrections(["colour"], {"colon"}, Lexicon(colours=900)) == {}


def test_one_edit_away_holds_every_kind_of_slip_and_not_the_word():
    near = one_edit_away("abc")
    assert {"ab", "bac", "abd", "abcd", "xabc"} <= near
    assert "abc" not in near
    assert "cba" not in near  # two edits


def test_corrected_replaces_only_the_mistyped_words_in_any_case():
    fixes = {"punture": "puncture"}
    assert corrected("How much for a Punture repair? punture!", fixes) == "How much for a puncture repair? puncture!"
    assert corrected("how much for a puncture repair", {}) == "how much for a puncture repair"
    assert corrected("unpunture", fixes) == "unpunture"  # a whole word only


def test_with_no_passage_word_near_the_far_commonest_english_word_is_read():
    # the search of the mistyped question found passages without the word; the English word is searched again
    english = Lexicon(appointment=32629, should=2584311, sold=114305, credit=76573, crest=2198, pride=32563,
                      prize=23203, saturday=1439, saturdays=816, shoal=482)
    assert corrections(["appoitnment", "shold", "creit", "satudrays"], PASSAGES, english) == {
        "appoitnment": "appointment", "shold": "should", "creit": "credit", "satudrays": "saturdays"}
    # "prise": "pride" and "prize" are as common as each other; "shoak": "shoal" is too rare to guess
    assert corrections(["prise", "shoak"], set(), english) == {}


def test_a_plural_or_singular_the_passages_hold_is_near():
    assert corrections(["paperbbacks"], {"paperback"}, Lexicon()) == {"paperbbacks": "paperbacks"}
    assert corrections(["satudray"], {"saturdays"}, Lexicon()) == {"satudray": "saturday"}
    assert corrections(["harnesses"], set(), Lexicon(harness=900)) == {}  # "harnesss" is no plural


def test_a_word_held_as_written_is_read_before_a_form_of_another():
    # "dres" + "s" is "dress", but no singular of it: "drees" is "dress"
    assert corrections(["drees", "clases"], {"dress", "classes"}, Lexicon()) == {"drees": "dress", "clases": "classes"}


def test_a_word_too_long_to_be_one_is_not_read():
    # 34 letters and one edit from a passage word; the edits of a word of a few thousand would cost seconds
    word = "supercalifragilisticexpialidocious"
    assert corrections([word.replace("docious", "docous")], {word}, Lexicon()) == {}
    assert corrections(["punture"], {"puncture"}, Lexicon()) == {"punture": "puncture"}
    assert corrections(["s", "ss"], {"s"}, Lexicon()) == {}  # too short to hold an ending


def test_a_y_and_its_ies_plural_are_one_word():
    assert corrections(["batery"], {"batteries"}, Lexicon()) == {"batery": "battery"}
    assert corrections(["battery", "batteries"], {"batteries", "battery"}, Lexicon()) == {}


def test_of_one_word_s_forms_as_common_the_shorter_is_read():
    english = Lexicon(scooter=900, scooters=400)  # a plural counts its singular's
    assert corrections(["scooterr"], set(), english) == {"scooterr": "scooter"}
