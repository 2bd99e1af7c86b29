-- Private buckets for uploaded documents and WhatsApp media. Object names are
-- `<user_id>/<...>`: a tenant reads and writes only under its own prefix.

insert into storage.buckets (id, name, public, file_size_limit)
values ('knowledge-base', 'knowledge-base', false, 52428800),
       ('media', 'media', false, 67108864)
on conflict (id) do nothing;

do $$
declare
  op text;
  owner_prefix constant text :=
    'bucket_id in (''knowledge-base'', ''media'') and (storage.foldername(name))[1] = (select auth.uid())::text';
begin
  foreach op in array array['select', 'insert', 'update', 'delete']
  loop
    if op = 'insert' then
      execute format('create policy %I on storage.objects for insert to authenticated with check (%s)',
                     'salesboy_objects_owner_insert', owner_prefix);
    elsif op = 'update' then
      execute format('create policy %I on storage.objects for update to authenticated using (%s) with check (%s)',
                     'salesboy_objects_owner_update', owner_prefix, owner_prefix);
    else
      execute format('create policy %I on storage.objects for %s to authenticated using (%s)',
                     'salesboy_objects_owner_' || op, op, owner_prefix);
    end if;
  end loop;
end
$$;

create policy salesboy_buckets_read on storage.buckets for select to authenticated
    using (id in ('knowledge-base', 'media'));
