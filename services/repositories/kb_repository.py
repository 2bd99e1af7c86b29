"""SQL for knowledge-base documents and their chunks (inside the caller's transaction)."""

from __future__ import annotations

import builtins  # KnowledgeBaseRepository.list shadows `list` in the annotations after it
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from schemas.pipelines import DOCUMENT_IN_PROGRESS, DOCUMENT_SEARCHABLE
from services.repositories.repositories import Repository
from services.repositories.rows import one_row

_DOC_COLUMNS = ("id, user_id, filename, storage_path, mime_type, size_bytes, sha256, status, progress, "
                "chunks_total, chunks_done, error, embedding_model, created_at, updated_at")



@dataclass(frozen=True)
class DocumentRow:
    """One knowledge-base document (`_DOC_COLUMNS`)."""

    id: uuid.UUID
    user_id: uuid.UUID
    filename: str
    storage_path: str
    mime_type: str
    size_bytes: int
    sha256: str
    status: str
    progress: int
    chunks_total: int
    chunks_done: int
    error: str | None
    embedding_model: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class StuckDocument:
    """A document whose ingestion has not moved for a while: the sweeper sends its next job again."""

    id: uuid.UUID
    user_id: uuid.UUID
    status: str


@dataclass(frozen=True)
class OutdatedDocument:
    """A ready document whose vectors another embedding model made."""

    id: uuid.UUID
    user_id: uuid.UUID
    embedding_model: str


@dataclass(frozen=True)
class ChunkRow:
    """A chunk's text, as the embedding step reads it."""

    id: str
    ordinal: int
    content: str


@dataclass(frozen=True)
class PassagePreview:
    """A chunk as the owner sees it beside its document."""

    id: str
    ordinal: int
    content: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class HydratedChunk:
    """A chunk a search found, with the name of its document: what an answer cites."""

    id: str
    document_id: uuid.UUID
    content: str
    metadata: dict[str, Any]
    filename: str


