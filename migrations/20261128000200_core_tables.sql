-- Salesboy's tenant data. Every tenant-owned row carries user_id -> auth.users,
-- so deleting an account deletes everything it owns.

create extension if not exists vector;

create function public.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table public.profiles (
    user_id uuid primary key references auth.users (id) on delete cascade,
    display_name text not null default '' check (length(display_name) <= 200),
    business_name text not null default '' check (length(business_name) <= 200),
    phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    timezone text not null default 'UTC',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table public.bot_config (
    user_id uuid primary key references auth.users (id) on delete cascade,
    enabled boolean not null default true,
    system_prompt text not null default '' check (length(system_prompt) <= 20000),
    models jsonb not null default '[]'::jsonb check (jsonb_typeof(models) = 'array'),
    temperature real not null default 0.2 check (temperature between 0 and 2),
    max_reply_chars integer not null default 1000 check (max_reply_chars between 50 and 4000),
    language text not null default 'auto',
    tone text not null default 'friendly',
    business jsonb not null default '{}'::jsonb check (jsonb_typeof(business) = 'object'),
    dont_know_reply text not null default
        'Sorry, I don''t have that information. Someone from our team will get back to you.',
    whitelist_enabled boolean not null default false,
    owner_pause_minutes integer not null default 30 check (owner_pause_minutes between 0 and 10080),
    debounce_seconds integer not null default 4 check (debounce_seconds between 0 and 120),
    allowed_task_types text[] not null default '{send_email,book_calendar,create_order}',
    n8n_urls jsonb not null default '{}'::jsonb check (jsonb_typeof(n8n_urls) = 'object'),
    intent_examples jsonb not null default '{}'::jsonb check (jsonb_typeof(intent_examples) = 'object'),
    owner_notify_phone text check (owner_notify_phone ~ '^\+[1-9][0-9]{6,14}$'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- A contact may be known by phone (E.164), by WhatsApp LID, or both.
create table public.whitelists (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    lid text check (lid ~ '^[0-9]+@lid$'),
    name text not null default '' check (length(name) <= 200),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (phone is not null or lid is not null)
);
create unique index whitelists_user_phone_key on public.whitelists (user_id, phone) where phone is not null;
create unique index whitelists_user_lid_key on public.whitelists (user_id, lid) where lid is not null;

create table public.group_settings (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    group_id text not null check (group_id ~ '@g\.us$'),
    name text not null default '',
    auto_reply boolean not null default false,
    mention_only boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (user_id, group_id)
);

create table public.knowledge_base (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    filename text not null check (length(filename) between 1 and 255),
    storage_path text not null,
    mime_type text not null,
    size_bytes bigint not null check (size_bytes >= 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    status text not null default 'queued' check (status in
        ('queued', 'extracting', 'chunking', 'embedding', 'indexing', 'ready', 'failed')),
    progress smallint not null default 0 check (progress between 0 and 100),
    chunks_total integer not null default 0,
    chunks_done integer not null default 0,
    error text,
    embedding_model text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (id, user_id)
);
create index knowledge_base_user_status_idx on public.knowledge_base (user_id, status);
-- The same file twice is one document: a re-upload is answered with the existing one.
create unique index knowledge_base_user_sha256_key on public.knowledge_base (user_id, sha256);

-- Chunk id = "<document id>:<ordinal>:<content hash>", so a redelivered upsert never
-- duplicates a chunk, and a document's vectors can be listed by id prefix.
create table public.kb_chunks (
    id text primary key,
    user_id uuid not null references auth.users (id) on delete cascade,
    document_id uuid not null,
    ordinal integer not null check (ordinal >= 0),
    content text not null,
    metadata jsonb not null default '{}'::jsonb,
    -- Set by the pgvector store; stays null when vectors live in Pinecone.
    embedding vector(384),
    embedding_model text,
    indexed_at timestamptz,
    created_at timestamptz not null default now(),
    unique (document_id, ordinal),
    foreign key (document_id, user_id) references public.knowledge_base (id, user_id) on delete cascade
);
create index kb_chunks_user_idx on public.kb_chunks (user_id);
create index kb_chunks_document_idx on public.kb_chunks (document_id, ordinal);
create index kb_chunks_embedding_idx on public.kb_chunks
    using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);

-- Inbound messages: one row per provider message id, the body encrypted.
create table public.inbox (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    provider_message_id text not null,
    chat_id text not null,
    sender_phone text,
    sender_lid text,
    is_group boolean not null default false,
    from_me boolean not null default false,
    body_ciphertext bytea,
    body_nonce bytea,
    body_key_id text,
    media_ref text,
    sent_at timestamptz,
    status text not null default 'received' check (status in
        ('received', 'filtered', 'classified', 'answered', 'ignored', 'handed_off', 'failed')),
    decision_reason text,
    attempts integer not null default 0,
    last_error text,
    trace_id text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (user_id, provider_message_id),
    unique (id, user_id)
);
create index inbox_user_status_idx on public.inbox (user_id, status, updated_at);
create index inbox_user_chat_idx on public.inbox (user_id, chat_id, created_at);

-- Replies to send: the unique reply key makes a redelivered job a no-op.
create table public.outbox (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    reply_key text not null,
    inbox_id uuid,
    chat_id text not null,
    body_ciphertext bytea not null,
    body_nonce bytea not null,
    body_key_id text not null,
    status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts integer not null default 0,
    last_error text,
    provider_message_id text,
    sent_at timestamptz,
    trace_id text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (user_id, reply_key),
    foreign key (inbox_id, user_id) references public.inbox (id, user_id) on delete set null (inbox_id)
);
create index outbox_user_status_idx on public.outbox (user_id, status, updated_at);

create table public.chat_logs (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    chat_id text not null,
    contact_phone text,
    contact_lid text,
    direction text not null check (direction in ('inbound', 'outbound')),
    inbox_id uuid,
    outcome text check (outcome in ('answered', 'ignored', 'handed_off', 'task', 'failed')),
    reason text,
    intent text,
    trace jsonb not null default '{}'::jsonb,
    ciphertext bytea not null,
    nonce bytea not null check (octet_length(nonce) = 12),
    key_id text not null,
    created_at timestamptz not null default now(),
    foreign key (inbox_id, user_id) references public.inbox (id, user_id) on delete set null (inbox_id)
);
create index chat_logs_user_created_idx on public.chat_logs (user_id, created_at desc);
create index chat_logs_user_chat_idx on public.chat_logs (user_id, chat_id, created_at desc);

create table public.sessions (
    user_id uuid primary key references auth.users (id) on delete cascade,
    status text not null default 'STOPPED' check (status in
        ('STOPPED', 'STARTING', 'SCAN_QR_CODE', 'WORKING', 'FAILED', 'LOGGED_OUT')),
    host text,
    phone text,
    last_error text,
    qr_updated_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index sessions_status_idx on public.sessions (status);

create table public.audit_logs (
    id bigint generated always as identity primary key,
    user_id uuid not null references auth.users (id) on delete cascade,
    action text not null check (length(action) between 1 and 100),
    detail jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now()
);
create index audit_logs_user_created_idx on public.audit_logs (user_id, created_at desc);

create table public.tasks (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    inbox_id uuid,
    chat_id text not null,
    task_type text not null check (task_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    payload jsonb not null default '{}'::jsonb,
    status text not null default 'pending' check (status in
        ('pending', 'dispatched', 'succeeded', 'failed')),
    attempts integer not null default 0,
    last_error text,
    result jsonb,
    callbacks jsonb not null default '[]'::jsonb,
    trace_id text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    foreign key (inbox_id, user_id) references public.inbox (id, user_id) on delete set null (inbox_id)
);
create index tasks_user_status_idx on public.tasks (user_id, status, created_at desc);

-- REST credentials: only a SHA-256 of the key is kept; the key is shown once.
create table public.api_keys (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    name text not null check (length(name) between 1 and 100),
    prefix text not null,
    key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    last_used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index api_keys_user_idx on public.api_keys (user_id);

do $$
declare
  t text;
begin
  foreach t in array array['profiles', 'bot_config', 'whitelists', 'group_settings', 'knowledge_base',
                           'inbox', 'outbox', 'sessions', 'tasks', 'api_keys']
  loop
    execute format(
      'create trigger %I before update on public.%I for each row execute function public.set_updated_at()',
      t || '_set_updated_at', t);
  end loop;
end
$$;
