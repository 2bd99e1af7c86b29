"""The pure parts of answering: keyword terms, rank fusion, sentence candidates and picking, table rows
as sentences, and the abstention decision."""

import pytest

from pipelines import abstention
from pipelines.asked_kinds import asked_kinds
from pipelines.retrieval import (
    content_terms,
    coverage,
    covered,
    fuse,
    fuse_by_score,
    same_word,
    tsquery,
    with_best_word_match,
    with_rows_spread,
)
from pipelines.sentences import (
    Candidate,
    Scored,
    Source,
    candidates,
    is_title_piece,
    parse_row,
    pick,
    row_sentence,
    score,
    split_sentences,
)

# --- keyword terms ------------------------------------------------------------------------------


def test_content_terms_drop_stop_words_and_keep_numbers_whole():
    assert content_terms("How long does delivery take to Accra? 250g for 13.90") == [
        "long",
        "delivery",
        "take",
        "accra",
        "250",
        "13.90",
    ]
    assert content_terms("Do you? is it?") == []
    # Pronouns and connectives say nothing about the topic, and no document "knows" them.
    assert content_terms("Will you fit parts I bought online myself while mine is being repaired?") == [
        "fit",
        "parts",
        "bought",
        "online",
        "repaired",
    ]
    # WhatsApp spellings of "what's", "where's", "don't" are the same function words (the shop's whereabouts are
    # asked for, so the postcode is searched too: named_figures.asked_by_phrase).
    assert content_terms("whats the difference, wheres ur shop, i dont know") == ["difference", "shop", "postcode"]
    # "hes", "shes", "her" are function words too, and "2nd" leaves its number, not a word "nd".
    assert content_terms("can i stay with him while hes being groomed? shes had her 2nd jab") == [
        "stay", "groomed", "2", "jab"]
    # "money back" is what terms and policies call a refund; "money" alone stays a word of its own.
    assert content_terms("can i get my money  back for the day pass") == ["refund", "day", "pass"]
    assert content_terms("Money back if it breaks?") == ["refund", "breaks"]
    assert content_terms("how much money do i need for the deposit") == ["money", "deposit"]


def test_words_saying_when_never_count_as_words_the_documents_lack():
    assert {"tomorrow", "today", "tmrw", "yesterday"} <= abstention.UNTELLING_WORDS


def test_tsquery_matches_any_term_by_its_stem():
    assert tsquery(["booking", "booked", "accra", "13.90"]) == "book:* | accra:* | 13.90"
    # a word of a same-meaning group (pipelines/word_forms.py) brings its group, exactly
    assert tsquery(["delivery", "deliver"]) == "(deliv:* | postage | ship | shipped | shipping | ships)"


def test_word_forms_meet_but_different_words_do_not():
    assert same_word("delivery", "deliver") and same_word("batteries", "battery") and same_word("price", "prices")
    # A short plural meets its singular: "Do you take credit cards?" against "girocard (EC card)".
    assert same_word("cards", "card") and same_word("bikes", "bike")
    assert covered(["cards"], "EC card, Visa") == ["cards"]
    assert tsquery(["cards", "bikes", "class", "bus"]) == "card:* | bike:* | class:* | bus:*"
    assert not same_word("cards", "car")
    assert not same_word("motorcycles", "motor")
    assert covered(["opened", "bag", "parking"], "Opened coffee and bags.") == ["opened", "bag"]
    assert covered(["250"], "250 g") == ["250"] and covered(["25"], "250 g") == []


def test_ed_and_ing_forms_meet_their_other_forms():
    # "I dropped my phone again" against the warranty terms' "drops": cut by length alone, "dropp" met neither.
    assert same_word("dropped", "drops") and same_word("dropped", "drop")
    assert same_word("booking", "booked") and same_word("shipping", "ship") and same_word("parking", "park")
    assert tsquery(["dropped", "booking", "painted"]) == "drop:* | book:* | paint:*"
    # Only when four letters stay, and never a letter that is doubled in the word itself.
    assert not same_word("speed", "spell") and not same_word("called", "cal")
    assert same_word("called", "calls")


# --- fusion ---------------------------------------------------------------------------------------


def test_fusion_puts_what_both_lists_agree_on_first():
    fused = fuse(["a", "b", "c"], ["c", "d"])
    assert [r.chunk_id for r in fused] == ["c", "a", "b", "d"]
    top = fused[0]
    assert (top.vector_rank, top.keyword_rank) == (3, 1)
    assert top.fused == pytest.approx(1 / 63 + 1 / 61)
    assert fused[-1].vector_rank is None and fused[-1].keyword_rank == 2


def test_fusing_one_list_keeps_its_order_and_limits():
    assert [r.chunk_id for r in fuse(["x", "y", "z"], [])] == ["x", "y", "z"]
    assert [r.chunk_id for r in fuse([], ["k1", "k2"], limit=1)] == ["k1"]
    assert fuse([], []) == []


def test_a_keyword_only_hit_can_outrank_a_weak_vector_hit():
    # The right price row found by its words though the vector list ranked it nowhere.
    fused = fuse(["off-topic", "other"], ["price-row"], k=60)
    assert [r.chunk_id for r in fused][:2] == ["off-topic", "price-row"]


