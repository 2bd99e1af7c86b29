-- A business's own LLM provider key. It is sealed like chat bodies (AES-256-GCM with the chat
-- keyring, the key id kept for rotation, associated data binding it to its tenant); only its
-- last characters (`hint`) are ever shown back. It is sent only with the business's own model
-- entries, never with the operator's.
--
-- Model entries no longer name server environment variables: `api_key_env` is removed from every
-- stored entry (a business picks an operator model, or uses its own key from this table).

create table public.provider_keys (
    user_id uuid primary key references auth.users (id) on delete cascade,
    ciphertext bytea not null,
    nonce bytea not null check (length(nonce) = 12),
    key_id text not null check (length(key_id) between 1 and 100),
    hint text not null check (length(hint) between 1 and 8),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create trigger provider_keys_set_updated_at before update on public.provider_keys
    for each row execute function public.set_updated_at();

alter table public.provider_keys enable row level security;
alter table public.provider_keys force row level security;
revoke all on public.provider_keys from anon, authenticated, public;
grant all on public.provider_keys to service_role;
grant select, insert, update, delete on public.provider_keys to authenticated;

create policy provider_keys_owner_select on public.provider_keys for select to authenticated
    using (user_id = (select auth.uid()));
create policy provider_keys_owner_insert on public.provider_keys for insert to authenticated
    with check (user_id = (select auth.uid()));
create policy provider_keys_owner_update on public.provider_keys for update to authenticated
    using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy provider_keys_owner_delete on public.provider_keys for delete to authenticated
    using (user_id = (select auth.uid()));

update public.bot_config
   set models = (select coalesce(jsonb_agg(case when jsonb_typeof(entry) = 'object' then entry - 'api_key_env'
                                                else entry end order by position), '[]'::jsonb)
                   from jsonb_array_elements(models) with ordinality as e(entry, position))
 where exists (select 1 from jsonb_array_elements(models) as e(entry)
                where jsonb_typeof(entry) = 'object' and entry ? 'api_key_env');
