"""Answering a question from the documents: retrieval, the abstention decision and the reply.

One code path for rag.respond, the knowledge base's search box (dashboard and REST) and, since it
runs the real pipeline, the playground: what the owner tests is what customers get.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pipelines import (
    abstention,
    answers,
    asked_counts,
    asked_kinds,
    asked_phrases,
    asked_sizes,
    customer_context,
    degree_words,
    intent,
    named_figures,
    price_order,
    row_variants,
    sentences,
    typos,
    variants,
)
from pipelines.retrieval import (
    Ranked,
    content_terms,
    coverage,
    fuse,
    fuse_by_score,
    rarity,
    stems,
    with_best_word_match,
    with_rows_spread,
    words,
)
from schemas.bot import BotSettings
from schemas.messages import IntentResult
from services.adapters import english_lexicon, wordpiece
from services.adapters.intent_classifier import IntentSetup
from services.adapters.llm import AllModelsFailedError, complete_parsed
from services.adapters.ports import ChatModel, CountsTerms, Embedder, Prefetches, TermCounts, VectorStore
from services.adapters.retrieval import chunk_texts, describe_location
from services.repositories.db import UnitOfWork
from services.repositories.kb_repository import HydratedChunk

FETCH = 8  # from each list (vector, keyword) before fusing
PASSAGES = 5  # fused passages kept: traced, given to a model, searched for sentences
SENTENCE_PASSAGES = PASSAGES  # the passages whose sentences the extractive answer picks from
SUPPORT_PASSAGES = 4  # the best passages whose sentences the abstention decision weighs
COVERAGE_PASSAGES = 3  # the best passages the question's words are looked for in
# A question asking for the cheapest (or dearest) item is answered from every row of its table, in price order
# (pipelines/price_order.py): the first ORDER_ROWS of them, read from at most ORDER_TABLE_CHUNKS chunks.
ORDER_ROWS = 2
ORDER_TABLE_CHUNKS = 500
ORDER_PROMPT_ROWS = 10  # given to a model, which words the reply itself
ABSTAINED, EXTRACTIVE, MODEL = "abstained", "extractive", "model"


@dataclass(frozen=True)
class Found:
    chunk_id: str
    document_id: uuid.UUID
    filename: str
    location: str
    content: str
    metadata: dict
    cosine: float
    ranked: Ranked
    coverage: float  # the share of the question's words (by rarity) the passage holds: ordered on, and decided on

    @property
    def source(self) -> str:
        return f"{self.filename} ({self.location})"

    def for_sentences(self) -> sentences.Source:
        meta = self.metadata
        kind = "table" if meta.get("kind") == "table" else "text"
        heading = meta.get("sheet") if kind == "table" else meta.get("heading")
        return sentences.Source(
            self.content, str(heading) if heading else None, kind, tuple(str(c) for c in meta.get("columns") or ())
        )


@dataclass(frozen=True)
class Retrieval:
    text: str
    vector: list[float]
    terms: list[str]
    found: list[Found]  # fused, best first
    weights: dict[str, float]  # each term's rarity among the tenant's chunks
    unknown: list[str]  # terms no chunk of the tenant's contains
    one_list: bool = False  # the store ranks by vector only (no keyword search): its order stands
    # the question's words asking for a figure the passages hold ("eircode" and "F28 X2K7"; named_figures)
    figures: frozenset[str] = frozenset()
    # the customer's mistyped words read as meant ("punture": "puncture", "tires": the documents' "tyres";
    # pipelines/typos.py): the search, and everything read after it, is of the text with them corrected
    typos: dict[str, str] = field(default_factory=dict)

    def corrected(self, text: str) -> str:
        """The customer's own words with the typos the search read corrected."""
        return typos.corrected(text, self.typos)


Search = Callable[[str], Retrieval]  # the retrieval of a search text, for one business


def everyday_words() -> Collection[str]:
    """The commonest whole words of the embedding model's vocabulary, as many as the abstention decision reads."""
    return wordpiece.commonest_whole_words(abstention.EVERYDAY_WORDS)


