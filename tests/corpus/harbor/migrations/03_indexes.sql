-- harbor: organizations, step 3/3 (indexes)
begin;
create index if not exists idx_profiles_organization on public.profiles (organization_id, is_active);
create index if not exists idx_pa_supervisor on public.practitioner_assignments (supervisor_id, active);
create index if not exists idx_pa_organization on public.practitioner_assignments (organization_id);
create index if not exists idx_oi_organization on public.organization_invitations (organization_id);
commit;