def test_fusing_by_score_weighs_meaning_and_words_alike():
    fused = fuse_by_score(["a", "b"], ["b", "c"], {"a": 0.6, "b": 0.4, "c": 0.1}, {"b": 0.5, "c": 1.0})
    assert [r.chunk_id for r in fused] == ["c", "b", "a"]  # 0.55, 0.45, 0.30
    assert fused[0].fused == pytest.approx(0.55)
    assert (fused[0].vector_rank, fused[0].keyword_rank) == (None, 2)
    assert (fused[1].vector_rank, fused[1].keyword_rank) == (2, 1)
    # Equal scores keep the vector list's order, then the keyword list's; a missing figure counts 0.
    tied = fuse_by_score(["x", "y"], ["z"], {"x": 0.2, "y": 0.2}, {"z": 0.2})
    assert [r.chunk_id for r in tied] == ["x", "y", "z"]
    assert fuse_by_score([], [], {}, {}) == []
    assert [r.chunk_id for r in fuse_by_score(["x", "y"], [], {"x": 0.1, "y": 0.3}, {}, limit=1)] == ["y"]


def test_a_passage_holding_the_rare_words_beats_passages_both_lists_rank_lowly():
    # "Do you have a sample set to try several coffees?": the brewing guide's passages sit in both lists (near in
    # meaning, "coffee" their only word); the price row holding "Sample Set" is in the keyword list alone. Rank
    # fusion put every passage both lists held above it, and the price list fell out of the first three.
    weights = {"sample": 4.0, "set": 4.0, "coffees": 2.0}
    terms = list(weights)
    texts = {
        "guide": "Good coffee needs fresh beans, the right grind and clean water.",
        "grind": "Coffee is sent as whole beans unless you ask otherwise.",
        "press": "Use 30 g of coarsely ground coffee for 500 ml of water.",
        "row": "product: Sample Set; size: 4 x 60 g; price_eur: 14.00",
    }
    cosine = {"guide": 0.49, "grind": 0.47, "press": 0.41, "row": 0.34}
    vector, keyword = ["guide", "grind", "press"], ["row", "guide", "grind", "press"]
    words = {cid: coverage(terms, text, weights) for cid, text in texts.items()}
    assert [r.chunk_id for r in fuse(vector, keyword)][:3] == ["guide", "grind", "press"]
    assert [r.chunk_id for r in fuse_by_score(vector, keyword, cosine, words)][:3] == ["row", "guide", "grind"]


def test_at_most_one_row_of_one_table_in_the_first_three():
    # The price list's Shih Tzu groom in four sizes, then the FAQ saying how long a groom takes.
    cosine = {"s": 0.6, "m": 0.59, "l": 0.58, "xl": 0.57, "faq": 0.5}
    ranked = fuse_by_score(["s", "m", "l", "xl", "faq"], [], cosine, {})
    rows = {"s": "prices", "m": "prices", "l": "prices", "xl": "prices"}
    assert [r.chunk_id for r in with_rows_spread(ranked, rows)] == ["s", "faq", "m", "l", "xl"]
    assert [r.chunk_id for r in with_rows_spread(ranked, rows, per_table=2)] == ["s", "m", "faq", "l", "xl"]
    # A row of each of two tables, and prose, are not held back; nor is anything below the first three.
    two = {"s": "prices", "m": "prices", "l": "sizes", "xl": "sizes"}
    assert [r.chunk_id for r in with_rows_spread(ranked, two)] == ["s", "l", "faq", "m", "xl"]
    assert [r.chunk_id for r in with_rows_spread(ranked, {})] == ["s", "m", "l", "xl", "faq"]
    # Only rows left: they keep their order.
    assert [r.chunk_id for r in with_rows_spread(ranked[:4], rows)] == ["s", "m", "l", "xl"]


# --- candidates -----------------------------------------------------------------------------------


def test_a_heading_is_context_never_a_candidate():
    found = candidates([Source("Shipping\nShipping.\nDelivery takes 2-3 working days.", heading="Shipping")])
    assert [c.text for c in found] == ["Delivery takes 2-3 working days."]
    assert found[0].context == "Shipping" and found[0].scoring_text == "Shipping: Delivery takes 2-3 working days."


def test_faq_questions_and_markdown_become_context():
    text = "## Delivery\n**How long does delivery take?**\n- Usually 2-3 days within Lagos.\nOpening hours"
    found = candidates([Source(text)])
    assert [(c.context, c.text) for c in found] == [("How long does delivery take?", "Usually 2-3 days within Lagos.")]


def test_short_lines_with_numbers_stay_candidates_and_repeats_go():
    found = candidates([Source("Open 9-18.\nOpen 9-18."), Source("open   9-18.")])
    assert [c.text for c in found] == ["Open 9-18."]


# --- table rows -----------------------------------------------------------------------------------


def test_a_price_row_reads_as_a_sentence():
    cells = [
        ("product", "Yirgacheffe Kochere"),
        ("size", "250 g"),
        ("price_eur", "13.90"),
        ("notes", "Ethiopia, washed"),
    ]
    assert row_sentence(cells) == "Yirgacheffe Kochere, 250 g: 13.90 EUR (Ethiopia, washed)."
    assert (
        row_sentence([("Service", "Full service"), ("Price", "99 EUR"), ("Duration", "2 days")])
        == "Full service: 99 EUR (duration 2 days)."
    )
    assert row_sentence([("Item", "Jollof rice"), ("Price (₦)", "2500")]) == "Jollof rice: 2500 NGN."
    assert row_sentence([("Town", "Accra"), ("Days", "3")]) == "Accra: days 3."


