import pytest

from pipelines.spellings import variants
from pipelines.typos import corrections
from tests.unit.test_typos import Lexicon


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("color", "colour"),
        ("colors", "colours"),
        ("favorite", "favourite"),
        ("honorable", "honourable"),
        ("center", "centre"),
        ("theaters", "theatres"),
        ("organize", "organise"),
        ("personalized", "personalised"),
        ("analyzing", "analysing"),
        ("canceled", "cancelled"),
        ("cancelation", "cancellation"),
        ("traveling", "travelling"),
        ("license", "licence"),
        ("defense", "defence"),
        ("catalog", "catalogue"),
        ("tire", "tyre"),
        ("tires", "tyres"),
        ("gray", "grey"),
        ("yogurt", "yoghurt"),
        ("enroll", "enrol"),
    ],
)
def test_an_american_spelling_and_a_british_one_name_each_other(american, british):
    assert british in variants(american)
    assert american in variants(british)


@pytest.mark.parametrize("word", ["tour", "hour", "sense", "dense", "dog", "acre", "size", "where", "the", "service"])
def test_most_words_have_no_other_spelling(word):
    assert variants(word) == set()


def test_a_word_is_read_as_the_passages_spelling_though_it_is_english():
    english = Lexicon(color=90000, license=40000, tire=20000, colour=9000)
    passages = {"colour", "colours", "licence", "tyre", "price"}
    assert corrections(["color", "license", "tires"], passages, english) == {
        "color": "colour", "license": "licence", "tires": "tyres"
    }


def test_a_spelling_the_passages_do_not_hold_is_not_read():
    english = Lexicon(color=90000, tour=30000, hour=50000)
    assert corrections(["color", "tour", "hour"], {"price", "tor", "hor"}, english) == {}
    assert corrections(["color"], {"color"}, english) == {}  # the passages' own word


def test_a_british_spelling_is_no_typo_of_the_american_lexicon_word():
    # the lexicon is American: without the spelling rules "colour" was read as a typo of "color", "fibre" of "fire"
    english = Lexicon(color=90000, fiber=5000, fire=80000, programmer=3000, program=60000, drought=2600,
                      draft=20000)
    assert corrections(["colour", "fibre", "programme", "draught"], set(), english) == {}
    assert corrections(["fibre"], {"fiber", "fire"}, english) == {"fibre": "fiber"}
