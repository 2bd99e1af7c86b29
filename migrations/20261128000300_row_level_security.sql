-- Row-level security: deny by default, each tenant reaches only rows whose
-- user_id is its own JWT subject. `anon` gets nothing; `service_role` bypasses
-- RLS (bypassrls) and is used only by the explicitly named system unit of work.
--
-- Which operations a tenant may perform on its own rows:
--   audit_logs: select only (rows are written through log_audit_action)
--   chat_logs:  select, insert, delete (a log entry is never edited)
--   the rest:   select, insert, update, delete

grant usage on schema public to authenticated, service_role;
revoke all on schema public from anon;

do $$
declare
  t text;
  op text;
  ops text[];
  tables constant text[] := array['profiles', 'bot_config', 'whitelists', 'group_settings',
      'knowledge_base', 'kb_chunks', 'inbox', 'outbox', 'chat_logs', 'sessions', 'audit_logs',
      'tasks', 'api_keys'];
begin
  foreach t in array tables
  loop
    ops := case t
      when 'audit_logs' then array['select']
      when 'chat_logs' then array['select', 'insert', 'delete']
      else array['select', 'insert', 'update', 'delete']
    end;

    execute format('alter table public.%I enable row level security', t);
    execute format('alter table public.%I force row level security', t);
    execute format('revoke all on public.%I from anon, authenticated, public', t);
    execute format('grant all on public.%I to service_role', t);
    execute format('grant %s on public.%I to authenticated', array_to_string(ops, ', '), t);

    foreach op in array ops
    loop
      if op = 'select' or op = 'delete' then
        execute format(
          'create policy %I on public.%I for %s to authenticated using (user_id = (select auth.uid()))',
          t || '_owner_' || op, t, op);
      elsif op = 'insert' then
        execute format(
          'create policy %I on public.%I for insert to authenticated with check (user_id = (select auth.uid()))',
          t || '_owner_insert', t);
      else
        execute format(
          'create policy %I on public.%I for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()))',
          t || '_owner_update', t);
      end if;
    end loop;
  end loop;
end
$$;

-- Supabase grants every new object to anon by default; Salesboy never wants that.
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on functions from anon;
alter default privileges in schema public revoke all on sequences from anon;
