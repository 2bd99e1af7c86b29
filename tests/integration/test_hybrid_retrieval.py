"""Hybrid retrieval against real Postgres: the vector and full-text lists come back from one query,
under the runtime role with row level security, and never cross tenants."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from pipelines.named_figures import holds_figure
from pipelines.retrieval import content_terms, coverage, stems
from schemas.bot import BotSettings
from services.adapters import vectors as pgvector
from services.adapters.ports import VectorItem
from services.handlers.ingest import chunk_id
from services.usecases import answering
from tests.conftest import create_user

MODEL = "test-model"


def axis(i: int) -> list[float]:
    return [1.0 if d == i else 0.0 for d in range(384)]


def _between(i: int, j: int) -> list[float]:
    """Mostly axis i, a little towards axis j (unit length)."""
    return [0.995 if d == i else 0.0998749 if d == j else 0.0 for d in range(384)]


def _document(container, user, texts: list[str], vectors: list[list[float]]) -> uuid.UUID:
    document_id = uuid.uuid4()
    with container.tenant_uow(user) as uow:
        uow.kb.insert(document_id=document_id, user_id=user, filename="faq.md", storage_path=f"{user}/faq.md",
                      mime_type="text/markdown", size_bytes=1, sha256=uuid.uuid4().hex * 2)
        uow.kb.replace_chunks(user, document_id, [
            {"id": chunk_id(document_id, i, t), "ordinal": i, "content": t, "metadata": {"kind": "text"}}
            for i, t in enumerate(texts)])
        uow.kb.update(document_id, status="ready")  # as an ingested document is
    container.vectors.upsert(user, [VectorItem(chunk_id(document_id, i, t), document_id, i, v, MODEL)
                                    for i, (t, v) in enumerate(zip(texts, vectors, strict=True))])
    return document_id


def test_one_query_returns_both_rankings(container):
    user = create_user(container)
    _document(container, user, ["Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days.",
                                "Opening hours\nWe open at 9 every weekday.",
                                "Returns\nUnopened items can be returned within 14 days."],
              [_between(0, 1), axis(1), axis(2)])

    # The vector is nearest the opening hours, then delivery (no tie with returns); the words point at delivery.
    hits = container.vectors.query(user, axis(1), 2, model=MODEL, terms=content_terms("Do you deliver to Accra?"))

    by_text = {h.chunk.content.split("\n")[0]: h for h in hits}
    assert by_text["Opening hours"].vector_rank == 1 and by_text["Opening hours"].keyword_rank is None
    assert by_text["Delivery"].keyword_rank == 1 and by_text["Delivery"].vector_rank == 2
    assert by_text["Delivery"].score == pytest.approx(0.0999, abs=1e-3)  # the cosine, for keyword hits too
    assert "Returns" not in by_text  # outside both top-2 lists
    # Without terms it is the plain vector search it always was.
    plain = container.vectors.query(user, axis(1), 2, model=MODEL)
    assert [h.vector_rank for h in plain] == [1, 2] and all(h.keyword_rank is None for h in plain)


def test_another_tenants_identical_chunks_never_appear(container):
    alice, bob = create_user(container), create_user(container)
    text = "Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days."
    alice_doc = _document(container, alice, [text], [axis(5)])
    for _ in range(3):  # many tenants hold the same FAQ
        _document(container, bob, [text, "Other\nSomething else entirely."], [axis(5), axis(6)])

    hits = container.vectors.query(alice, axis(5), 10, model=MODEL, terms=content_terms("deliver Accra something"))
    assert [h.chunk_id for h in hits] == [chunk_id(alice_doc, 0, text)]
    assert hits[0].vector_rank == 1 and hits[0].keyword_rank == 1
    # Even asked for Bob's documents by id, Alice gets nothing of his.
    with container.tenant_uow(bob) as uow:
        bob_docs = [r.id for r in uow.kb.list()]
    assert container.vectors.query(alice, axis(5), 10, model=MODEL, terms=["accra"], document_ids=bob_docs) == []


def test_the_shared_answer_path_uses_the_keyword_list(container):
    user = create_user(container)
    _document(container, user, ["Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days.",
                                "Opening hours\nWe open at 9 every weekday."], [axis(0), axis(1)])

    class NearestHours:  # an embedder whose question vector points at the wrong chunk
        model_name = MODEL

        def embed(self, texts):
            return [_between(1, 0) for _ in texts]

    retrieval = answering.retrieve(answering.Deps(NearestHours(), container.vectors, container.tenant_uow), user,
                                   "Do you deliver to Accra?")
    # Delivery holds every word of the question (vector 2nd, keyword 1st): it beats the vector list's favourite.
    assert [f.content.split("\n")[0] for f in retrieval.found] == ["Delivery", "Opening hours"]
    assert retrieval.found[0].ranked.keyword_rank == 1 and retrieval.found[0].filename == "faq.md"


def test_the_answer_path_puts_the_rare_words_above_passages_both_lists_hold(container):
    """A price row holding the question's rarest words, far from it in meaning, against passages near it that both
    lists hold for a common word: rank fusion put all of those first (each in both lists), and the row fifth."""
    user = create_user(container)
    cosines = [0.45, 0.44, 0.43, 0.42, 0.41, 0.40]
    near = [[c if d == 0 else (1 - c * c) ** 0.5 if d == i else 0.0 for d in range(384)]
            for i, c in enumerate(cosines, start=1)]
    _document(container, user, [f"Coffee guide {i}\nFresh coffee, ground right." for i in range(len(near))]
              + ["Price list\nSample Set of four coffees, 4 x 60 g: 14.00"], [*near, axis(9)])

    class NearTheGuides:
        model_name = MODEL

        def embed(self, texts):
            return [axis(0) for _ in texts]

    deps = answering.Deps(NearTheGuides(), container.vectors, container.tenant_uow)
    retrieval = answering.retrieve(deps, user, "Do you have a sample set of coffees?")
    assert retrieval.found[0].content.startswith("Price list")
    assert (retrieval.found[0].ranked.vector_rank, retrieval.found[0].ranked.keyword_rank) == (7, 1)
    # Each passage carries its share of the question's words, computed once for the fused score.
    assert [f.coverage for f in retrieval.found] == pytest.approx(
        [coverage(retrieval.terms, f.content, retrieval.weights) for f in retrieval.found]
    )
    scored, relatedness, best = answering._scored_sentences(deps, retrieval)
    assert scored[0].candidate.passage == 0 and "Sample Set" in scored[0].candidate.text  # the reply's first passage
    # The abstention decision reads the reply's passages: the row holding every word of the question.
    support = answering._support(retrieval, best, relatedness, set(), everyday=set(), question=retrieval.text)
    assert support is not None
    assert support.coverage == retrieval.found[0].coverage == 1.0
    assert not support.agreement  # the row is seventh in the vector list
    trace = answering.answer(deps, user, BotSettings(), retrieval.text, search=lambda _text: retrieval).trace
    assert trace["ranked"][0]["vector_rank"] == 7
    assert "decided_on" not in trace


class VectorOnly:
    """A store that ranks by vector only (as Pinecone does): its hits carry no ranks, their order is the ranking."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def query(self, user_id, vector, k, *, model, document_ids=None, terms=None):
        hits = self.inner.query(user_id, vector, k, model=model, document_ids=document_ids)
        return [replace(h, vector_rank=None, keyword_rank=None) for h in hits]