@dataclass(frozen=True)
class Deps:
    embedder: Embedder
    vectors: VectorStore
    tenant_uow: Callable[[uuid.UUID], UnitOfWork]
    chat: ChatModel | None = None
    # Whole English words common enough to be kept whole by a WordPiece tokenizer: an unknown word outside
    # them counts more in the abstention decision. Loaded on first use (once per process).
    vocabulary: Callable[[], Collection[str]] = wordpiece.whole_words
    # The commonest of them (everyday English): unknown outside what a question asks for, such a word counts less.
    everyday: Callable[[], Collection[str]] = everyday_words
    # English words and their counts, to tell a customer's typo from a word (pipelines/typos.py).
    lexicon: Callable[[], typos.Lexicon] = english_lexicon.english


def retrieve(
    deps: Deps, user_id: uuid.UUID, text: str, *, limit: int = PASSAGES, document_ids: list[uuid.UUID] | None = None,
    read_typos: bool = True,
) -> Retrieval:
    """The passages answering `text`. A word of it no document holds that is a typo of a word of the passages fetched
    or of a common English word, or their other spelling of it (`pipelines/typos.py`), is read as that word: the text
    is searched again with it corrected (`read_typos` False: as written)."""
    vector = deps.embedder.embed([text])[0]
    terms = content_terms(text)
    if isinstance(deps.embedder, Prefetches):
        # The words the documents turn out not to hold are embedded by `_scored_sentences`; which ones they are
        # is known after the search, so all the words the process has not seen are embedded during it.
        deps.embedder.prefetch([t for t in terms if not abstention.untelling(t)])
    counted = None
    if terms and isinstance(deps.vectors, CountsTerms):
        hits, counted = deps.vectors.query_counting_terms(
            user_id, vector, max(FETCH, limit), model=deps.embedder.model_name, document_ids=document_ids, terms=terms
        )
    else:
        hits = deps.vectors.query(
            user_id, vector, max(FETCH, limit), model=deps.embedder.model_name, document_ids=document_ids, terms=terms
        )
    rows = chunk_texts(deps.tenant_uow, user_id, hits)
    # A figure word the phrasing alone asked for ("where r u exactly?": postcode) only helps find the passage holding
    # the figure: where none found holds one ("Our shop is at 12 Market Street"), it is not the question's word.
    # The customer's own word stays ("need the postcode for the satnav").
    typed = words(text)
    unheld = {
        t for t in named_figures.asked_by_phrase(text)
        if t not in typed and not any(named_figures.holds_figure(t, row.content) for row in rows.values())
    }
    terms = [t for t in terms if t not in unheld]
    weights, unknown = _rarity(deps, user_id, terms, counted)
    hits = [h for h in hits if h.chunk_id in rows]  # an index entry whose chunk is gone (mid-delete)
    vector_only = all(h.vector_rank is None and h.keyword_rank is None for h in hits)
    # ranks filtered not None above
    by_vector = sorted((h for h in hits if h.vector_rank is not None), key=lambda h: h.vector_rank)  # type: ignore[arg-type,return-value]
    by_keyword = sorted((h for h in hits if h.keyword_rank is not None), key=lambda h: h.keyword_rank)  # type: ignore[arg-type,return-value]
    vector_ids = [h.chunk_id for h in (hits if vector_only else by_vector)]
    keyword_ids = [h.chunk_id for h in by_keyword]
    by_id = {h.chunk_id: h for h in hits}
    # Each passage's share of the question's words, once: the fused score orders by it and the abstention decision
    # reads it (`_support`).
    # the words asking for a figure ("eircode"): the keyword index finds them beside it, the content does not hold them
    asking_figures = frozenset(t for t in terms if named_figures.figure_asked(t))
    covers = {h.chunk_id: coverage(terms, rows[h.chunk_id].content, weights, asking_figures) for h in hits}
    if vector_only:  # one list (Pinecone): its order stands
        ranking = fuse(vector_ids, keyword_ids)
    else:
        ranking = fuse_by_score(vector_ids, keyword_ids, {h.chunk_id: h.score for h in hits}, covers)
        ranking = with_rows_spread(ranking, _tables(rows))
    def found_as(ranked: Ranked) -> Found:
        row = rows[ranked.chunk_id]
        return Found(
            ranked.chunk_id,
            row.document_id,
            row.filename,
            describe_location(row.metadata),
            row.content,
            row.metadata,
            by_id[ranked.chunk_id].score,
            ranked,
            covers[ranked.chunk_id],
        )

    # The abstention decision reads the best four passages; only a fifth place can go to the best word match.
    # The reply, a model's prompt, the trace and the abstention decision all read these passages in this order.
    found = [found_as(ranked) for ranked in with_best_word_match(ranking, limit, SUPPORT_PASSAGES)]
    # The index matches words as written: a word the passages write with an accent or as a compound the other
    # way ("cafe" for "café", "growbag" for "grow bag") is no unknown word.
    known = abstention.spelt_otherwise(terms, unknown, [f.content for f in found])
    # and a word asking for a figure a passage holds ("postcode" and "SY8 1DA") is the documents' word too
    figures = frozenset(t for t in asking_figures if any(named_figures.holds_figure(t, f.content) for f in found))
    unknown = [t for t in unknown if t not in known and t not in figures]
    fixes = typos.corrections(unknown, _words_of(rows.values()), deps.lexicon()) if read_typos and unknown else {}
    if not fixes:
        return Retrieval(text, vector, terms, found, weights, unknown, vector_only, figures)
    # Searched again as if written right, an English reading the documents lack included: "expensive" for "expesive"
    # is then judged as the everyday word it is, as if written right, not as a word outside English.
    again = retrieve(deps, user_id, typos.corrected(text, fixes), limit=limit, document_ids=document_ids,
                     read_typos=False)
    return replace(again, typos=fixes)


