"""The runner-up sentence of another section joins the best one when the two nearly tie, whatever its words."""

from pipelines.sentences import RUNNER_UP_WITHIN, Candidate, Scored, pick

FAQ = "Ardlow Driving School: frequently asked questions"
OFFICE = "Ardlow Driving School: office hours, instructors and areas"
PICK_UP = "We pick you up and drop you off at your home, work or college, free of charge, anywhere in your area."
TRAVEL = "Outside those areas there is a 10 EUR travel charge per lesson."
CHOOSE = "If you would rather a particular instructor, say so when you book."
CARD = "Every car is fully insured for learners."


def _text(text, context, passage, position, similarity, overlap):
    return Scored(Candidate(text, context, passage, position, position), similarity, overlap,
                  similarity + 0.2 * overlap)


def _instructor_question(choose_similarity=0.419):
    # "can I pick which instructor I get": the pick-up sentence holds "pick" and "instructor" in another sense and
    # leads on its words; the office page's sentence saying how to choose is nearer in meaning, 0.045 behind.
    return [
        _text(PICK_UP, FAQ, 0, 0, 0.333, 1.0),
        _text(CHOOSE, OFFICE, 1, 0, choose_similarity, 0.35),
        _text(TRAVEL, FAQ, 0, 1, 0.260, 0.35),
    ]


def test_the_runner_up_of_another_section_joins_within_the_window_though_it_holds_fewer_words():
    picked = [c.text for c in pick(_instructor_question(), 1000)]
    assert CHOOSE in picked
    assert picked[0] == PICK_UP  # the best sentence stays first


def test_the_runner_up_further_behind_stays_out():
    behind = _instructor_question(choose_similarity=0.419 - RUNNER_UP_WITHIN)
    assert CHOOSE not in [c.text for c in pick(behind, 1000)]


def test_only_the_runner_up_of_another_section_joins_not_the_next_one():
    # The third sentence, of a third section, is within the window too: it is no runner-up and stays out.
    scored = [*_instructor_question()[:2], _text(CARD, "Cars", 2, 0, 0.425, 0.3)]
    scored.sort(key=lambda s: -s.score)
    assert scored[2].candidate.text == CARD and scored[2].score >= scored[0].score - RUNNER_UP_WITHIN
    picked = [c.text for c in pick(scored, 1000)]
    assert CHOOSE in picked and CARD not in picked


def test_a_runner_up_of_the_best_ones_own_passage_lets_no_other_section_in():
    own = _text("Lessons start from your door.", FAQ, 0, 2, 0.35, 0.8)
    scored = sorted([*_instructor_question(), own], key=lambda s: -s.score)
    assert scored[1] is own
    assert CHOOSE not in [c.text for c in pick(scored, 1000)]
