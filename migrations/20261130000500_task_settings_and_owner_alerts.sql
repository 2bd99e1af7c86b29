-- Tasks handed to n8n: per-business task settings travel with each task, the time n8n
-- acknowledged a task (the callback deadline counts from there), and owner alerts.

-- What a business's workflows need (order endpoint, owner email, calendar mode, sender, the
-- email sent to customers). Sent in the signed task body, so one n8n serves many businesses.
alter table public.bot_config
    add column task_settings jsonb not null default '{}'::jsonb check (jsonb_typeof(task_settings) = 'object');

alter table public.tasks add column dispatched_at timestamptz;
create index tasks_open_idx on public.tasks (status, updated_at) where status in ('pending', 'dispatched');

-- Something the owner must act on (a task that failed, a customer asking for a person): shown
-- as a dashboard banner until dismissed, sent to the owner's WhatsApp and, with SMTP, by email.
-- Alerts hold no customer words (those stay sealed in chat logs and task payloads).
create table public.owner_alerts (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    alert_key text not null check (length(alert_key) between 1 and 200),
    kind text not null check (kind in ('task_failed', 'handoff')),
    title text not null check (length(title) between 1 and 300),
    detail text not null default '' check (length(detail) <= 2000),
    task_id uuid,
    chat_id text,
    created_at timestamptz not null default now(),
    dismissed_at timestamptz,
    emailed_at timestamptz,
    email_error text,
    unique (user_id, alert_key)
);
create index owner_alerts_open_idx on public.owner_alerts (user_id, created_at desc) where dismissed_at is null;

alter table public.owner_alerts enable row level security;
alter table public.owner_alerts force row level security;
revoke all on public.owner_alerts from anon, authenticated, public;
grant all on public.owner_alerts to service_role;
grant select, insert, update, delete on public.owner_alerts to authenticated;

create policy owner_alerts_owner_select on public.owner_alerts for select to authenticated
    using (user_id = (select auth.uid()));
create policy owner_alerts_owner_insert on public.owner_alerts for insert to authenticated
    with check (user_id = (select auth.uid()));
create policy owner_alerts_owner_update on public.owner_alerts for update to authenticated
    using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy owner_alerts_owner_delete on public.owner_alerts for delete to authenticated
    using (user_id = (select auth.uid()));