def test_rows_parse_back_from_chunk_lines():
    line = "product: Kenya AA; price_eur: 14.50; notes: berry; winey"
    assert parse_row(line, ["product", "price_eur", "notes"]) == [
        ("product", "Kenya AA"),
        ("price_eur", "14.50"),
        ("notes", "berry; winey"),
    ]
    assert parse_row("Column 1: x; b: y") == [("Column 1", "x"), ("b", "y")]
    found = candidates(
        [
            Source(
                "Prices\nproduct: Kenya AA; price_eur: 14.50",
                heading="Prices",
                kind="table",
                columns=("product", "price_eur"),
            )
        ]
    )
    assert [(c.context, c.text) for c in found] == [("Prices", "Kenya AA: 14.50 EUR.")]


# --- picking --------------------------------------------------------------------------------------


def _scored(*rows):
    return [
        Scored(Candidate(text, "", passage, position, *paragraph), 0.0, 0.0, s)
        for text, passage, position, s, *paragraph in rows
    ]


def test_pick_keeps_close_sentences_of_the_best_passage_in_reading_order():
    chosen = pick(
        _scored(
            ("B second.", 0, 1, 0.80),
            ("A first.", 0, 0, 0.75),
            ("Other passage.", 1, 0, 0.77),  # within KEEP_WITHIN, not NEAR_TIE: another section's stays out
            ("Far behind.", 0, 2, 0.50, 1),
        ),
        500,
    )
    assert [c.text for c in chosen] == ["A first.", "B second."]
    # A short best answer takes the sentence after it in its paragraph, however it scored.
    chosen = pick(_scored(("By appointment.", 0, 0, 0.8), ("Other.", 1, 0, 0.5), ("Call 0341 555.", 0, 1, 0.1)), 500)
    assert [c.text for c in chosen] == ["By appointment.", "Call 0341 555."]
    assert [c.text for c in pick(_scored(("Only.", 0, 0, 0.9), ("Too long " * 20, 0, 1, 0.9)), 50)] == ["Only."]
    assert pick([], 100) == []


def test_rows_of_other_passages_join_a_best_row_only_when_they_hold_as_many_of_the_questions_words():
    # "how much to fix a cracked iphone 12 screen, the cheap one": each price row is a passage of its own; the
    # iPhone 12's second row (the other part quality) holds the same words and joins, the iPhone 13's row is as
    # close in cosine but holds only "iphone" and "screen" and stays out.
    def row(text, passage):
        return Candidate(text, "", passage, 0, 0, True)

    best = Scored(row("iPhone 12, screen replacement, original: 199.00 EUR.", 0), 0.645, 0.34, 0.713)
    twin = Scored(row("iPhone 12, screen replacement, compatible: 139.00 EUR.", 1), 0.616, 0.34, 0.684)
    next_up = Scored(row("iPhone 13, screen replacement, original: 249.00 EUR.", 2), 0.627, 0.19, 0.665)
    assert [c.text for c in pick([best, twin, next_up], 500)] == [best.candidate.text, twin.candidate.text]
    # A row holding more of the question's words than the best one joins too.
    more = Scored(row("iPhone 12, screen protector fitted, original: 14.90 EUR.", 3), 0.60, 0.50, 0.70)
    assert more.candidate in pick([best, more], 500)
    # Sentences of prose still join by passage, whatever words they hold.
    prose = _scored(("Open 9-18.", 0, 0, 0.9), ("Closed on Sundays.", 0, 1, 0.85))
    assert [c.text for c in pick(prose, 500)] == ["Open 9-18.", "Closed on Sundays."]


def test_an_faq_sentence_and_a_price_row_holding_the_same_words_answer_together():
    # "do u fit screen protectors": the FAQ's sentence and the price list's row both hold "fit" and "screen
    # protectors"; the reply says both, whichever scored first.
    faq = Scored(Candidate("A screen protector bought from us is fitted for free.", "", 0, 0), 0.60, 1.0, 0.80)
    price = Scored(Candidate("Screen protector: 14.90 EUR (fitted for free).", "", 1, 0, 0, True), 0.55, 1.0, 0.75)
    assert [c.text for c in pick([faq, price], 500)] == [faq.candidate.text, price.candidate.text]
    assert [c.text for c in pick([price, faq], 500)] == [faq.candidate.text, price.candidate.text]
    # Not a row holding fewer of the question's words, nor a text sentence of another section (0.06 behind).
    fewer = Scored(Candidate("Case: 19.90 EUR.", "", 1, 0, 0, True), 0.58, 0.5, 0.78)
    assert [c.text for c in pick([faq, fewer], 500)] == [faq.candidate.text]
    prose = Scored(Candidate("We sell cases and screen protectors.", "", 2, 0), 0.58, 1.0, 0.74)
    assert [c.text for c in pick([faq, prose], 500)] == [faq.candidate.text]