def test_a_store_ranking_by_vector_only_keeps_its_order_and_is_decided_on(container):
    user = create_user(container)
    _document(container, user, ["Opening hours\nWe open at 9 on weekdays.", "Delivery\nWe deliver to Accra daily."],
              [_between(0, 1), axis(1)])

    class NearestHours:
        model_name = MODEL

        def embed(self, texts):
            return [axis(0) for _ in texts]

    deps = answering.Deps(NearestHours(), VectorOnly(container.vectors), container.tenant_uow)
    retrieval = answering.retrieve(deps, user, "Do you deliver to Accra?")
    # the vector order stands, though the second passage holds every word of the question
    assert [f.content.split("\n")[0] for f in retrieval.found] == ["Opening hours", "Delivery"]
    assert [f.coverage for f in retrieval.found] == pytest.approx(
        [coverage(retrieval.terms, f.content, retrieval.weights) for f in retrieval.found]
    )
    assert retrieval.found[1].coverage == 1.0 and retrieval.found[0].ranked.keyword_rank is None
    result = answering.answer(deps, user, BotSettings(), retrieval.text, search=lambda _text: retrieval)
    assert result.support is not None and result.support.coverage == 1.0  # the best of the first three passages
    # one list: the agreement of two cannot be observed, and the decision is no stricter than before for it
    assert retrieval.one_list and result.support.agreement is None and "decided_on" not in result.trace
    assert result.trace["support"]["agreement"] is None


def test_chunks_holding_the_same_words_are_ordered_by_meaning_not_by_id(container):
    user = create_user(container)
    texts = ["Service\nA basic service is done the same day.", "Service\nA full service takes 2 to 3 days.",
             "Service\nWe service every brand of bike."]
    # Each chunk holds "service" once: the keyword ranks tie, and the vector nearest the question goes first
    # whichever ids the upload happened to give the chunks.
    for question_axis in (0, 1, 2):
        other = create_user(container)
        _document(container, other, texts, [axis(0), axis(1), axis(2)])
        hits = container.vectors.query(other, axis(question_axis), 3, model=MODEL, terms=content_terms("service"))
        first = next(h for h in hits if h.keyword_rank == 1)
        assert first.chunk.content == texts[question_axis]
    # A tenant holding nothing finds nothing of the others'.
    assert container.vectors.query(user, axis(0), 3, model=MODEL, terms=content_terms("service")) == []


