"""Words of the chat that say nothing of the topic: they are neither searched as a topic nor count as unknown."""

from pipelines import abstention, named_figures, variants
from pipelines.retrieval import PHRASING_WORDS, content_terms


def test_shorthand_and_pronouns_are_no_topic():
    assert content_terms("do u clean suede urself?") == ["clean", "suede"]
    assert content_terms("can I get my truck licence with ye") == ["truck", "licence"]
    assert content_terms("do you do cats as well") == ["cats"]
    assert content_terms("hiya, how much is the kids book box") == ["kids", "book", "box"]
    assert content_terms("is the well water safe") == ["well", "water", "safe"]


def test_the_chats_filler_words_are_phrasing():
    for word in ("altogether", "stuff", "loads", "til", "mean"):
        assert word in PHRASING_WORDS
        assert abstention.untelling(word)


def test_money_in_slang_is_a_figure():
    assert abstention.is_figure("tenner") and abstention.is_figure("fiver")


def test_whereabouts_asks_for_the_address():
    assert named_figures.asked_by_phrase("whereabouts is the shop?") == ["postcode"]
    assert named_figures.asked_by_phrase("wheres the gym exactly? never been") == ["postcode"]
    assert named_figures.asked_by_phrase("whereabouts are you from") == []


def test_a_number_before_a_span_of_time_names_no_variant():
    assert variants.asked_variants("if i pull out of the course 2 weeks before does i get a refund") == []
    assert variants.asked_variants("the lesson 3 days before my test") == []
    assert variants.asked_variants("iphone 13 screen") == [(("iphone",), "13")]


def test_what_time_asks_for_a_clock_not_the_word_time():
    # "STORY TIME: Saturday places are held until 10:40" must not win "what time do u close saturdays" by its heading
    assert content_terms("what time do u close saturdays") == ["close", "saturdays"]
    assert content_terms("what times are the classes") == ["classes"]
    # "time" stays a topic word elsewhere: "is story time ok for his age"
    assert "time" in content_terms("is story time ok for his age")
