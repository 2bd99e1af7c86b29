-- A passage holding a postcode or a phone number is found by the words that ask for one.
--
-- "whats your eircode for the sat nav": a business's documents write "22 Bridge Street, Westport, F28 X2K7" and
-- "call 098 27 415", seldom the words "eircode", "postcode" or "ring". Searched by words, such a question finds
-- no passage, and its words count as ones no document uses (the abstention decision). The full-text column now
-- also holds, for a chunk whose content holds such a figure, the words that ask for it; pipelines/named_figures.py
-- reads the same figures on the Python side (its FIGURE_WORDS and patterns; keep the two in step).
--
-- Only words that ask for nothing else are added: not "phone" or "mobile" (a phone shop sells them), not "ring"
-- (a jeweller's), not "zip"
-- (zip ties), not "sat" (Saturday). The column is generated, so dropping and adding it recomputes every existing
-- row when this migration runs: documents indexed before it gain the words with no re-embedding. kb_chunks keeps
-- its row level security; the column and index add no new access path.
drop index if exists public.kb_chunks_fts_idx;
alter table public.kb_chunks drop column fts;
alter table public.kb_chunks
    add column fts tsvector generated always as (
        to_tsvector(
            'simple'::regconfig,
            content
            || case
                when content ~ '\m[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\M'
                    or content ~ '\m[AC-FHKNPRTV-Y][0-9][0-9W] ?[0-9AC-FHKNPRTV-Y]{4}\M'
                    or content ~ '\m[A-Z]{2} [0-9]{5}(-[0-9]{4})?\M'
                    or content ~ '\m[[:alpha:]]{3,} [0-9]{1,4}[a-z]?, *([A-Z]-)?[0-9]{4,5} +[[:upper:]][[:lower:]]+'
                then ' postcode eircode zipcode postal satnav nav gps navigation'
                else ''
            end
            || case
                when content ~ '(^|[^[:alnum:]_.,])(?=[0-9 ()+-]{9,})(\+[0-9]{1,3}[ -]?[0-9]{2,5}|\(?0[0-9]{1,4}\)?)([ -][0-9]{2,5}){1,3}'
                then ' telephone tel landline'
                else ''
            end
        )
    ) stored;

create index kb_chunks_fts_idx on public.kb_chunks using gin (fts);
