"""Words the passages use spelt otherwise are no unknown words (pipelines/abstention.py, spelt_otherwise)."""

from pipelines import abstention, retrieval


def test_a_word_the_passages_write_with_an_accent_is_theirs():
    passages = ["The Potting Shed café opens at 9:00 and serves breakfast until 11:30."]
    assert abstention.spelt_otherwise(["breakfast", "cafe"], ["cafe"], passages) == {"cafe"}
    assert abstention.spelt_otherwise(["café"], ["café"], ["Our cafe opens at 9."]) == {"café"}


def test_a_compound_the_passages_write_apart_or_hyphenated_is_theirs():
    passages = ["Plant three tomatoes per grow bag.", "A grow-light kit costs £30."]
    assert abstention.spelt_otherwise(["tomato", "growbag"], ["growbag"], passages) == {"growbag"}
    assert abstention.spelt_otherwise(["growlights"], ["growlights"], passages) == {"growlights"}


def test_words_the_question_writes_apart_that_the_passages_write_together_are_theirs():
    passages = ["Plant three tomatoes per growbag."]
    assert abstention.spelt_otherwise(["tomato", "grow", "bag"], ["grow", "bag"], passages) == {"grow", "bag"}


def test_a_word_no_passage_uses_in_any_spelling_stays_unknown():
    passages = ["Our cold brew is steeped for 16 hours.", "We grow our own bedding plants."]
    assert abstention.spelt_otherwise(["calories", "cold", "brew"], ["calories"], passages) == set()
    assert abstention.spelt_otherwise(["bag"], ["bag"], passages) == set()  # "grow" is no neighbour of it
    assert abstention.spelt_otherwise(["cafe"], ["cafe"], []) == set()


def test_words_that_only_meet_by_accident_stay_unknown():
    passages = ["Email us a photo of the receipt.", "Our baristas train for a month."]
    assert abstention.spelt_otherwise(["ship", "usa"], ["usa"], passages) == set()  # "us a"
    assert abstention.spelt_otherwise(["hiring", "baristas", "moment"], ["hiring", "moment"], passages) == set()



def test_a_passage_read_again_gives_the_same_words_and_a_term_matches_as_same_word_says():
    passages = ["The Potting Shed café sells grow bags.", "Deliveries on Fridays."]
    first = abstention.spelt_otherwise(["cafe", "growbags", "delivery"], ["cafe", "growbags", "delivery"], passages)
    again = abstention.spelt_otherwise(["cafe", "growbags", "delivery"], ["cafe", "growbags", "delivery"], passages)
    assert first == again == {"cafe", "growbags", "delivery"}
    present = {"deliveries", "fridays", "cafe", "11", "bags"}
    for term in ("delivery", "friday", "bag", "cards", "11", "12", "booking"):
        assert retrieval.in_some_form(term, present) == any(retrieval.same_word(term, w) for w in present)
    assert abstention._unaccented("cafe") == "cafe" and abstention._unaccented("café") == "cafe"