def test_a_reply_without_a_figure_takes_the_neighbouring_sentence_that_has_one():
    # "Which water is best for brewing?": the closest sentence talks about water in general, the one before
    # it under the same heading gives the hardness.
    found = candidates(
        [
            Source(
                "Water\nUse filtered water with a hardness of 4 to 8 °dH. Very hard water makes "
                "coffee taste flat and scales up machines.\nGrind the beans just before brewing.",
                heading="Water",
            )
        ]
    )
    scored = [Scored(c, 0.0, 0.0, s) for c, s in zip(found, (0.3, 0.6, 0.1), strict=True)]
    assert [c.text for c in pick(sorted(scored, key=lambda s: -s.score), 500)] == [
        "Use filtered water with a hardness of 4 to 8 °dH.",
        "Very hard water makes coffee taste flat and scales up machines.",
    ]
    # Not when the reply already says a figure, nor from under another heading.
    other = candidates(
        [
            Source("Cupping\nA cupping is held on Saturdays.", heading="Cupping"),
            Source("Prices\nIt costs 15 EUR.", heading="Prices"),
        ]
    )
    chosen = pick([Scored(other[0], 0.0, 0.0, 0.9), Scored(other[1], 0.0, 0.0, 0.2)], 500)
    assert [c.text for c in chosen] == ["A cupping is held on Saturdays."]
    with_figure = pick(_scored(("Open 9-18.", 0, 1, 0.9), ("Closed on 24 Dec.", 0, 0, 0.1)), 500)
    assert [c.text for c in with_figure] == ["Open 9-18."]


def test_a_reply_without_the_figure_asked_takes_the_next_sentence_that_has_one():
    # "how long is a gift voucher valid for": the closest sentence speaks of vouchers and holds a price, the one
    # after it under the same heading says how long they last, far below in score.
    found = candidates([Source(
        "Gift vouchers\nGift vouchers can be bought for any amount from €20, or for a single lesson or a block. "
        "Vouchers are valid for 2 years and can be used for any lesson. We send them by email.",
        heading="Gift vouchers")])
    scored = sorted((Scored(c, 0.0, 0.0, s) for c, s in zip(found, (0.78, 0.53, 0.60), strict=True)),
                    key=lambda s: -s.score)
    asks = asked_kinds("how long is a gift voucher valid for")
    assert [c.text for c in pick(scored, 500, asks=asks)] == [
        "Gift vouchers can be bought for any amount from €20, or for a single lesson or a block.",
        "Vouchers are valid for 2 years and can be used for any lesson.",
    ]
    # Not the sentence before the best one (it says something else of the thing), nor without a figure asked.
    before = sorted((Scored(c, 0.0, 0.0, s) for c, s in zip(found, (0.53, 0.78, 0.60), strict=True)),
                    key=lambda s: -s.score)
    assert found[0] not in pick(before, 500, asks=asks)
    assert [c.text for c in pick(scored, 500)] == [
        "Gift vouchers can be bought for any amount from €20, or for a single lesson or a block."]


def test_the_figure_asked_comes_from_the_sentence_holding_most_of_the_questions_words():
    # "cost of a puppy groom?": the FAQ's puppy sentence leads without a price; the gift voucher's "from €20" scores
    # above the price list's puppy row, but holds none of the question's words.
    best = Scored(Candidate("We recommend a puppy intro every 4 to 6 weeks.", "Puppies", 0, 0), 0.56, 0.79, 0.84)
    voucher = Scored(Candidate("Gift vouchers are sold for any amount from €20.", "Vouchers", 1, 0), 0.60, 0.0, 0.72)
    row = Scored(Candidate("specialist, puppy intro, puppies under 6 months: 30.00 EUR.", "", 2, 0, row=True),
                 0.48, 0.54, 0.70, 0.54)
    asks = asked_kinds("cost of a puppy groom?")
    assert [c.text for c in pick([best, voucher, row], 500, asks=asks)] == [
        "We recommend a puppy intro every 4 to 6 weeks.", "specialist, puppy intro, puppies under 6 months: 30.00 EUR."]
    # Among sentences holding as many of the words, the best scored; none beyond ASKED_WITHIN.
    twin = Scored(Candidate("puppy intro, from 6 months: 40.00 EUR.", "", 3, 0, row=True), 0.46, 0.54, 0.69, 0.54)
    assert pick([best, voucher, row, twin], 500, asks=asks)[-1] == row.candidate
    far = Scored(row.candidate, 0.30, 0.54, 0.60, 0.54)
    assert [c.text for c in pick([best, far], 500, asks=asks)] == ["We recommend a puppy intro every 4 to 6 weeks."]