def _words_of(rows: Iterable[HydratedChunk]) -> set[str]:
    return set().union(*(words(row.content) for row in rows))


def _table_of(chunk: HydratedChunk | Found) -> str | None:
    """A table chunk's table (its document and sheet); None for a text chunk."""
    if chunk.metadata.get("kind") != "table":
        return None
    return f"{chunk.document_id}/{chunk.metadata.get('sheet') or ''}"


def _tables(rows: Mapping[str, HydratedChunk]) -> dict[str, str]:
    """Each table row's table: its document and sheet."""
    return {cid: table for cid, row in rows.items() if (table := _table_of(row)) is not None}


def _rarity(
    deps: Deps, user_id: uuid.UUID, terms: list[str], counted: TermCounts | None
) -> tuple[dict[str, float], list[str]]:
    if not terms:
        return {}, []
    if counted is not None:  # counted by the search itself
        total, counts = counted.total, [counted.containing.get(s, 0) for s in stems(terms)]
    else:
        with deps.tenant_uow(user_id) as uow:
            total, counts = uow.kb.term_counts(user_id, stems(terms), deps.embedder.model_name)
    return (
        {term: rarity(total, count) for term, count in zip(terms, counts, strict=True)},
        [term for term, count in zip(terms, counts, strict=True) if count == 0],
    )


@dataclass
class Answer:
    how: str  # ABSTAINED, EXTRACTIVE or MODEL
    reply: str
    handoff: bool
    retrieval: Retrieval
    support: abstention.Support | None
    trace: dict = field(default_factory=dict)
    sentences: list[sentences.Scored] = field(default_factory=list)  # every candidate, best first
    verdict: IntentResult | None = None  # asked for with `classify`: the model's (None when every model failed)
    verdict_model: str = ""


