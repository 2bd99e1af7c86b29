-- Conversation state per chat, the per-message trace, and reply preferences.

create table public.chats (
    user_id uuid not null references auth.users (id) on delete cascade,
    chat_id text not null,
    contact_phone text,
    contact_lid text,
    is_group boolean not null default false,
    -- The owner typed on their phone: the bot keeps quiet in this chat until then.
    paused_until timestamptz,
    -- A human took over: the bot keeps quiet until the owner releases the chat.
    handoff_active boolean not null default false,
    handoff_since timestamptz,
    last_inbound_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (user_id, chat_id)
);
create index chats_user_handoff_idx on public.chats (user_id) where handoff_active;
create trigger chats_set_updated_at before update on public.chats
    for each row execute function public.set_updated_at();

alter table public.inbox
    add column mentions_me boolean not null default false,
    add column intent text,
    add column trace jsonb not null default '{}'::jsonb;

alter table public.bot_config
    add column handoff_when_unknown boolean not null default false,
    add column min_relevance real not null default 0.35 check (min_relevance between 0 and 1),
    add column history_turns integer not null default 6 check (history_turns between 0 and 50),
    add column group_mention_only_default boolean not null default true;

alter table public.chats enable row level security;
alter table public.chats force row level security;
revoke all on public.chats from anon, authenticated, public;
grant all on public.chats to service_role;
grant select, insert, update, delete on public.chats to authenticated;
create policy chats_owner_select on public.chats for select to authenticated
    using (user_id = (select auth.uid()));
create policy chats_owner_insert on public.chats for insert to authenticated
    with check (user_id = (select auth.uid()));
create policy chats_owner_update on public.chats for update to authenticated
    using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy chats_owner_delete on public.chats for delete to authenticated
    using (user_id = (select auth.uid()));
