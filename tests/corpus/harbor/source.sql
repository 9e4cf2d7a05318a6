-- Harbor: another team's Supabase project, in their style: lower case, text columns with CHECK lists
-- instead of enums, chk_/idx_ names, bigserial ids, policy names Supabase's dashboard suggests, stricter
-- NOT NULLs (some without a default), a virtues.slug with a pattern CHECK, extra tables (user_settings,
-- journal_tags, feature_flags_local with RLS off), no virtues.author_description, no sponsor chat. It is
-- exported the way `supabase db dump` exports it: the public schema only, so Supabase's auth comes from
-- the suite's prelude when it is loaded (tests/corpus/build.py).
-- Run after deploygates/sql/prelude/roles.sql and supabase_auth.sql (the platform Supabase provisions).

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  role text not null default 'user' constraint chk_profiles_role check (role in ('user', 'admin', 'sponsor')),
  full_name text not null default '',
  phone_number text,
  created_at timestamptz not null default now(),
  has_completed_first_assessment boolean not null default false,
  marketing_opt_in boolean not null
);

create table public.virtues (
  id bigserial primary key,
  slug text not null constraint uq_virtues_slug unique constraint chk_virtues_slug check (slug ~ '^[a-z-]+$'),
  name text not null unique,
  description text,
  short_description text,
  created_at timestamptz not null default now()
);

create table public.virtue_stages (
  id bigserial primary key,
  virtue_id bigint not null references public.virtues (id) on delete cascade,
  stage_number int not null constraint chk_stage_number check (stage_number >= 1 and stage_number <= 3),
  title text not null,
  description text,
  created_at timestamptz not null default now(),
  constraint uq_virtue_stage unique (virtue_id, stage_number)
);

create table public.stage_prompts (
  id bigserial primary key,
  stage_id bigint not null references public.virtue_stages (id) on delete cascade,
  prompt_text text not null,
  prompt_type text not null default 'reflection' constraint chk_prompt_type
    check (prompt_type in ('reflection', 'action', 'meditation')),
  sort_order int not null default 0,
  created_at timestamptz not null default now()
);