def answer(
    deps: Deps,
    user_id: uuid.UUID,
    settings: BotSettings,
    question: str,
    history: Sequence[answers.Turn] = (),
    *,
    use_models: bool = True,
    classify: IntentSetup | None = None,
    search: Search | None = None,
) -> Answer:
    """The reply to a customer's question, and what led to it (for the trace). With `classify` and a model
    configured, the same model call also gives the intent verdict (the one-call mode): the model is then
    asked even when the documents do not answer, and its reply used only when they do. `search`: how the
    question (with its context) is searched, `retrieve` unless the caller has a search of its own under way."""
    retrieval = _searched(deps, user_id, answers.question_with_context(question, history), search)
    # What the customer meant is what the extractive answer reads; a model reads the customer's own words.
    meant = retrieval.corrected(question)
    scored, relatedness, best_sentence = _scored_sentences(deps, retrieval)
    support = _support(
        retrieval, best_sentence, relatedness, deps.vocabulary(), everyday=deps.everyday(), question=meant
    )
    trace: dict = {"ranked": ranked_trace(retrieval.found), **({"typos": retrieval.typos} if retrieval.typos else {})}
    if support is not None:
        trace["support"] = {
            "sentence": round(support.best_sentence, 4),
            "coverage": round(support.coverage, 4),
            "agreement": support.agreement,
            "unknown": round(support.unknown, 4),
            "variant": support.variant,
            "unoffered": support.unoffered,
            "asked_figure": support.asked_figure,
            "apart": support.apart,
            "score": round(support.score, 4),
            "threshold": round(abstention.threshold(settings.min_relevance), 4),
        }
    answerable = abstention.answerable(support, settings.min_relevance)
    order = price_order.asked_order(meant)
    ordered = _in_price_order(deps, user_id, retrieval, scored, order) if order is not None and answerable else []
    if ordered:
        trace["order"] = order
    counts = asked_counts.asked_counts(meant)
    tiered = _in_count_tier(deps, user_id, retrieval, scored, counts) if answerable and not ordered else []
    if tiered:
        trace["tier"] = tiered[0].sentence
    models = list(settings.models) if use_models and deps.chat is not None else []
    reply, model = "", ""
    model_answered = True  # the one-call JSON's `answered`: False when the model found no answer in the passages
    verdict: IntentResult | None = None
    if models and classify is not None:
        ask = intent.intent_instructions(classify.task_types, classify.intents, with_reply=True)
        try:
            (verdict, reply, model_answered), completion = complete_parsed(
                deps.chat,
                models,
                _prompt(settings, retrieval, history, question, ask, ordered=ordered, order=order, tiered=tiered),
                lambda raw: intent.parse_llm_answer(raw, classify.task_types),
                temperature=settings.temperature,
                max_tokens=_reply_tokens(settings) + 300,
            )
        except AllModelsFailedError as exc:
            trace.update(fallbacks=exc.attempts)
        else:
            model = completion.model
            trace.update(model=model, fallbacks=completion.attempts)
    elif models and answerable and deps.chat is not None:  # `models` is empty without a chat client
        try:
            completion = deps.chat.complete(
                models,
                _prompt(settings, retrieval, history, question, ordered=ordered, order=order, tiered=tiered),
                temperature=settings.temperature,
                max_tokens=_reply_tokens(settings),
            )
        except AllModelsFailedError as exc:
            trace.update(fallbacks=exc.attempts)
        else:
            reply, model = completion.text, completion.model
            trace.update(model=model, fallbacks=completion.attempts)
    common: dict[str, Any] = {
        "retrieval": retrieval,
        "support": support,
        "trace": trace,
        "sentences": scored,
        "verdict": verdict,
        "verdict_model": model if verdict is not None else "",
    }
    # A model that read the passages and found no answer has abstained, whether it says so with the flag or with the
    # business's don't-know words: the business's hand-off follows.
    declined = bool(reply) and answerable and (not model_answered or answers.declines(
        reply, settings.unknown_reply, settings.dont_know_reply  # the first with the hand-off's promise added
    ))
    if not answerable or declined:
        trace.update(answer=ABSTAINED, chunks=[], **({"declined_by": model} if declined else {}))
        return Answer(ABSTAINED, settings.unknown_reply, settings.handoff_when_unknown, **common)
    trace["chunks"] = [{"source": f.source, "score": round(f.cosine, 4)} for f in retrieval.found]
    if reply:
        trace["answer"] = MODEL
        return Answer(MODEL, reply, False, **common)
    # The customer's own words say what kind of figure they ask for and what size they mean (not the search text
    # with an earlier message).
    picked = sentences.pick(
        sentences.holding_asked_figures_first(scored, retrieval.figures),
        settings.max_reply_chars,
        asks=asked_kinds.asked_kinds(meant),
        sizes=asked_sizes.asked_sizes(meant),
        counts=counts,
    )
    if not picked:  # no sentence fits what was asked: nothing to quote
        trace.update(answer=ABSTAINED, chunks=[])
        return Answer(ABSTAINED, settings.unknown_reply, settings.handoff_when_unknown, **common)
    said = [r.sentence for r in (ordered[:ORDER_ROWS] or tiered)] or [c.text for c in picked]
    trace["answer"] = EXTRACTIVE
    return Answer(EXTRACTIVE, answers.truncate(" ".join(said), settings.max_reply_chars), False, **common)


