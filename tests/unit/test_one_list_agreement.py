"""With one list (a vector store without keyword search) the agreement of two lists cannot be observed: the decision
counts UNSEEN_AGREEMENT_BONUS for it, so a one-list deployment is no stricter than before the recalibration on the
reply's passages, and no looser than a two-list one whose lists agree."""

from types import SimpleNamespace

import pytest

from pipelines import abstention
from services.usecases.answering import _support

PASSAGE = "Delivery\nWe deliver to Accra daily."


def _retrieval(*, one_list: bool, keyword_rank: int | None) -> SimpleNamespace:
    ranked = SimpleNamespace(vector_rank=1, keyword_rank=keyword_rank)
    return SimpleNamespace(terms=["deliver", "accra"], weights={"deliver": 2.0, "accra": 3.0}, unknown=[],
                           one_list=one_list, found=[SimpleNamespace(content=PASSAGE, ranked=ranked, coverage=0.18)])


def _decided(retrieval: SimpleNamespace) -> abstention.Support:
    support = _support(retrieval, 0.50, {}, set(), everyday=set(), question="Do you deliver to Accra?")  # type: ignore[arg-type]
    assert support is not None
    return support


def test_one_list_leaves_the_agreement_unobserved_and_answers_as_before():
    support = _decided(_retrieval(one_list=True, keyword_rank=None))
    assert support.agreement is None
    # 0.50 + 1.40 * 0.18 = 0.752 answered at the weights before (threshold 0.70); without the bonus 0.734 < 0.76
    assert abstention.answerable(support)
    assert not abstention.answerable(abstention.Support(0.50, 0.18, False))


@pytest.mark.parametrize(("sentence", "coverage"), [(0.50, 0.18), (0.55, 0.15), (0.62, 0.10)])
def test_the_unobserved_agreement_lies_between_none_and_the_full_bonus(sentence, coverage):
    none, full = abstention.Support(sentence, coverage, False), abstention.Support(sentence, coverage, True)
    assert none.score < abstention.Support(sentence, coverage, None).score < full.score
    assert abstention.answerable(abstention.Support(sentence, coverage, None))


def test_two_lists_whose_keyword_list_misses_the_top_passage_disagree():
    # a keyword list holding none of the top passages is observed disagreement, not one list: no bonus
    support = _decided(_retrieval(one_list=False, keyword_rank=None))
    assert support.agreement is False and not abstention.answerable(support)
    agreed = _decided(_retrieval(one_list=False, keyword_rank=2))
    assert agreed.agreement is True and abstention.answerable(agreed)
