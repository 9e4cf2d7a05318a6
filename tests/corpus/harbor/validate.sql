\set ON_ERROR_STOP on
-- harbor: validation after the organizations migration. Read-only. Every check runs and prints
-- PASS or FAIL as a notice; any FAIL ends in an exception, so psql exits non-zero.
do $validate$
declare
  c record;
  n bigint;
  failed text[] := '{}';
begin
  if to_regclass('public.organizations') is null or to_regclass('public.practitioner_assignments') is null
     or to_regclass('public.organization_invitations') is null then
    raise exception 'FAIL schema: organizations, practitioner_assignments or organization_invitations missing';
  end if;
  for c in select * from (values
    ('default organization', $q$select 1 - count(*) from public.organizations
                                 where slug = 'individual-users' and name = 'Individual Users'$q$),
    ('every profile in an organization', $q$select count(*) from public.profiles p
        where not exists (select 1 from public.organizations o where o.id = p.organization_id)$q$),
    ('roles allowed and present', $q$select count(*) from public.profiles
        where coalesce(array_length(roles, 1), 0) = 0
           or not roles <@ array['admin', 'coach', 'therapist', 'practitioner']$q$),
    ('admins stay admins', $q$select count(*) from public.profiles where role = 'admin' and not ('admin' = any (roles))$q$),
    ('sponsors are coaches', $q$select count(*) from public.profiles p where not ('coach' = any (p.roles))
        and (p.role = 'sponsor' or p.id in (select sponsor_id from public.sponsor_relationships)
             or p.id in (select sponsor_user_id from public.sponsor_connections))$q$),
    ('one coach assignment per relationship', $q$select count(*) from public.sponsor_relationships r
        where r.sponsor_id is not null
          and (select count(*) from public.practitioner_assignments a where a.practitioner_id = r.practitioner_id
                  and a.supervisor_id = r.sponsor_id and a.supervisor_role = 'coach') <> 1$q$),
    ('assignments match their relationship', $q$select count(*) from public.practitioner_assignments a
        join public.sponsor_relationships r on r.practitioner_id = a.practitioner_id and r.sponsor_id = a.supervisor_id
        where a.supervisor_role = 'coach'
          and (a.assigned_at <> r.created_at or a.active <> (r.status = 'active'))$q$),
    ('every coach assignment has a source', $q$select count(*) from public.practitioner_assignments a
        where a.supervisor_role = 'coach'
          and not exists (select 1 from public.sponsor_relationships r
                           where r.practitioner_id = a.practitioner_id and r.sponsor_id = a.supervisor_id)
          and not exists (select 1 from public.sponsor_connections s where s.practitioner_user_id = a.practitioner_id
                             and s.sponsor_user_id = a.supervisor_id and s.status = 'active')$q$),
    ('assignments in the practitioner''s organization', $q$select count(*) from public.practitioner_assignments a
        left join public.profiles p on p.id = a.practitioner_id
        where p.id is null or p.organization_id <> a.organization_id
           or not exists (select 1 from public.organizations o where o.id = a.organization_id)$q$),
    ('active links on the coach dashboard', $q$select count(*) from public.sponsor_connections s
        where s.status = 'active' and not exists (select 1 from public.practitioner_assignments a
          where a.practitioner_id = s.practitioner_user_id and a.supervisor_id = s.sponsor_user_id
            and a.supervisor_role = 'coach' and a.active)$q$),
    ('seat counters right and within limits', $q$select count(*) from public.organizations o
        where o.active_user_count > o.max_users
           or o.active_user_count <> (select count(*) from public.profiles p
                                       where p.organization_id = o.id and p.is_active)$q$),
    ('new tables behind row level security', $q$select count(*) from pg_catalog.pg_class
        where oid in ('public.organizations'::regclass, 'public.practitioner_assignments'::regclass,
                      'public.organization_invitations'::regclass) and not relrowsecurity$q$),
    ('signed-in users keep their privileges', $q$select count(*) from pg_catalog.pg_class c
        cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p(privilege)
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
          and not has_table_privilege('authenticated', c.oid, p.privilege)$q$),
    ('indexes valid', $q$select count(*) from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indexrelid
        where c.relnamespace = 'public'::regnamespace and not i.indisvalid$q$),
    ('constraints validated', $q$select count(*) from pg_catalog.pg_constraint
        where connamespace = 'public'::regnamespace and not convalidated$q$)
  ) as checks(name, query) loop
    execute c.query into n;
    if n = 0 then
      raise notice 'PASS %', c.name;
    else
      raise notice 'FAIL %: %', c.name, n;
      failed := failed || c.name::text;
    end if;
  end loop;
  if cardinality(failed) > 0 then
    raise exception 'validation failed: %', array_to_string(failed, '; ');
  end if;
end
$validate$;
