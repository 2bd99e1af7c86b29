-- Full-text search beside the vector index, for hybrid retrieval (services/vectors.py).
--
-- The 'simple' configuration lowercases and splits words without stemming or stop words: it works
-- the same for every language a business writes in (English, German, Yoruba, Pidgin...), where a
-- language's configuration would mangle the others. Questions reach it as an OR of word prefixes
-- (pipelines/retrieval.py), which stands in for stemming.
--
-- A generated column is computed for every existing row when this migration runs, so documents
-- indexed before it are searchable at once, with no re-embedding. kb_chunks keeps its row level
-- security (owner policies on user_id): the column and index add no new access path.
alter table public.kb_chunks
    add column fts tsvector generated always as (to_tsvector('simple'::regconfig, content)) stored;

create index kb_chunks_fts_idx on public.kb_chunks using gin (fts);
