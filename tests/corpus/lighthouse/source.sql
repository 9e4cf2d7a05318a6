-- Lighthouse: another team's Supabase project as its database holds it, built here into a database of its
-- own and exported with the real pg_dump (tests/corpus/build.py). Their style, not ours: enums for every
-- status, GENERATED ALWAYS identities, policy names in plain English, an owner role of their own
-- (lighthouse_admin, absent from the scratch cluster when the dump is loaded), extensions in their own
-- schema, extra tables the suite never heard of, RLS and grants off on two of them, a sign-up trigger on
-- auth.users, no virtues.author_description. The auth schema is Supabase's own (the dump brings it).
-- Run after deploygates/sql/prelude/roles.sql and supabase_auth.sql (the platform Supabase provisions).

-- Supabase recreates the public schema owned by postgres: pg_dump then writes CREATE SCHEMA public.
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION postgres;
COMMENT ON SCHEMA public IS 'standard public schema';
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
GRANT ALL ON SCHEMA public TO postgres, service_role;

CREATE SCHEMA extensions;
CREATE EXTENSION pgcrypto WITH SCHEMA extensions;
CREATE EXTENSION "uuid-ossp" WITH SCHEMA extensions;
CREATE ROLE lighthouse_admin NOLOGIN;

CREATE TYPE public.app_role AS ENUM ('user', 'admin', 'sponsor');
CREATE TYPE public.invitation_status AS ENUM ('pending', 'email_sent', 'active', 'inactive');
CREATE TYPE public.link_status AS ENUM ('pending', 'active', 'inactive');
CREATE TYPE public.progress_status AS ENUM ('not_started', 'in_progress', 'completed');
CREATE TYPE public.notification_kind AS ENUM ('reminder', 'message', 'milestone');

CREATE TABLE public.profiles (
    id uuid NOT NULL PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    role public.app_role NOT NULL DEFAULT 'user',
    full_name text,
    phone_number text,
    avatar_url text,
    timezone text NOT NULL DEFAULT 'UTC',
    created_at timestamptz NOT NULL DEFAULT now(),
    has_completed_first_assessment boolean NOT NULL DEFAULT false
);

CREATE TABLE public.virtues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text,
    short_description text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.virtue_stages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    virtue_id bigint NOT NULL REFERENCES public.virtues (id) ON DELETE CASCADE,
    stage_number integer NOT NULL CONSTRAINT stage_in_range CHECK (stage_number BETWEEN 1 AND 3),
    title text NOT NULL,
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (virtue_id, stage_number)
);

CREATE TABLE public.stage_prompts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stage_id bigint NOT NULL REFERENCES public.virtue_stages (id) ON DELETE CASCADE,
    prompt_text text NOT NULL,
    prompt_type text NOT NULL DEFAULT 'reflection',
    sort_order integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.user_virtue_stage_progress (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    virtue_id bigint NOT NULL REFERENCES public.virtues (id) ON DELETE CASCADE,
    stage_number smallint NOT NULL CHECK (stage_number BETWEEN 1 AND 3),
    status public.progress_status NOT NULL DEFAULT 'not_started',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, virtue_id, stage_number)
);

CREATE TABLE public.user_active_virtue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL UNIQUE REFERENCES auth.users (id) ON DELETE CASCADE,
    virtue_id bigint NOT NULL REFERENCES public.virtues (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.journal_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    entry_text text,
    mood smallint CHECK (mood BETWEEN 1 AND 5),
    word_count integer GENERATED ALWAYS AS (coalesce(array_length(regexp_split_to_array(entry_text, '\s+'), 1), 0))
        STORED
);
CREATE INDEX journal_entries_by_user ON public.journal_entries (user_id, created_at DESC);

CREATE TABLE public.sponsor_relationships (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sponsor_id uuid REFERENCES public.profiles (id) ON DELETE CASCADE,
    practitioner_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    sponsor_email text,
    invitation_token uuid DEFAULT gen_random_uuid() UNIQUE,
    status public.invitation_status NOT NULL DEFAULT 'pending',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (sponsor_id, practitioner_id)
);

CREATE TABLE public.sponsor_connections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practitioner_user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    sponsor_user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    status public.link_status NOT NULL DEFAULT 'pending',
    journal_shared boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT no_self_link CHECK (practitioner_user_id <> sponsor_user_id),
    UNIQUE (practitioner_user_id, sponsor_user_id)
);
CREATE INDEX sponsor_connections_by_sponsor ON public.sponsor_connections (sponsor_user_id, status);

