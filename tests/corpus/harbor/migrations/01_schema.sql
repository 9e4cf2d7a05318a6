-- harbor: organizations, step 1/3 (schema). Safe to run twice.
begin;

create table if not exists public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null constraint uq_org_slug unique constraint chk_org_slug check (slug ~ '^[a-z0-9-]{3,50}$'),
  primary_color text,
  secondary_color text,
  subscription_tier text not null default 'free',
  subscription_status text not null default 'active',
  max_users int not null default 40,
  active_user_count int not null default 0 constraint chk_org_count check (active_user_count >= 0),
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The catch-all for individual sign-ups: seats are checked by the application, never hit here.
insert into public.organizations (name, slug, subscription_tier, max_users, settings)
values ('Individual Users', 'individual-users', 'individual', 100000000, '{"default": true}')
on conflict (slug) do nothing;

create or replace function public.default_org() returns uuid
  language sql stable security definer set search_path = ''
as $$ select o.id from public.organizations o where o.slug = 'individual-users' $$;

alter table public.profiles
  add column if not exists organization_id uuid not null default public.default_org()
    constraint fk_profiles_org references public.organizations (id),
  add column if not exists roles text[] not null default array['practitioner']
    constraint chk_profiles_roles check (array_length(roles, 1) > 0
                                         and roles <@ array['admin', 'coach', 'therapist', 'practitioner']),
  add column if not exists is_active boolean not null default true,
  add column if not exists archived_at timestamptz,
  add column if not exists archived_by uuid constraint fk_profiles_archived_by references public.profiles (id),
  add column if not exists last_activity timestamptz,
  add column if not exists current_virtue_id bigint constraint fk_profiles_virtue references public.virtues (id),
  add column if not exists current_stage int constraint chk_profiles_stage check (current_stage between 1 and 3),
  add column if not exists updated_at timestamptz not null default now();

create table if not exists public.practitioner_assignments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null constraint fk_pa_org references public.organizations (id) on delete cascade,
  practitioner_id uuid not null constraint fk_pa_practitioner references public.profiles (id) on delete cascade,
  supervisor_id uuid not null constraint fk_pa_supervisor references public.profiles (id) on delete cascade,
  supervisor_role text not null constraint chk_pa_role check (supervisor_role in ('coach', 'therapist')),
  active boolean not null default true,
  assigned_at timestamptz not null default now(),
  assigned_by uuid constraint fk_pa_assigned_by references public.profiles (id) on delete set null,
  constraint chk_pa_not_self check (practitioner_id <> supervisor_id),
  constraint uq_pa unique (practitioner_id, supervisor_id, supervisor_role, organization_id)
);

create table if not exists public.organization_invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null constraint fk_oi_org references public.organizations (id) on delete cascade,
  email text not null,
  roles text[] not null default array['practitioner'],
  invited_by uuid constraint fk_oi_invited_by references public.profiles (id) on delete set null,
  token uuid not null default gen_random_uuid() constraint uq_oi_token unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz
);

create or replace function public.current_org() returns uuid
  language sql stable security definer set search_path = ''
as $$ select p.organization_id from public.profiles p where p.id = auth.uid() and p.is_active $$;

create or replace function public.is_org_admin(org uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.profiles p
                  where p.id = auth.uid() and p.organization_id = org and p.is_active and 'admin' = any (p.roles))
$$;

alter table public.organizations enable row level security;
alter table public.practitioner_assignments enable row level security;
alter table public.organization_invitations enable row level security;

drop policy if exists "Enable read access for members" on public.organizations;
create policy "Enable read access for members" on public.organizations
  for select to authenticated using (id = (select public.current_org()));
drop policy if exists "Enable update for organization admins" on public.organizations;
create policy "Enable update for organization admins" on public.organizations
  for update to authenticated using ((select public.is_org_admin(id))) with check ((select public.is_org_admin(id)));
drop policy if exists "Enable read access for both ends" on public.practitioner_assignments;
create policy "Enable read access for both ends" on public.practitioner_assignments
  for select to authenticated using ((select auth.uid()) in (practitioner_id, supervisor_id));
drop policy if exists "Enable all for organization admins" on public.practitioner_assignments;
create policy "Enable all for organization admins" on public.practitioner_assignments
  for all to authenticated using ((select public.is_org_admin(organization_id)))
  with check ((select public.is_org_admin(organization_id)));
drop policy if exists "Enable all for organization admins" on public.organization_invitations;
create policy "Enable all for organization admins" on public.organization_invitations
  for all to authenticated using ((select public.is_org_admin(organization_id)))
  with check ((select public.is_org_admin(organization_id)));

revoke all on public.organizations, public.practitioner_assignments, public.organization_invitations from anon;
grant select, insert, update, delete
  on public.organizations, public.practitioner_assignments, public.organization_invitations to authenticated;
grant all on public.organizations, public.practitioner_assignments, public.organization_invitations to service_role;

commit;