def test_a_best_sentence_pointing_back_takes_the_sentence_it_points_to():
    # "will a banner survive outside all summer": "They are suitable for outdoor use" says what they are only with
    # the sentence before it.
    found = candidates([Source(
        "Banners\nPVC banners are 80 cm high, from 1 to 6 metres long, with eyelets every 50 cm. They are suitable "
        "for outdoor use and last about 2 years outside.\nWe print them in 3 working days.", heading="Banners")])
    scored = sorted((Scored(c, 0.0, 0.0, s) for c, s in zip(found, (0.40, 0.70, 0.45), strict=True)),
                    key=lambda s: -s.score)
    assert [c.text for c in pick(scored, 500)] == [
        "PVC banners are 80 cm high, from 1 to 6 metres long, with eyelets every 50 cm.",
        "They are suitable for outdoor use and last about 2 years outside.",
    ]
    # A sentence naming its subject stands alone, and so does one opening a paragraph (nothing before it to say).
    plain = candidates([Source("Banners\nPVC banners come in many sizes. Banners are suitable for outdoor use.",
                               heading="Banners")])
    assert [c.text for c in pick([Scored(plain[1], 0.0, 0.0, 0.7), Scored(plain[0], 0.0, 0.0, 0.4)], 500)] == [
        "Banners are suitable for outdoor use."]
    alone = candidates([Source("Banners\nSome text here.\nThey are suitable for outdoor use.", heading="Banners")])
    assert [c.text for c in pick([Scored(alone[1], 0.0, 0.0, 0.7), Scored(alone[0], 0.0, 0.0, 0.4)], 500)] == [
        "They are suitable for outdoor use."]


def test_a_sentence_holding_the_rare_word_wins_whichever_passage_it_is_in():
    # "Are your coffee bags recyclable?": the returns sentence of the top passage is a little closer in
    # cosine, the sentence of the second passage holds the rare word the question is about.
    found = [
        Candidate("Unopened bags can be returned within 14 days for a refund of the coffee's price.", "", 0, 0),
        Candidate("Our bags are recyclable (mono-material PE).", "", 1, 0),
    ]
    weights = {"coffee": 2.3, "bags": 3.0, "recyclable": 4.7}
    ranked = score(["coffee", "bags", "recyclable"], found, [0.606, 0.562], weights)
    assert [round(s.overlap, 2) for s in ranked] == [0.77, 0.53]
    assert ranked[0].candidate.text.startswith("Our bags are recyclable")
    # An equal score keeps the better passage first.
    tied = score(["bags"], found, [0.5, 0.5], weights)
    assert [s.candidate.passage for s in tied] == [0, 1]


def test_score_adds_term_overlap_and_prefers_better_passages():
    found = [Candidate("We deliver to Accra.", "", 1, 0), Candidate("Opening hours are 9-5.", "", 0, 0)]
    ranked = score(["deliver", "accra"], found, [0.5, 0.5])
    assert ranked[0].candidate.text == "We deliver to Accra." and ranked[0].overlap == 1.0


# --- abstention -----------------------------------------------------------------------------------


def test_abstention_needs_support_and_moves_with_min_relevance():
    strong = abstention.Support(best_sentence=0.6, coverage=1.0, agreement=True)
    weak = abstention.Support(best_sentence=0.2, coverage=0.0, agreement=False)
    assert abstention.answerable(strong) and not abstention.answerable(weak)
    assert not abstention.answerable(None)
    assert abstention.threshold(0.35) == pytest.approx(abstention.THRESHOLD)
    assert abstention.threshold(0.5) == pytest.approx(abstention.THRESHOLD + 0.15)
    # "Do you take credit cards?" on the bike suite: answered by default, not by a much stricter owner.
    middling = abstention.Support(best_sentence=0.329, coverage=0.333, agreement=True)
    assert abstention.answerable(middling) and not abstention.answerable(middling, min_relevance=0.75)
    # A question mostly about things no document mentions ("parking") loses support.
    assert not abstention.answerable(abstention.Support(0.6, 0.3, False, unknown=0.8))


def test_words_no_document_uses_weigh_more_than_a_weak_sentence():
    # Figures of the shipped suites: "Do you take credit cards?" finds only "We accept cash, girocard (EC card),
    # Visa, Mastercard and PayPal." (cosine 0.33), but every word of it is in the documents; "Do you have a
    # workshop in Dresden as well?" finds a closer sentence, but "Dresden" is in none of them.
    cards = abstention.Support(best_sentence=0.33, coverage=0.33, agreement=True, unknown=0.0)
    dresden = abstention.Support(best_sentence=0.42, coverage=0.18, agreement=True, unknown=0.82)
    assert abstention.answerable(cards) and not abstention.answerable(dresden)


def test_an_unknown_word_a_sentence_says_in_other_words_counts_less():
    # Figures of the coffee suite: "what discount do subscribers get". No document says "discount", but the
    # subscription passage is its nearest sentence at 0.314 ("10% off" is the answer): it counts for 36%.
    weights = {"discount": 4.66, "subscribers": 3.97}
    alone = abstention.unknown_share(weights, ["discount"], {})
    said = abstention.unknown_share(weights, ["discount"], {"discount": 0.314})
    assert alone == pytest.approx(4.66 / 8.63) and said == pytest.approx(0.36 * 4.66 / 8.63)
    assert abstention.novelty(0.2) == 1.0 and abstention.novelty(0.4) == 0.0
    figures = {"best_sentence": 0.248, "coverage": 0.46, "agreement": True}
    assert abstention.answerable(abstention.Support(**figures, unknown=said))
    assert not abstention.answerable(abstention.Support(**figures, unknown=alone))


def test_the_chats_asides_are_no_search_terms_and_comings_are_phrasing():
    assert content_terms("can i wear my flip flops driving lol its roasting out") == [
        "wear", "flip", "flops", "driving", "roasting", "out"]
    assert content_terms("i just dont like the wine i bought tbh, can i swap it") == ["wine", "bought", "swap"]
    assert {"came", "comes", "coming"} <= abstention.UNTELLING_WORDS


