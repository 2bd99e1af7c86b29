-- log_audit_action: the one way audit rows are written. A tenant may only write
-- its own; the service role may write for any tenant.
create function public.log_audit_action(p_user_id uuid, p_action text, p_detail jsonb default '{}'::jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  if p_user_id is null then
    raise exception 'log_audit_action: user_id is required' using errcode = '22004';
  end if;
  if coalesce(auth.role(), '') <> 'service_role' and p_user_id is distinct from auth.uid() then
    raise exception 'log_audit_action: cannot write audit entries for another user'
      using errcode = '42501';
  end if;
  insert into public.audit_logs (user_id, action, detail)
  values (p_user_id, p_action, coalesce(p_detail, '{}'::jsonb))
  returning id into new_id;
  return new_id;
end
$$;

revoke all on function public.log_audit_action(uuid, text, jsonb) from public, anon;
grant execute on function public.log_audit_action(uuid, text, jsonb) to authenticated, service_role;

-- Jobs that could not be processed (invalid payload, retries exhausted) with the
-- reason. Operators read them; tenants never do (no grants to authenticated).
create table public.job_failures (
    id bigint generated always as identity primary key,
    task_name text not null,
    job_id text,
    user_id uuid,
    trace_id text,
    reason text not null,
    payload jsonb not null,
    created_at timestamptz not null default now()
);
alter table public.job_failures enable row level security;
revoke all on public.job_failures from anon, authenticated, public;
grant all on public.job_failures to service_role;
create index job_failures_created_idx on public.job_failures (created_at desc);
