-- harbor: roll the organizations migration back, all or nothing.
begin;
drop table if exists public.organization_invitations;
drop table if exists public.practitioner_assignments;
alter table public.profiles
  drop column if exists organization_id,
  drop column if exists roles,
  drop column if exists is_active,
  drop column if exists archived_at,
  drop column if exists archived_by,
  drop column if exists last_activity,
  drop column if exists current_virtue_id,
  drop column if exists current_stage,
  drop column if exists updated_at;
drop table if exists public.organizations;
drop function if exists public.is_org_admin(uuid);
drop function if exists public.current_org();
drop function if exists public.default_org();
commit;