def test_phrasing_and_general_english_words_never_count_as_unknown():
    # "What should I bring along with my e-bike?": no document says "along" (nor does any sentence in other
    # words, 0.105), but it is no topic; "Dresden" stays unknown, "well" does not count.
    bring = {"bring": 3.22, "along": 4.83, "bike": 1.53}
    assert abstention.unknown_share(bring, ["along"], {"along": 0.105}, abstention.UNTELLING_WORDS) == 0.0
    assert abstention.unknown_share(bring, ["along"], {"along": 0.105}) == pytest.approx(4.83 / 9.58)
    dresden = {"workshop": 2.12, "dresden": 4.83, "well": 4.83}
    share = abstention.unknown_share(
        dresden, ["dresden", "well"], {"dresden": 0.212, "well": 0.049}, abstention.UNTELLING_WORDS
    )
    assert share == pytest.approx(4.83 / 6.95)
    assert not abstention.answerable(abstention.Support(0.417, 0.18, True, unknown=share))


def test_an_unknown_compound_of_a_word_the_sentences_use_is_found_with_its_head():
    # "Do you repair motorbikes?" against "We repair children's bikes …": "motorbikes" is near that sentence
    # because it holds "bikes", not because it says "motorbikes" in other words.
    sentence = "Children's bikes: We repair children's bikes from 16 inch wheels upwards."
    assert abstention.compound_heads(["motorbikes"], [sentence]) == {"motorbikes": "bikes"}
    assert abstention.compound_heads(["motorbike"], ["We repair every bike."]) == {"motorbike": "bike"}
    # The longest word it ends with is its head.
    found = abstention.compound_heads(["espressomachines"], ["We clean machines.", "Chines."])
    assert found == {"espressomachines": "machines"}
    # "ebike" and "along" are no compounds: their first part is too short.
    assert abstention.compound_heads(["ebike", "along"], ["A bike.", "How long."]) == {}
    # Written apart or with a hyphen in a sentence, it is the same thing spelt otherwise.
    apart = ["We service mountain bikes and cargo-bikes."]
    assert abstention.compound_heads(["mountainbikes", "cargobike"], apart) == {}
    # Too short a head, the word itself, a word it does not end with, and no sentence at all give no head.
    assert abstention.compound_heads(["scooters", "toilet"], ["Scooters, scoot, let."]) == {}
    assert abstention.compound_heads(["discount"], []) == {}
    # An accidental ending is found here; the caller's cosine between the two words (HEAD_MEANING) rejects it.
    assert abstention.compound_heads(["toilets"], ["Lets go."]) == {"toilets": "lets"}


def test_an_unknown_compound_counts_fully_when_its_head_is_all_the_sentence_shares():
    # Figures of the bike suite: "Do you repair motorbikes?" finds the children's bikes sentence (0.505), and
    # "motorbikes" is 0.47 from it. Excused, the question was answered; counted, it is not.
    weights = {"repair": 2.0, "motorbikes": 4.83}
    figures = {"best_sentence": 0.505, "coverage": 0.292, "agreement": True}
    excused = abstention.unknown_share(weights, ["motorbikes"], {"motorbikes": 0.47})
    counted = abstention.unknown_share(weights, ["motorbikes"], {"motorbikes": 0.0})
    assert excused == 0.0 and counted > 0.7
    assert abstention.answerable(abstention.Support(**figures, unknown=excused))
    assert not abstention.answerable(abstention.Support(**figures, unknown=counted))




def test_an_unknown_rare_english_word_counts_more_than_an_everyday_one():
    # Only words outside the vocabulary in every base form are rare: "calories" and "wifi" are, "discounts"
    # is not ("discount" is a whole word), nor are numbers and model names.
    vocabulary = {"discount", "today", "late", "cafe", "battery"}
    asked = ["calories", "wifi", "discounts", "today", "batteries", "150", "s23", "café"]
    assert abstention.rare_words(asked, vocabulary) == {"calories", "wifi"}
    assert abstention.base_forms("repaired") == {"repaired", "repair", "repaire"}
    # Figures of the coffee suite: "How many calories are in a cold brew?" finds the cold brew recipe (0.59,
    # cold and brew in one passage) and "calories" is in no document: answered counting it once, not when rare.
    weights = {"calories": 4.4, "cold": 2.8, "brew": 2.8}
    figures = {"best_sentence": 0.59, "coverage": 0.56, "agreement": True}
    once = abstention.unknown_share(weights, ["calories"], {"calories": 0.22})
    rare = abstention.unknown_share(weights, ["calories"], {"calories": 0.22}, rare={"calories"})
    assert once == pytest.approx(0.44) and rare == pytest.approx(abstention.RARE_WEIGHT * 0.44)
    assert abstention.answerable(abstention.Support(**figures, unknown=once))
    assert not abstention.answerable(abstention.Support(**figures, unknown=rare))
    # A rare word a sentence says in other words is still excused.
    assert abstention.unknown_share(weights, ["calories"], {"calories": 0.4}, rare={"calories"}) == 0.0