class KnowledgeBaseRepository(Repository):
    def insert(self, *, document_id: uuid.UUID, user_id: uuid.UUID, filename: str, storage_path: str,
               mime_type: str, size_bytes: int, sha256: str) -> DocumentRow:
        return self._records(
            DocumentRow,
            f"""insert into public.knowledge_base (id, user_id, filename, storage_path, mime_type, size_bytes, sha256)
                values (%s, %s, %s, %s, %s, %s, %s) returning {_DOC_COLUMNS}""",
            [document_id, user_id, filename, storage_path, mime_type, size_bytes, sha256],
        )[0]

    def get(self, document_id: uuid.UUID, *, lock: bool = False) -> DocumentRow | None:
        return self._record(
            DocumentRow,
            f"select {_DOC_COLUMNS} from public.knowledge_base where id = %s{' for update' if lock else ''}",
            [document_id],
        )

    def find_by_sha256(self, sha256: str) -> DocumentRow | None:
        return self._record(DocumentRow, f"select {_DOC_COLUMNS} from public.knowledge_base where sha256 = %s",
                            [sha256])

    def list(self) -> list[DocumentRow]:
        return self._records(DocumentRow,
                             f"select {_DOC_COLUMNS} from public.knowledge_base order by created_at desc, id")

    def update(self, document_id: uuid.UUID, **values: object) -> None:
        allowed = {"status", "progress", "chunks_total", "chunks_done", "error", "embedding_model"}
        if not values or set(values) - allowed:
            raise ValueError(f"cannot update {sorted(set(values) - allowed)}")
        assignments = ", ".join(f"{name} = %s" for name in values)
        self.conn.execute(f"update public.knowledge_base set {assignments} where id = %s",
                          [*values.values(), document_id])

    def delete(self, document_id: uuid.UUID) -> bool:
        return self.conn.execute("delete from public.knowledge_base where id = %s", [document_id]).rowcount == 1

    def stuck(self, older_than_seconds: float) -> builtins.list[StuckDocument]:
        return self._records(
            StuckDocument,
            """select id, user_id, status from public.knowledge_base
               where status = any(%s) and updated_at < now() - make_interval(secs => %s)
               order by updated_at limit 500""",
            [list(DOCUMENT_IN_PROGRESS), older_than_seconds],
        )

    def embedded_by_other_model(self, model: str, limit: int) -> builtins.list[OutdatedDocument]:
        """Ready documents whose vectors another embedding model made: searches with `model` no longer see them."""
        return self._records(
            OutdatedDocument,
            """select id, user_id, embedding_model from public.knowledge_base
               where status = 'ready' and embedding_model is not null and embedding_model <> %s
               order by updated_at limit %s for update skip locked""",
            [model, limit],
        )

    # --- chunks ---------------------------------------------------------------------------

    def replace_chunks(self, user_id: uuid.UUID, document_id: uuid.UUID, chunks: builtins.list[dict]) -> int:
        """Make the document's chunks exactly `chunks`; returns how many stale ones went.

        Rows whose id (and so content) is unchanged keep their index state.
        """
        ids = [c["id"] for c in chunks]
        stale = self.conn.execute(
            "delete from public.kb_chunks where document_id = %s and not (id = any(%s))", [document_id, ids]
        ).rowcount
        # One statement over arrays rather than one a chunk: a long document is hundreds of chunks, and each
        # statement costs its own execution on both sides. (COPY is refused on a table under row-level security.)
        self.conn.execute(
            """insert into public.kb_chunks (id, user_id, document_id, ordinal, content, metadata)
               select c.id, %s, %s, c.ordinal, c.content, c.metadata
                 from unnest(%s::text[], %s::int[], %s::text[], %s::jsonb[]) as c(id, ordinal, content, metadata)
               on conflict (id) do nothing""",
            [user_id, document_id, ids, [c["ordinal"] for c in chunks], [c["content"] for c in chunks],
             [Jsonb(c["metadata"]) for c in chunks]],
        )
        return stale

    def unindexed_ordinals(self, document_id: uuid.UUID, model: str, limit: int | None = None) -> builtins.list[int]:
        return [r[0] for r in self.conn.execute(
            """select ordinal from public.kb_chunks where document_id = %s
               and (indexed_at is null or embedding_model is distinct from %s) order by ordinal limit %s""",
            [document_id, model, limit]).fetchall()]

    def clear_index_state(self, document_id: uuid.UUID) -> None:
        self.conn.execute("update public.kb_chunks set indexed_at = null where document_id = %s", [document_id])

    def chunks_between(self, document_id: uuid.UUID, first: int, last: int, *,
                       unindexed_for: str | None = None) -> builtins.list[ChunkRow]:
        """The chunks from ordinal `first` to `last`; with `unindexed_for`, only those not yet indexed by that model."""
        return self._records(
            ChunkRow,
            """select id, ordinal, content from public.kb_chunks
               where document_id = %(doc)s and ordinal between %(first)s and %(last)s
                 and (%(model)s::text is null or indexed_at is null or embedding_model is distinct from %(model)s)
               order by ordinal""",
            {"doc": document_id, "first": first, "last": last, "model": unindexed_for},
        )

    def mark_indexed(self, chunk_ids: builtins.list[str], model: str) -> None:
        # Rows the pgvector store already marked are skipped: rewriting them would
        # add every chunk to the HNSW index a second time.
        self.conn.execute(
            "update public.kb_chunks set indexed_at = now(), embedding_model = %s where id = any(%s) "
            "and (indexed_at is null or embedding_model is distinct from %s)",
            [model, chunk_ids, model],
        )

    def indexed_count(self, document_id: uuid.UUID, model: str) -> int:
        return one_row(self.conn.execute(
            """select count(*) from public.kb_chunks
               where document_id = %s and indexed_at is not null and embedding_model = %s""",
            [document_id, model]))[0]

    def preview(self, document_id: uuid.UUID, limit: int = 5, offset: int = 0) -> builtins.list[PassagePreview]:
        return self._records(
            PassagePreview,
            "select id, ordinal, content, metadata from public.kb_chunks where document_id = %s "
            "order by ordinal limit %s offset %s",
            [document_id, limit, offset],
        )

    def chunk_count(self, document_id: uuid.UUID) -> int:
        return one_row(self.conn.execute("select count(*) from public.kb_chunks where document_id = %s",
                                 [document_id]))[0]

    def term_counts(self, user_id: uuid.UUID, stems: builtins.list[str], model: str) -> tuple[int, builtins.list[int]]:
        """How many indexed chunks there are, and how many contain each stem (a `to_tsquery('simple')`
        text), through the full-text index: what a word's rarity is computed from."""
        row = one_row(self.conn.execute(
            """select (select count(*) from public.kb_chunks where user_id = %(user)s and embedding_model = %(model)s),
                      array(select (select count(*) from public.kb_chunks c
                                     where c.user_id = %(user)s and c.embedding_model = %(model)s
                                       and c.fts @@ to_tsquery('simple', s.stem))
                              from unnest(%(stems)s::text[]) with ordinality as s(stem, n) order by s.n)""",
            {"user": user_id, "model": model, "stems": stems}))
        return row[0], list(row[1])

    def table_lines(self, document_id: uuid.UUID, sheet: str | None, limit: int) -> builtins.list[str]:
        """The lines of a document's table (one sheet of it), in the table's order, from its first `limit` chunks:
        every row of a price list, for a question asking for its cheapest item (pipelines/price_order.py)."""
        found = self.conn.execute(
            """select content from public.kb_chunks
               where document_id = %s and metadata->>'kind' = 'table' and coalesce(metadata->>'sheet', '') = %s
               order by ordinal limit %s""",
            [document_id, sheet or "", limit],
        ).fetchall()
        return [line for (content,) in found for line in content.split("\n")]

    def hydrate(self, chunk_ids: builtins.list[str]) -> dict[str, HydratedChunk]:
        """The text of chunks an index returned, of searchable documents only (`DOCUMENT_SEARCHABLE`):
        a document still being embedded is not answered from (a hosted index cannot filter on that)."""
        found = self._records(
            HydratedChunk,
            """select c.id, c.document_id, c.content, c.metadata, d.filename
               from public.kb_chunks c join public.knowledge_base d on d.id = c.document_id
               where c.id = any(%s) and d.status = any(%s)""",
            [chunk_ids, list(DOCUMENT_SEARCHABLE)],
        )
        return {row.id: row for row in found}