def _searched(deps: Deps, user_id: uuid.UUID, text: str, search: Search | None) -> Retrieval:
    return search(text) if search is not None else retrieve(deps, user_id, text)


def _in_price_order(
    deps: Deps, user_id: uuid.UUID, retrieval: Retrieval, scored: Sequence[sentences.Scored], order: str
) -> list[price_order.PricedRow]:
    """The rows of the item the best priced table row near the top of the reply's sentences names, from its whole
    table, in the asked price order; empty when no such row leads (the answer is a text sentence, or a row naming
    none of the question's words)."""
    if not scored:
        return []
    terms = price_order.item_terms(retrieval.terms)
    floor = scored[0].score - sentences.SAME_ITEM_WITHIN - sentences.ROW_OVERLAP_SLACK
    for candidate in (s.candidate for s in scored if s.candidate.row and s.score >= floor):
        passage = retrieval.found[candidate.passage]
        table = passage.metadata.get("kind") == "table"
        columns = tuple(str(c) for c in passage.metadata.get("columns") or ())
        if table:
            rows = price_order.table_rows(passage.content.split("\n"), columns, terms)
        else:  # a Markdown table inside a text: its passage's rows
            rows = price_order.markdown_rows(passage.content, terms)
        lead = next((row for row in rows if row.sentence == candidate.text), None)
        if lead is None:
            continue
        if table:  # a spreadsheet's or CSV's rows: the whole table is read, not only the rows found
            rows = _whole_table(deps, user_id, passage, terms)
        return price_order.in_price_order(order, lead, rows)
    return []


def _whole_table(deps: Deps, user_id: uuid.UUID, passage: Found, terms: Sequence[str]) -> list[price_order.PricedRow]:
    """The priced rows of a found row's whole table: a spreadsheet's or CSV's sheet read from the store, a Markdown
    table inside a text its passage's rows."""
    if passage.metadata.get("kind") != "table":
        return price_order.markdown_rows(passage.content, terms)
    columns = tuple(str(c) for c in passage.metadata.get("columns") or ())
    sheet = passage.metadata.get("sheet")
    with deps.tenant_uow(user_id) as uow:
        lines = uow.kb.table_lines(passage.document_id, str(sheet) if sheet else None, ORDER_TABLE_CHUNKS)
    return price_order.table_rows(lines, columns, terms)


def _in_count_tier(
    deps: Deps,
    user_id: uuid.UUID,
    retrieval: Retrieval,
    scored: Sequence[sentences.Scored],
    counts: Sequence[asked_counts.Count],
) -> list[price_order.PricedRow]:
    """The row of the customer's count tier from the whole table of a row near the top whose tier excludes the count
    ("group session, 9 to 15 people: 19.50 per person" for "we're a team of 12", when the search found the "4 to 8
    people" row): the passages hold the rows nearest the question, and an item's tiers differ by their figures alone.
    The best row near the top with a tier of the counted things decides: empty when its tier holds the count
    (`sentences.pick` leads with it), or when no other row of its item's does. Another item's wider band ("whole-centre
    hire, up to 40 people") or a text's ("groups of 4 to 24 people") says nothing of the item's price."""
    if not counts or not scored:
        return []
    floor = scored[0].score - sentences.COUNT_WITHIN - sentences.ROW_OVERLAP_SLACK
    tiers = [s.candidate for s in scored
             if s.score >= floor and s.candidate.row and asked_counts.fits(s.candidate.text, counts) is not None]
    if not tiers or asked_counts.fits(tiers[0].text, counts):  # the best row with a tier of the things decides
        return []
    lead = tiers[0]
    item = asked_counts.tier_free(lead.text)
    table = _whole_table(deps, user_id, retrieval.found[lead.passage], price_order.item_terms(retrieval.terms))
    holding = [row for row in table
               if asked_counts.tier_free(row.sentence) == item and asked_counts.fits(row.sentence, counts)]
    return [max(holding, key=lambda row: asked_counts.tightest(row.sentence, counts))] if holding else []