def test_everyday_words_of_a_whatsapp_question_do_not_stop_an_answer():
    # Figures of the held-out phone suite: "how long does a battery change take on an iphone" finds the battery
    # rows (best sentence 0.58, three quarters of its words in one passage). "change" is in another passage, not
    # these: the decision no longer asks where the question's rarest word is, which took this for a question
    # about something else and said "don't know".
    assert abstention.answerable(abstention.Support(best_sentence=0.58, coverage=0.74, agreement=True))
    # "can you replace the battery in my AirPods?": a sentence near in meaning, half the words in one passage,
    # but "AirPods" is in no document and no sentence says it otherwise, and it is a rare word (0.53 of the
    # question's words by rarity, counted RARE_WEIGHT times).
    figures = {"best_sentence": 0.38, "coverage": 0.47, "agreement": False}
    assert abstention.rare_words(["airpods"], {"air", "pods"}) == {"airpods"}
    assert not abstention.answerable(abstention.Support(**figures, unknown=abstention.RARE_WEIGHT * 0.53))


def test_a_markdown_table_in_the_text_reads_as_rows_named_by_its_header():
    text = (
        "Timetable\nClasses run all year.\n| Day | Time | Class |\n|---|:---:|---|\n"
        "| Monday | 18:00 | Vinyasa flow |\n| Tuesday | 9:30 | |\nCome 10 minutes early."
    )
    found = candidates([Source(text, heading="Timetable")])
    assert [(c.context, c.text, c.row) for c in found] == [
        ("Timetable", "Classes run all year.", False),
        ("Timetable", "Monday: time 18:00, class Vinyasa flow.", True),
        ("Timetable", "Tuesday: time 9:30.", True),
        ("Timetable", "Come 10 minutes early.", False),
    ]
    # Rows of a table whose header is in an earlier passage say their cells; a price column gets its currency.
    assert [c.text for c in candidates([Source("| Wednesday | 19:00 | Yin |")])] == ["Wednesday, 19:00, Yin."]
    prices = candidates([Source("| Class | Price (EUR) |\n|---|---|\n| Drop-in | 18 |")])
    assert [c.text for c in prices] == ["Drop-in: 18 EUR."]


def test_the_best_word_match_takes_the_last_place_when_fusing_left_it_out():
    # Five chunks sit in both lists; the keyword list's best ("Sample Set" of the price list) is in no other.
    vector = ["a", "b", "c", "d", "e"]
    keyword = ["sample", "a", "b", "c", "d", "e"]
    fused = fuse(vector, keyword)
    assert "sample" not in [r.chunk_id for r in fused[:5]]
    kept = with_best_word_match(fused, 5, 4)
    assert [r.chunk_id for r in kept] == ["a", "b", "c", "d", "sample"]
    # The fixed places never change, and a best word match already kept stays where it is.
    assert [r.chunk_id for r in with_best_word_match(fused, 4, 4)] == ["a", "b", "c", "d"]
    assert [r.chunk_id for r in with_best_word_match(fuse(["a"], ["a", "b"]), 5, 4)] == ["a", "b"]


# --- lists ------------------------------------------------------------------------------------------


def test_a_sentence_inside_a_list_item_comes_with_the_sentence_naming_the_item():
    # "i have never done yoga, which class first?": the closest sentence is the item's second one; alone, or
    # followed by the next item's first sentence, it named no class or the wrong one.
    text = (
        "- **Hatha Yoga**: slow and steady, holding each pose. The best class to start with if you are new.\n"
        "- **Vinyasa Flow**: dynamic, moving with the breath."
    )
    found = candidates([Source(text)])
    assert [(c.text, c.paragraph, c.listed) for c in found] == [
        ("Hatha Yoga: slow and steady, holding each pose.", 0, True),
        ("The best class to start with if you are new.", 0, True),
        ("Vinyasa Flow: dynamic, moving with the breath.", 1, True),
    ]
    scores = {found[1]: 0.7, found[2]: 0.5, found[0]: 0.4}
    chosen = pick([Scored(c, s, 0.0, s) for c, s in scores.items()], 500)
    assert [c.text for c in chosen] == [found[0].text, found[1].text]
    # The item's first sentence is the answer itself: nothing is added before it (a short one still takes the
    # sentence after it, once).
    first = pick([Scored(found[0], 0.7, 0.0, 0.7), Scored(found[1], 0.5, 0.0, 0.5)], 500)
    assert [c.text for c in first] == [found[0].text, found[1].text]
    # A list chunked before items kept a line each runs into one line: its items are still told apart.
    run_together = candidates([Source(text.replace("\n- ", " - "))])
    assert [(c.text, c.paragraph, c.listed) for c in run_together] == [(c.text, c.paragraph, c.listed) for c in found]
    # Prose is no list: the sentence before the best one of a paragraph is not added (unless the best one points
    # back to it: see test_a_best_sentence_pointing_back_takes_the_sentence_it_points_to).
    prose = candidates([Source("Hatha is slow. Hatha is the best class to start with.")])
    assert [c.text for c in pick([Scored(prose[1], 0.7, 0.0, 0.7), Scored(prose[0], 0.3, 0.0, 0.3)], 500)] == [
        prose[1].text
    ]


