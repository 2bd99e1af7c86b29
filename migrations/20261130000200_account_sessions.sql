-- Dashboard sign-ins, one row each. The browser's cookie carries a random token;
-- only its SHA-256 is stored, so a copy of this table cannot be replayed as a cookie.
-- A session works while it is not revoked, was seen in the last 7 days, is younger
-- than 30 days, and the password has not changed since it began (the fingerprint
-- of the password hash at sign-in; a change anywhere, even outside the dashboard,
-- ends it).
--
-- Tenants may list their own sessions and revoke them (set revoked_at): nothing else.
-- Sessions are opened and checked by the service role, before the request knows its tenant.

create table public.account_sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users(id) on delete cascade,
    token_hash bytea not null unique check (length(token_hash) = 32),
    password_fingerprint text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    user_agent text not null default '' check (length(user_agent) <= 300),
    -- The client's network, not its address: /24 for IPv4, /48 for IPv6.
    ip text not null default '' check (length(ip) <= 64),
    revoked_at timestamptz
);

create index account_sessions_active_idx on public.account_sessions (user_id, last_seen_at desc)
    where revoked_at is null;

alter table public.account_sessions enable row level security;
alter table public.account_sessions force row level security;
revoke all on public.account_sessions from anon, authenticated, public;
grant all on public.account_sessions to service_role;
grant select on public.account_sessions to authenticated;
grant update (revoked_at) on public.account_sessions to authenticated;

create policy account_sessions_owner_select on public.account_sessions for select to authenticated
    using (user_id = (select auth.uid()));
create policy account_sessions_owner_update on public.account_sessions for update to authenticated
    using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
