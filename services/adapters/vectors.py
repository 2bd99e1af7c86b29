"""pgvector store: vectors live in kb_chunks beside their text, searched with HNSW, and the same
query searches the text (the generated `fts` column, GIN-indexed) for hybrid retrieval.

Every call runs in the tenant's unit of work, so RLS scopes it, and every query
also filters on user_id explicitly so the planner can use the tenant index.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import numpy as np

from pipelines.retrieval import stems, tsquery
from schemas.pipelines import DOCUMENT_SEARCHABLE
from services.adapters.ports import ChunksGoneError, TermCounts, VectorHit, VectorItem
from services.core.errors import PermanentError
from services.repositories.db import UnitOfWork
from services.repositories.kb_repository import HydratedChunk
from services.repositories.rows import one_row

PGVECTOR_DIMENSIONS = 384  # kb_chunks.embedding is vector(384)
# A business with fewer chunks than this is searched exactly, with a plan made once per connection: planning the
# statement (~1 ms) costs more than running it over a small business's rows. A larger one is planned on every call,
# so that the plan made for its own size walks the HNSW index.
EXACT_SEARCH_CHUNKS = 1000
_SIZES_KEPT = 10_000


def query_vector(vector: list[float]) -> np.ndarray:
    return np.asarray(vector, dtype=np.float32)


class PgVectorStore:
    def __init__(self, tenant_uow: Callable[..., UnitOfWork], *, ef_search: int = 100) -> None:
        self._tenant_uow = tenant_uow
        self._ef_search = ef_search
        # Each business's chunk count as its last search read it (the statement counts them for the words'
        # rarity): how its next search is planned. Unknown until then, so its first is planned for its size.
        self._sizes: dict[uuid.UUID, int] = {}
        self._sizes_lock = threading.Lock()  # searches run on several threads (one beside each verdict)

    def exact(self, user_id: uuid.UUID) -> bool:
        """Whether this business's next search runs exactly over its rows, with a plan kept per connection."""
        size = self._sizes.get(user_id)
        return size is not None and size < EXACT_SEARCH_CHUNKS

    def _note_size(self, user_id: uuid.UUID, size: int) -> None:
        with self._sizes_lock:
            if user_id not in self._sizes and len(self._sizes) >= _SIZES_KEPT:
                self._sizes.pop(next(iter(self._sizes)))
            self._sizes[user_id] = size

    def upsert(self, user_id: uuid.UUID, items: list[VectorItem]) -> None:
        if not items:
            return
        wrong = {len(i.vector) for i in items} - {PGVECTOR_DIMENSIONS}
        if wrong:
            raise PermanentError(
                f"the pgvector index holds {PGVECTOR_DIMENSIONS}-dimension vectors; this model makes "
                f"{sorted(wrong)[0]}: use a {PGVECTOR_DIMENSIONS}-dimension model or the Pinecone backend"
            )
        rows = [(np.asarray(i.vector, dtype=np.float32), i.model, i.chunk_id, user_id) for i in items]
        with self._tenant_uow(user_id) as uow, uow.conn.cursor() as cur:
            cur.executemany(
                "update public.kb_chunks set embedding = %s, embedding_model = %s, indexed_at = now() "
                "where id = %s and user_id = %s",
                rows,
            )
            if cur.rowcount != len(rows):
                raise ChunksGoneError(f"{len(rows) - cur.rowcount} of {len(rows)} chunks to index no longer exist")

    def query(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None = None, terms: list[str] | None = None,
    ) -> list[VectorHit]:
        """The k nearest chunks and, with `terms`, the k best full-text matches, in one round trip."""
        return self._search(user_id, vector, k, model=model, document_ids=document_ids, terms=terms)[0]

    def query_counting_terms(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None = None, terms: list[str],
    ) -> tuple[list[VectorHit], TermCounts | None]:
        """`query`, with the counts its keyword ranking weighed the terms by (see the weights below)."""
        return self._search(user_id, vector, k, model=model, document_ids=document_ids, terms=terms)

    def _search(
        self, user_id: uuid.UUID, vector: list[float], k: int, *, model: str,
        document_ids: list[uuid.UUID] | None, terms: list[str] | None,
    ) -> tuple[list[VectorHit], TermCounts | None]:
        # Two fixed statements rather than one with "param is null or ...": a cached
        # generic plan of the latter can miss the HNSW index.
        documents = "and document_id = any(%(docs)s)" if document_ids else ""
        chunk_documents = "and c.document_id = any(%(docs)s)" if document_ids else ""
        # A document still being embedded is not searched half-done (schemas.pipelines.DOCUMENT_SEARCHABLE).
        # An array (computed once) rather than a join keeps the HNSW scan a plain filtered scan.
        ready = ("and document_id = any(array(select id from public.knowledge_base "
                 "where user_id = %(user)s and status = any(%(searchable)s)))")
        # Words weigh by rarity (pipelines.retrieval.rarity, computed here from the GIN index): a match
        # on "fitting" counts for more than one on "bike", which every chunk of a bike shop holds.
        # Chunks holding the same words tie; the one nearer the question in meaning goes first, so the
        # order does not depend on chunk ids (which differ from one upload to the next). The sum is rounded
        # because a float sum's last bit depends on the order the join yields the words in, which would
        # break such a tie by chance.
        keyword = (f"""select id, row_number() over (order by text_rank desc, distance, id) as rank
                         from (select c.id, round(sum(w.weight)::numeric, 9) as text_rank,
                                      min(c.embedding <=> %(q)s) as distance
                                 from public.kb_chunks c
                                 join weights w on c.fts @@ w.query
                                where c.user_id = %(user)s and c.embedding_model = %(model)s
                                  and c.embedding is not null {chunk_documents} {ready}
                                  and c.fts @@ to_tsquery('simple', %(terms)s)
                                group by c.id
                                order by text_rank desc, distance, c.id
                                limit %(k)s) matched"""
                   if terms else "select null::text as id, null::bigint as rank where false")
        # The counts behind the weights go back with the rows (every row carries them), so the caller
        # needs no statement of its own for the words' rarity.
        weights = ("""select s.stem, q.query, count(c.id) as containing, indexed.n as total,
                             ln((indexed.n + 1)::float / (count(c.id) + 1)) + 1 as weight
                        from unnest(%(stems)s::text[]) as s(stem)
                        cross join lateral (select to_tsquery('simple', s.stem) as query) q
                        cross join (select count(*) as n from public.kb_chunks
                                     where user_id = %(user)s and embedding_model = %(model)s) indexed
                        left join public.kb_chunks c on c.user_id = %(user)s and c.embedding_model = %(model)s
                                                    and c.fts @@ q.query
                       group by s.stem, q.query, indexed.n"""
                   if terms else "select null::text as stem, null::tsquery as query, null::bigint as containing, "
                                 "null::bigint as total, null::float as weight where false")
        exact = self.exact(user_id)
        # A small business: "+ 0" keeps the HNSW index out of its plan (whose order it would match), so the plan,
        # made once and kept as the connection's prepared statement, reads the business's rows by its user_id
        # index and sorts them by distance, whatever the table's other businesses hold. A generic plan that may
        # use the index would be Postgres's guess for an average business (measured: an exact scan for a large
        # one, twice as slow as its own plan; see tests/bench/README.md).
        order = "(embedding <=> %(q)s) + 0" if exact else "embedding <=> %(q)s"
        # Iterative scans keep walking the HNSW graph until k rows pass the
        # tenant filter; without them a small tenant in a big index gets < k.
        settings = {"hnsw.iterative_scan": "relaxed_order", "hnsw.ef_search": str(self._ef_search),
                    "plan_cache_mode": "force_generic_plan" if exact else "force_custom_plan"}
        with self._tenant_uow(user_id, settings=settings) as uow:
            rows = uow.conn.execute(
                f"""with weights as ({weights}),
                    semantic as (
                      select id, row_number() over (order by distance) as rank
                        from (select id, embedding <=> %(q)s as distance
                                from public.kb_chunks
                               where user_id = %(user)s and embedding_model = %(model)s {documents} {ready}
                               order by {order}
                               limit %(k)s) nearest),
                    keyword as ({keyword})
                    select c.id, c.embedding <=> %(q)s, semantic.rank, keyword.rank,
                           c.document_id, c.content, c.metadata, d.filename,
                           (select min(total) from weights), (select json_object_agg(stem, containing) from weights)
                      from semantic full outer join keyword on keyword.id = semantic.id
                      join public.kb_chunks c on c.id = coalesce(semantic.id, keyword.id) and c.user_id = %(user)s
                      join public.knowledge_base d on d.id = c.document_id
                     order by semantic.rank nulls last, keyword.rank""",
                {"q": query_vector(vector), "user": user_id, "model": model, "docs": document_ids, "k": k,
                 "searchable": list(DOCUMENT_SEARCHABLE),
                 "terms": tsquery(terms) if terms else None, "stems": sorted(set(stems(terms or [])))},
                prepare=exact or None,
            ).fetchall()
        hits = [VectorHit(chunk_id, 1.0 - float(distance), HydratedChunk(chunk_id, document_id, content, metadata,
                                                                           filename),
                          vector_rank=vector_rank, keyword_rank=keyword_rank)
                for chunk_id, distance, vector_rank, keyword_rank, document_id, content, metadata, filename, *_
                in rows]
        total, containing = rows[0][-2:] if rows and terms else (None, None)
        if total is not None:
            self._note_size(user_id, int(total))
        return hits, (TermCounts(int(total), {stem: int(n) for stem, n in containing.items()})
                      if total is not None and containing is not None else None)

    def delete_document(self, user_id: uuid.UUID, document_id: uuid.UUID) -> None:
        with self._tenant_uow(user_id) as uow:
            uow.conn.execute(
                "update public.kb_chunks set embedding = null, embedding_model = null, indexed_at = null "
                "where user_id = %s and document_id = %s",
                [user_id, document_id],
            )

    def delete_tenant(self, user_id: uuid.UUID) -> None:
        with self._tenant_uow(user_id) as uow:
            uow.conn.execute(
                "update public.kb_chunks set embedding = null, embedding_model = null, indexed_at = null "
                "where user_id = %s",
                [user_id],
            )

    def count(self, user_id: uuid.UUID, document_id: uuid.UUID | None = None) -> int:
        with self._tenant_uow(user_id) as uow:
            return one_row(uow.conn.execute(
                "select count(*) from public.kb_chunks where user_id = %s and embedding is not null "
                "and (%s::uuid is null or document_id = %s)",
                [user_id, document_id, document_id],
            ))[0]