def test_a_sentence_holding_more_of_the_questions_words_joins_from_a_little_further():
    # "is there a minimum term on the unlimited membership": the terms' sentence is closest in cosine, the price
    # row holds every word of the question and the term itself, 0.125 behind.
    terms = Scored(Candidate("Memberships run for the minimum term on the price list.", "", 0, 0), 0.64, 0.67, 0.77)
    row = Scored(Candidate("Mat unlimited: 99.00 per month (minimum term 6 months).", "", 1, 0, 0, True), 0.45, 1, 0.65)
    assert [c.text for c in pick([terms, row], 500)] == [terms.candidate.text, row.candidate.text]
    # As far behind with no more of the question's words, it stays out; further behind, it stays out too.
    same = Scored(row.candidate, 0.51, 0.67, 0.65)
    assert [c.text for c in pick([terms, same], 500)] == [terms.candidate.text]
    far = Scored(row.candidate, 0.40, 1.0, 0.60)
    assert [c.text for c in pick([terms, far], 500)] == [terms.candidate.text]
    # The join rules still hold: a text sentence of another section never joins a best text sentence.
    prose = Scored(Candidate("Members can pause for 3 months.", "", 2, 0), 0.45, 1.0, 0.65)
    assert [c.text for c in pick([terms, prose], 500)] == [terms.candidate.text]


def test_a_text_sentence_of_another_section_joins_only_when_it_nearly_ties_with_as_many_words():
    # "when can i collect a birthday cake": the cakes page says the notice, the collection page the hours; both
    # hold "collect" and "cake" and score within 0.02 of each other.
    notice = Scored(Candidate("Birthday cakes need 3 days' notice, collected in the shop.", "", 0, 0), 0.6, 0.5, 0.70)
    hours = Scored(Candidate("Cakes can be collected from 8:00 to 17:00.", "", 1, 0), 0.59, 0.5, 0.685)
    assert [c.text for c in pick([notice, hours], 500)] == [notice.candidate.text, hours.candidate.text]
    # Not with fewer of the question's words, nor further behind than NEAR_TIE, when a sentence of the best one's
    # passage is the runner-up (the runner-up of another section: tests/unit/test_runner_up_of_another_section.py).
    runner_up = Scored(Candidate("Cakes are boxed for you.", "", 0, 1), 0.6, 0.1, 0.695)
    fewer = Scored(hours.candidate, 0.6, 0.4, 0.69)
    assert [c.text for c in pick([notice, runner_up, fewer], 500)] == [notice.candidate.text, runner_up.candidate.text]
    behind = Scored(hours.candidate, 0.55, 0.5, 0.67)
    assert [c.text for c in pick([notice, runner_up, behind], 500)] == [
        notice.candidate.text,
        runner_up.candidate.text,
    ]


def test_section_numbers_and_title_fragments_are_never_said():
    for piece in ("5.", "3.2", "3.2 Delivery.", "5. MEMBERSHIPS.", "7. PRIVATE SESSIONS AND WORKSHOPS.",
                  "Opening Hours.", "Terms and Conditions.", "MEMBERSHIPS."):
        assert is_title_piece(piece), piece
    for sentence in ("Yes.", "Open 9-18.", "Closed on Sundays.", "Closed Monday to Friday.", "We deliver to Accra.",
                     "3 loaves for 10 EUR.", "12.90 EUR.", "2 Hours.", "Hatha Yoga: slow and steady.",
                     "Book Online Or Call Us On The Number Below Today."):
        assert not is_title_piece(sentence), sentence
    # "Classes not used in that time expire. 5. MEMBERSHIPS Our memberships ...": the number cut off as a sentence.
    found = candidates([Source("Classes not used in that time expire. 5.\nAll memberships run monthly.")])
    assert "5." in [c.text for c in found]  # still a candidate: the don't-know decision weighs every candidate
    scored = [Scored(c, 0.0, 0.0, s) for c, s in zip(found, (0.7, 0.72, 0.3), strict=True)]
    chosen = pick(sorted(scored, key=lambda s: -s.score), 500)
    assert [c.text for c in chosen] == ["Classes not used in that time expire."]
    # A title alone is still better than no reply.
    assert [c.text for c in pick([scored[1]], 500)] == ["5."]


def test_an_abbreviations_full_stop_ends_no_sentence():
    address = (
        "Our office is at 14 Dublin Road, Portlaoise, Co. Laois, R32 K7T4, upstairs from the pharmacy. "
        "You do not need to come in."
    )
    assert [c.text for c in candidates([Source(address)])] == [
        "Our office is at 14 Dublin Road, Portlaoise, Co. Laois, R32 K7T4, upstairs from the pharmacy.",
        "You do not need to come in.",
    ]
    text = "Can I bring my dog? No. Dogs wait outside. See No. 14 on the list. Ask Dr. Weber, e.g. about props."
    assert split_sentences(text) == [
        "Can I bring my dog?",
        "No.",  # an answer, not a number's abbreviation
        "Dogs wait outside.",
        "See No. 14 on the list.",
        "Ask Dr. Weber, e.g. about props.",
    ]
    # a line break ends a sentence even after an abbreviation: "Co." closing a line is a company's name
    assert split_sentences("Printed by Acme Co.\nOpen daily.") == ["Printed by Acme Co.", "Open daily."]