def _reply_tokens(settings: BotSettings) -> int:
    return max(64, settings.max_reply_chars // 2)


def _prompt(
    settings: BotSettings,
    retrieval: Retrieval,
    history: Sequence[answers.Turn],
    question: str,
    classify: str = "",
    *,
    ordered: Sequence[price_order.PricedRow] = (),
    order: str | None = None,
    tiered: Sequence[price_order.PricedRow] = (),
) -> list[dict]:
    style = answers.ReplyStyle(max_chars=settings.max_reply_chars, language=settings.language, tone=settings.tone)
    passages = [answers.Passage(f.content, f.cosine, f.source) for f in retrieval.found]
    if ordered:  # the asked item's rows from its whole table: the passages hold only the rows nearest the question
        first = "cheapest" if order == price_order.LOWEST else "dearest"
        rows = "\n".join(r.sentence for r in ordered[:ORDER_PROMPT_ROWS])
        passages.append(answers.Passage(f"The asked item's prices, {first} first:\n{rows}", 0.0, "price order"))
    if tiered:  # the row of the customer's count tier, from its whole table (`_in_count_tier`)
        tier = f"The price for the number asked about:\n{tiered[0].sentence}"
        passages.append(answers.Passage(tier, 0.0, "count tier"))
    prompt = answers.compose_prompt(
        system_prompt=settings.system_prompt,
        business=settings.business.model_dump(),
        passages=passages,
        history=history,
        question=question,
        style=style,
        dont_know=settings.unknown_reply,
    )
    if classify:
        prompt[0] = {"role": "system", "content": f"{prompt[0]['content']}\n\n{classify}"}
    return prompt


def ranked_trace(passages: Sequence[Found]) -> list[dict]:
    """Passages in order as the trace (and the evaluation) read them: the reply's, which the decision reads too."""
    return [
        {
            "document": f.filename,
            "location": f.location,
            "score": round(f.cosine, 4),
            "fused": round(f.ranked.fused, 5),
            "vector_rank": f.ranked.vector_rank,
            "keyword_rank": f.ranked.keyword_rank,
        }
        for f in passages
    ]


def lent_coverage(passages: Sequence[Found]) -> list[float]:
    """The share of the question's words each passage lends its sentences (sentences.PASSAGE_COVERAGE_WEIGHT): its
    own, or for a chunk of a table the best of that table's chunks, so that the rows of one table split across chunks
    are weighed against each other (the size, count and same-item windows of sentences.pick) as their own words say."""
    tables = [_table_of(f) for f in passages]
    best: dict[str, float] = {}
    for table, f in zip(tables, passages, strict=True):
        if table is not None:
            best[table] = max(best.get(table, 0.0), f.coverage)
    return [f.coverage if table is None else best[table] for table, f in zip(tables, passages, strict=True)]


def _scored_sentences(
    deps: Deps, retrieval: Retrieval
) -> tuple[list[sentences.Scored], dict[str, float], float | None]:
    """Every candidate sentence of the reply's passages scored; each unknown topic word's best cosine to a sentence the
    abstention decision weighs (how far its passages say it in other words); and the best such sentence's cosine to
    the question (None when the passages hold no sentence)."""
    found = sentences.candidates([f.for_sentences() for f in retrieval.found[:SENTENCE_PASSAGES]])
    if not found:
        return [], {}, None
    # The fifth passage's sentences may be the reply, but the abstention decision weighs its first four passages'
    # sentences only, as it was calibrated.
    weighed = [c.scoring_text for c in found if c.passage < SUPPORT_PASSAGES]
    unknown = [t for t in retrieval.unknown if not abstention.untelling(t)]
    heads = abstention.compound_heads(unknown, weighed)
    named = sorted(set(heads.values()))
    # One batch for every candidate and word: a few dozen short texts cost about one chunk's embedding.
    texts = list(dict.fromkeys(c.scoring_text for c in found))
    vectors = np.asarray(deps.embedder.embed(texts + unknown + named), dtype=np.float32)
    text_vectors, words, head_vectors = np.split(vectors, [len(texts), len(texts) + len(unknown)])
    similarities = text_vectors @ np.asarray(retrieval.vector, dtype=np.float32)
    at = {text: i for i, text in enumerate(texts)}
    weighed_vectors = text_vectors[[at[t] for t in weighed]]
    relatedness = {
        t: float(row.max()) if weighed else 0.0 for t, row in zip(unknown, words @ weighed_vectors.T, strict=True)
    }
    for word, head in heads.items():  # a kind of what the sentences name: near them, and still not said by them
        if float(words[unknown.index(word)] @ head_vectors[named.index(head)]) >= abstention.HEAD_MEANING:
            relatedness[word] = 0.0
    scored = sentences.score(
        retrieval.terms,
        found,
        [float(similarities[at[c.scoring_text]]) for c in found],
        retrieval.weights,
        retrieval.figures,
        passage_coverage=lent_coverage(retrieval.found[:SENTENCE_PASSAGES]),
    )
    best = max((float(similarities[at[t]]) for t in weighed), default=0.0)
    return scored, relatedness, best


def _support(
    retrieval: Retrieval,
    best_sentence: float | None,  # the best cosine of a sentence of the first four passages
    relatedness: dict[str, float],
    vocabulary: Collection[str],  # whole common words; every unknown word outside them counts as rare
    *,
    everyday: Collection[str],  # the commonest of them; outside what the question asks for they count less
    question: str = "",  # the customer's own words, for the variant they name (not the search text with history)
) -> abstention.Support | None:
    if best_sentence is None:
        return None
    basis = retrieval.found
    covers = max((f.coverage for f in basis[:COVERAGE_PASSAGES]), default=0.0)  # computed once, by `retrieve`
    top = basis[0].ranked
    # With a store ranking by vector only the agreement of two lists cannot be observed (None), which differs from
    # a keyword list that holds none of the top passages (False).
    agreement = None if retrieval.one_list else (
        top.vector_rank is not None and top.vector_rank <= 3 and top.keyword_rank is not None and top.keyword_rank <= 3
    )
    owners = abstention.possessors(question)
    passages = [f.content for f in basis]
    # a role the business never speaks of playing counts as a rare word does
    rare = abstention.rare_words(retrieval.unknown, vocabulary, owners) | abstention.unplayed_roles(
        question, retrieval.unknown, passages
    )
    asked = abstention.asked_for(question)
    aside = abstention.aside_words(question, retrieval.unknown, everyday, owners, asked)
    ignore = (
        abstention.UNTELLING_WORDS
        | abstention.number_endings(question)
        | degree_words.degree_words(question, vocabulary)
        | abstention.customers_people(question)
    )
    context = abstention.context_words(question, rare, asked)
    # the customer's story: known words still weigh in the total, unknown ones are excused
    story = customer_context.story(question, rare)
    unknown = abstention.unknown_share(
        retrieval.weights,
        [t for t in retrieval.unknown if t not in story],
        relatedness,
        ignore,
        rare,
        aside=aside,
        context=context,
        asked=asked,
    )
    variant = variants.missing_variant(question, passages) or row_variants.missing_row_variant(question, passages)
    unoffered = abstention.unoffered(question, passages, retrieval.unknown)
    # (retrieval.figures holds the figure words a passage the reply reads holds the figure of)
    held = [w for w in named_figures.asked_by_phrase(question) if w in retrieval.figures]
    apart = asked_phrases.held_apart(question, passages, asked)
    return abstention.Support(best_sentence, covers, agreement, unknown, variant, unoffered, ", ".join(held), apart)