create table public.user_virtue_stage_progress (
  id bigserial primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  virtue_id bigint not null references public.virtues (id) on delete cascade,
  stage_number smallint not null constraint chk_progress_stage check (stage_number between 1 and 3),
  status text not null default 'not_started'
    constraint chk_progress_status check (status in ('not_started', 'in_progress', 'completed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint uq_progress unique (user_id, virtue_id, stage_number)
);
create index idx_progress_virtue on public.user_virtue_stage_progress (virtue_id);

create table public.user_active_virtue (
  id bigserial primary key,
  user_id uuid not null constraint uq_active_virtue_user unique references auth.users (id) on delete cascade,
  virtue_id bigint not null references public.virtues (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.journal_entries (
  id bigserial primary key,
  created_at timestamptz not null default now(),
  user_id uuid not null references auth.users (id) on delete cascade,
  entry_text text
);
create index idx_journal_user on public.journal_entries (user_id, created_at desc);

create table public.journal_tags (
  journal_entry_id bigint not null references public.journal_entries (id) on delete cascade,
  tag text not null constraint chk_tag check (tag in ('gratitude', 'struggle', 'win', 'insight')),
  primary key (journal_entry_id, tag)
);

create table public.sponsor_relationships (
  id uuid primary key default gen_random_uuid(),
  sponsor_id uuid references public.profiles (id) on delete cascade,
  practitioner_id uuid not null references public.profiles (id) on delete cascade,
  sponsor_email text,
  invitation_token uuid default gen_random_uuid() constraint uq_invitation_token unique,
  status text not null default 'pending'
    constraint chk_relationship_status check (status in ('pending', 'active', 'inactive', 'email_sent')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint uq_relationship unique (sponsor_id, practitioner_id)
);

create table public.sponsor_connections (
  id bigserial primary key,
  practitioner_user_id uuid not null references public.profiles (id) on delete cascade,
  sponsor_user_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'pending' constraint chk_connection_status check (status in ('pending', 'active', 'inactive')),
  journal_shared boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint chk_connection_not_self check (practitioner_user_id <> sponsor_user_id),
  constraint uq_connection unique (practitioner_user_id, sponsor_user_id)
);
create index idx_connections_sponsor on public.sponsor_connections (sponsor_user_id, status);

create table public.user_activity_sessions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  last_seen timestamptz not null default now(),
  current_page text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.user_assessments (
  id bigserial primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  assessment_type text not null default 'initial',
  status text not null default 'pending',
  summary_analysis text,
  completed_at timestamptz
);

create table public.user_assessment_results (
  id bigserial primary key,
  assessment_id bigint not null references public.user_assessments (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  virtue_name text not null,
  priority_score smallint not null constraint chk_priority check (priority_score >= 0),
  defect_intensity numeric(5, 2),
  created_at timestamptz not null default now(),
  constraint uq_result unique (assessment_id, virtue_name)
);

create table public.support_tickets (
  id bigserial primary key,
  user_id uuid references auth.users (id) on delete set null,
  subject text not null,
  message text not null,
  status text not null default 'open',
  priority text not null default 'normal',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.user_settings (
  user_id uuid primary key references auth.users (id) on delete cascade,
  theme text not null default 'light' constraint chk_theme check (theme in ('light', 'dark', 'system')),
  locale varchar(10) not null default 'en',
  reminder_hour smallint constraint chk_reminder_hour check (reminder_hour between 0 and 23),
  updated_at timestamptz not null default now()
);

create table public.feature_flags_local (
  name text primary key,
  enabled boolean not null default false,
  note text
);

create or replace function public.is_admin() returns boolean
  language sql stable security definer set search_path = ''
as $$ select exists (select 1 from public.profiles p where p.id = auth.uid() and p.role = 'admin') $$;

grant usage on schema public to anon, authenticated, service_role;
grant all on all tables in schema public to anon, authenticated, service_role;
grant all on all sequences in schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

alter table public.profiles enable row level security;
alter table public.virtues enable row level security;
alter table public.virtue_stages enable row level security;
alter table public.stage_prompts enable row level security;
alter table public.user_virtue_stage_progress enable row level security;
alter table public.user_active_virtue enable row level security;
alter table public.journal_entries enable row level security;
alter table public.journal_tags enable row level security;
alter table public.sponsor_relationships enable row level security;
alter table public.sponsor_connections enable row level security;
alter table public.user_activity_sessions enable row level security;
alter table public.user_assessments enable row level security;
alter table public.user_assessment_results enable row level security;
alter table public.support_tickets enable row level security;
alter table public.user_settings enable row level security;
-- feature_flags_local: read by the server only; RLS left off.

create policy "Enable read access for own profile" on public.profiles
  for select to authenticated using ((select auth.uid()) = id);
create policy "Enable read access for linked profiles" on public.profiles
  for select to authenticated using (id in (
    select c.sponsor_user_id from public.sponsor_connections c
     where c.practitioner_user_id = (select auth.uid()) and c.status = 'active'
    union all
    select c.practitioner_user_id from public.sponsor_connections c
     where c.sponsor_user_id = (select auth.uid()) and c.status = 'active'));
create policy "Enable read access for admins" on public.profiles
  for select to authenticated using ((select public.is_admin()));
create policy "Enable update for own profile" on public.profiles
  for update to authenticated using ((select auth.uid()) = id) with check ((select auth.uid()) = id);

create policy "Enable read access for all users" on public.virtues for select to anon, authenticated using (true);
create policy "Enable read access for all users" on public.virtue_stages for select to anon, authenticated using (true);
create policy "Enable read access for all users" on public.stage_prompts for select to anon, authenticated using (true);

create policy "Enable all for own rows" on public.user_virtue_stage_progress
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable read access for sponsors" on public.user_virtue_stage_progress
  for select to authenticated using (user_id in (
    select c.practitioner_user_id from public.sponsor_connections c
     where c.sponsor_user_id = (select auth.uid()) and c.status = 'active'));
create policy "Enable all for own rows" on public.user_active_virtue
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable all for own rows" on public.journal_entries
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable read access for sponsors" on public.journal_entries
  for select to authenticated using (user_id in (
    select c.practitioner_user_id from public.sponsor_connections c
     where c.sponsor_user_id = (select auth.uid()) and c.status = 'active' and c.journal_shared));
create policy "Enable all for own entries' tags" on public.journal_tags
  for all to authenticated using (exists (select 1 from public.journal_entries j
                                            where j.id = journal_entry_id and j.user_id = (select auth.uid())));
create policy "Enable all for the practitioner" on public.sponsor_relationships
  for all to authenticated using ((select auth.uid()) = practitioner_id) with check ((select auth.uid()) = practitioner_id);
create policy "Enable read access for the sponsor" on public.sponsor_relationships
  for select to authenticated using ((select auth.uid()) = sponsor_id);
create policy "Enable read access for participants" on public.sponsor_connections
  for select to authenticated using ((select auth.uid()) in (practitioner_user_id, sponsor_user_id));
create policy "Enable all for own rows" on public.user_activity_sessions
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable all for own rows" on public.user_assessments
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable all for own rows" on public.user_assessment_results
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable all for own rows" on public.support_tickets
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "Enable all for own rows" on public.user_settings
  for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
