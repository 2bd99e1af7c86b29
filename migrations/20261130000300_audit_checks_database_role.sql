-- log_audit_action decides who may write for whom from the database role the caller's
-- transaction runs as (the `role` setting, which SET ROLE and set_config('role') change and a
-- SECURITY DEFINER function does not), not from the JWT claims, which are only text the
-- caller chose.
create or replace function public.log_audit_action(p_user_id uuid, p_action text, p_detail jsonb default '{}'::jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
  caller_role text := current_setting('role', true);
begin
  if p_user_id is null then
    raise exception 'log_audit_action: user_id is required' using errcode = '22004';
  end if;
  if caller_role = 'service_role' then
    null;
  elsif caller_role = 'authenticated' and p_user_id = auth.uid() then
    null;
  else
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