def test_the_search_counts_the_words_as_the_rarity_query_does(container):
    """The counts the search returns beside its hits are what kb.term_counts reads from the same index."""
    user = create_user(container)
    _document(container, user, ["Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days.",
                                "Delivery fees\nDelivery to Accra costs 5 dollars.",
                                "Opening hours\nWe open at 9 every weekday."], [axis(0), axis(1), axis(2)])
    terms = content_terms("How much is delivery to Accra on a weekday? Any refunds?")
    hits, counted = container.vectors.query_counting_terms(user, axis(1), 2, model=MODEL, terms=terms)
    assert hits and counted is not None
    with container.tenant_uow(user) as uow:
        total, counts = uow.kb.term_counts(user, stems(terms), MODEL)
    assert counted.total == total == 3
    assert [counted.containing[s] for s in stems(terms)] == counts
    assert 0 in counts and max(counts) >= 2  # a word no chunk holds, and one most do
    # A tenant without chunks: no hit carries the counts, so the caller counts on its own.
    assert container.vectors.query_counting_terms(create_user(container), axis(1), 2, model=MODEL,
                                                  terms=terms) == ([], None)


def test_a_chunk_holding_a_postcode_or_phone_number_is_found_by_the_words_asking_for_it(container):
    """The full-text column adds the words asking for a postcode or a phone number to a chunk holding one
    (migration 20261205000100); the patterns agree with pipelines/named_figures.py on these texts."""
    user = create_user(container)
    texts = ["Where are you?\nOur practice is at 22 Bridge Street, Westport, Co. Mayo, F28 X2K7.",
             "Finding us\n27 Corve Street, Ludlow SY8 1DA, opposite the library.",
             "Contact\nThe office answers the phone (057 868 2041).",
             "Prices\nA5 flyers, 250: 28.00 GBP. Open 09:00 to 17:30 on 05.12.2026."]
    _document(container, user, texts, [axis(i) for i in range(4)])

    def found(question: str) -> set[str]:
        hits = container.vectors.query(user, axis(9), 4, model=MODEL, terms=content_terms(question))
        return {h.chunk.content.split("\n")[0] for h in hits if h.keyword_rank is not None}

    assert found("whats your eircode for the sat nav") == {"Where are you?", "Finding us"}
    assert found("postcode for the satnav pls") == {"Where are you?", "Finding us"}
    assert found("whats ur landline") == {"Contact"}
    assert found("do you sell telephone cables") == {"Contact"}  # found; the abstention decision weighs the rest
    for text in texts:
        holds_postcode = holds_figure("eircode", text)
        assert holds_postcode == (text.split("\n")[0] in {"Where are you?", "Finding us"})
        assert holds_figure("landline", text) == (text.startswith("Contact"))


def test_a_small_business_is_searched_exactly_with_its_plan_kept(container, monkeypatch):
    """A business under EXACT_SEARCH_CHUNKS: once its size is known (from its first search), its searches read its
    own rows in distance order with a plan kept per connection, and find what the planned search finds; a larger
    business is planned on every search."""
    small, large = create_user(container), create_user(container)
    texts = ["Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days.",
             "Opening hours\nWe open at 9 every weekday.",
             "Returns\nUnopened items can be returned within 14 days."]
    for user in (small, large):
        _document(container, user, texts, [_between(0, 1), axis(1), axis(2)])
    _document(container, large, ["Gift cards\nGift cards come in 10, 20 and 50.", "Parking\nParking is free."],
              [axis(3), axis(4)])
    store = container.vectors
    monkeypatch.setattr(pgvector, "EXACT_SEARCH_CHUNKS", 4)  # the small business holds 3 chunks, the large 5

    def search(user):
        hits = store.query(user, _between(1, 0), 2, model=MODEL, terms=content_terms("When do you deliver?"))
        return [(h.chunk.content.split("\n")[0], h.vector_rank, h.keyword_rank, round(h.score, 6)) for h in hits]

    assert not store.exact(small)  # not known yet: planned for its size
    planned = search(small)
    assert store.exact(small) and not store.exact(large)
    assert planned == [("Opening hours", 1, None, pytest.approx(0.995, abs=1e-5)),
                       ("Delivery", 2, 1, pytest.approx(0.0998749 * 0.995 * 2, abs=1e-5))]
    assert [search(small) for _ in range(7)] == [planned] * 7  # past psycopg's and Postgres's first five runs
    assert search(large) == planned and not store.exact(large)
    assert search(large) == planned and not store.exact(large)
    # Every business's search stays its own under row level security, whichever plan it runs.
    other = create_user(container)
    assert store.query(other, _between(1, 0), 2, model=MODEL, terms=content_terms("When do you deliver?")) == []
