-- Account emails waiting to be sent (password resets, sign-ups). The request page
-- stores one row whatever the email is, known or not, and queues a job with the row's
-- id: the page costs the same either way and tells no one who has an account. The
-- worker looks the email up, sends what fits, and deletes the row (a sign-up row waits
-- for its confirmation link instead). Email addresses stay here, never in the queue.
--
-- No tenant owns these rows (there may be no account yet): only the service role reads them.

create table public.account_email_requests (
    id uuid primary key default gen_random_uuid(),
    purpose text not null check (purpose in ('password_reset', 'sign_up')),
    email text not null check (length(email) <= 320),
    -- sign_up only: the chosen password, already bcrypt-hashed, and the business name.
    password_hash text,
    display_name text check (length(display_name) <= 200),
    created_at timestamptz not null default now(),
    sent_at timestamptz
);

create index account_email_requests_email_idx on public.account_email_requests (lower(email));
create index account_email_requests_created_idx on public.account_email_requests (created_at);

alter table public.account_email_requests enable row level security;
alter table public.account_email_requests force row level security;
revoke all on public.account_email_requests from anon, authenticated, public;
grant all on public.account_email_requests to service_role;
