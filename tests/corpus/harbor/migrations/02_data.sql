-- harbor: organizations, step 2/3 (data). Every profile already has the default organization (the
-- column default); roles come from the old role and the sponsorships; relationships become coach
-- assignments; seat counters are computed.
begin;

update public.profiles p
   set roles = coalesce(nullif(array_remove(array[
         case when p.role = 'admin' then 'admin' end,
         case when p.role = 'sponsor' or f.sponsors then 'coach' end,
         case when p.role = 'user' or f.practises then 'practitioner' end], null), '{}'), array['practitioner'])
  from (select q.id,
               exists (select 1 from public.sponsor_relationships r where r.sponsor_id = q.id)
               or exists (select 1 from public.sponsor_connections c where c.sponsor_user_id = q.id) as sponsors,
               exists (select 1 from public.sponsor_relationships r where r.practitioner_id = q.id)
               or exists (select 1 from public.sponsor_connections c where c.practitioner_user_id = q.id) as practises
          from public.profiles q) f
 where f.id = p.id;

insert into public.practitioner_assignments
       (organization_id, practitioner_id, supervisor_id, supervisor_role, active, assigned_at)
select p.organization_id, r.practitioner_id, r.sponsor_id, 'coach', r.status = 'active', r.created_at
  from public.sponsor_relationships r
  join public.profiles p on p.id = r.practitioner_id
 where r.sponsor_id is not null
on conflict do nothing;

insert into public.practitioner_assignments
       (organization_id, practitioner_id, supervisor_id, supervisor_role, active, assigned_at)
select p.organization_id, c.practitioner_user_id, c.sponsor_user_id, 'coach', true, c.created_at
  from public.sponsor_connections c
  join public.profiles p on p.id = c.practitioner_user_id
 where c.status = 'active'
   and not exists (select 1 from public.sponsor_relationships r
                    where r.practitioner_id = c.practitioner_user_id and r.sponsor_id = c.sponsor_user_id)
on conflict do nothing;

update public.organizations o
   set active_user_count = coalesce((select count(*) from public.profiles p
                                      where p.organization_id = o.id and p.is_active), 0);

commit;
