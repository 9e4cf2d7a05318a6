-- harbor: rollback, as first written: no transaction, organizations dropped before the column that
-- references it. psql stops at that statement; what ran before it stays done.
drop table if exists public.organization_invitations;
drop table if exists public.practitioner_assignments;
drop table if exists public.organizations;
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
drop function if exists public.is_org_admin(uuid);
drop function if exists public.current_org();
drop function if exists public.default_org();