CREATE TABLE public.user_activity_sessions (
    user_id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    last_seen timestamptz NOT NULL DEFAULT now(),
    current_page text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.support_tickets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid REFERENCES auth.users (id) ON DELETE SET NULL,
    subject text NOT NULL,
    message text NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tables only this team has.
CREATE TABLE public.notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    kind public.notification_kind NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    read_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.app_settings (
    key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.app_settings OWNER TO lighthouse_admin;

CREATE TABLE public.streaks (
    user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    virtue_id bigint NOT NULL REFERENCES public.virtues (id) ON DELETE CASCADE,
    days integer NOT NULL DEFAULT 0 CHECK (days >= 0),
    best integer NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, virtue_id),
    CONSTRAINT best_is_at_least_current CHECK (best >= days)
);

CREATE FUNCTION public.is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT EXISTS (SELECT 1 FROM public.profiles p WHERE p.id = auth.uid() AND p.role = 'admin') $$;

CREATE FUNCTION public.handle_new_user() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
    INSERT INTO public.profiles (id, full_name) VALUES (NEW.id, NEW.raw_user_meta_data ->> 'full_name')
    ON CONFLICT (id) DO NOTHING;
    RETURN NEW;
END
$$;

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users
    FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

-- Supabase's grants: the API roles reach every table, RLS decides the rows; the team's own settings are
-- kept from the API roles altogether.
GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated, service_role;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO anon, authenticated, service_role;
REVOKE ALL ON public.app_settings FROM anon, authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE lighthouse_admin IN SCHEMA public GRANT ALL ON TABLES TO service_role;

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.virtues ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.virtue_stages ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.stage_prompts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_virtue_stage_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_active_virtue ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.journal_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_relationships ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_activity_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.support_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
-- app_settings and streaks: RLS off (as the team left them).

CREATE POLICY "Users can view their own profile" ON public.profiles
    FOR SELECT TO authenticated USING (id = auth.uid());
CREATE POLICY "Connected users can view each other" ON public.profiles
    FOR SELECT TO authenticated USING (id IN (
        SELECT c.sponsor_user_id FROM public.sponsor_connections c
         WHERE c.practitioner_user_id = auth.uid() AND c.status = 'active'
        UNION ALL
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = auth.uid() AND c.status = 'active'));
CREATE POLICY "Admins can view every profile" ON public.profiles
    FOR SELECT TO authenticated USING (public.is_admin());
CREATE POLICY "Users can update their own profile" ON public.profiles
    FOR UPDATE TO authenticated USING (id = auth.uid()) WITH CHECK (id = auth.uid());

CREATE POLICY "Anyone can read the virtues" ON public.virtues FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY "Anyone can read the stages" ON public.virtue_stages FOR SELECT TO anon, authenticated USING (true);
CREATE POLICY "Anyone can read the prompts" ON public.stage_prompts FOR SELECT TO anon, authenticated USING (true);

CREATE POLICY "Users manage their own progress" ON public.user_virtue_stage_progress
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY "Sponsors read their practitioners' progress" ON public.user_virtue_stage_progress
    FOR SELECT TO authenticated USING (user_id IN (
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = auth.uid() AND c.status = 'active'));
CREATE POLICY "Users manage their active virtue" ON public.user_active_virtue
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users manage their own journal" ON public.journal_entries
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY "Sponsors read shared journals" ON public.journal_entries
    FOR SELECT TO authenticated USING (user_id IN (
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = auth.uid() AND c.status = 'active' AND c.journal_shared));

CREATE POLICY "Practitioners manage their invitations" ON public.sponsor_relationships
    FOR ALL TO authenticated USING (practitioner_id = auth.uid()) WITH CHECK (practitioner_id = auth.uid());
CREATE POLICY "Sponsors see their relationships" ON public.sponsor_relationships
    FOR SELECT TO authenticated USING (sponsor_id = auth.uid());
CREATE POLICY "Participants see their connections" ON public.sponsor_connections
    FOR SELECT TO authenticated USING (auth.uid() IN (practitioner_user_id, sponsor_user_id));

CREATE POLICY "Users manage their own session" ON public.user_activity_sessions
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users file their own tickets" ON public.support_tickets
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY "Admins read every ticket" ON public.support_tickets
    FOR SELECT TO authenticated USING (public.is_admin());
CREATE POLICY "Users read their notifications" ON public.notifications
    FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
