\set ON_ERROR_STOP on
-- Organizational model, step 1 of 3: schema (DOMAIN.md section 3).
--
-- Run as the owner of the public schema (the role that created the baseline), before
-- 20250103_organizational_model_data.sql and 20250103_organizational_model_indexes.sql.
-- The first line makes psql stop and exit non-zero on the first error even when called
-- without `-v ON_ERROR_STOP=1`, as the runbook does; the single transaction means a failure
-- halfway leaves nothing behind. Re-running it on a migrated database changes nothing.
--
-- Access model (DOMAIN.md 4.7): this migration adds NO policy to any pre-existing table, so
-- what every user can read or write there is exactly what it was. Former sponsors keep
-- seeing their practitioners through the live sponsor_connections links (mirrored by the
-- coach assignments the data step creates). The new tables get their own policies:
--   * organizations: a member reads their own organization; its admins update it (not its
--     slug, limits, counters or billing, which stay with the service backend);
--   * practitioner_assignments: the practitioner and the supervisor read their own
--     assignments; the organization's admins manage the organization's assignments;
--   * organization_invitations: the organization's admins manage them; the invitee reads
--     the open invitations addressed to their e-mail.
-- Everyone lands in the one default organization, so no policy grants "members see their
-- organization's members": that would show thousands of strangers to each other.
-- Policies that need profiles call SECURITY DEFINER helpers with an empty search_path, so
-- they neither recurse into the profiles policies nor depend on the caller's search_path.
BEGIN;

-- Fail fast instead of queueing behind a long transaction (and blocking everyone behind us).
SET LOCAL lock_timeout = '30s';
SET LOCAL search_path = pg_catalog, public;
-- Keep the output to warnings and errors (no "does not exist, skipping" on a first run).
SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------------------------------------
-- organizations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS public.organizations (
    id                      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                    text        NOT NULL
                                        CONSTRAINT organizations_name_check CHECK (btrim(name) <> ''),
    slug                    text        NOT NULL
                                        CONSTRAINT organizations_slug_key UNIQUE
                                        CONSTRAINT organizations_slug_check
                                        CHECK (slug ~ '^[a-z0-9-]{3,50}$'),
    primary_color           text        CONSTRAINT organizations_primary_color_check
                                        CHECK (primary_color ~ '^#[0-9A-Fa-f]{6}$'),
    secondary_color         text        CONSTRAINT organizations_secondary_color_check
                                        CHECK (secondary_color ~ '^#[0-9A-Fa-f]{6}$'),
    subscription_tier       text        NOT NULL DEFAULT 'free',
    subscription_status     text        NOT NULL DEFAULT 'active',
    max_users               integer     NOT NULL DEFAULT 40
                                        CONSTRAINT organizations_max_users_check CHECK (max_users > 0),
    active_user_count       integer     NOT NULL DEFAULT 0
                                        CONSTRAINT organizations_active_user_count_check
                                        CHECK (active_user_count >= 0),
    settings                jsonb       NOT NULL DEFAULT '{}'::jsonb
                                        CONSTRAINT organizations_settings_check
                                        CHECK (jsonb_typeof(settings) = 'object'),
    billing_email           text,
    billing_customer_id     text,
    billing_subscription_id text,
    trial_ends_at           timestamptz,
    current_period_ends_at  timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- The user limit as an invariant: the profiles trigger reports a full organization with a
    -- clear message first; this catches concurrent sign-ups racing for the last seat.
    CONSTRAINT organizations_active_users_within_limit CHECK (active_user_count <= max_users)
);

COMMENT ON TABLE public.organizations IS
    'Tenants of the organizational model; every profile belongs to exactly one. '
    'active_user_count is maintained by triggers on profiles.';

-- The default organization is created here, not in the data step, so that the next statement
-- can fill organization_id for every existing profile without rewriting the table.
CREATE OR REPLACE FUNCTION public.default_organization_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ''
AS $$
    SELECT o.id FROM public.organizations o WHERE o.slug = 'individual-users'
$$;

-- "Individual Users" is the catch-all for individual sign-ups, not a subscription: its limit is
-- the integer maximum, so it holds now and sign-ups never bounce off it later.
INSERT INTO public.organizations (name, slug, subscription_tier, subscription_status, max_users, settings)
VALUES ('Individual Users', 'individual-users', 'individual', 'active', 2147483647,
        '{"is_default": true}'::jsonb)
ON CONFLICT (slug) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- profiles: membership, roles, archive state and progress pointers
-- ---------------------------------------------------------------------------------------------

-- No rewrite of profiles: a non-volatile default on ADD COLUMN is evaluated once and kept in
-- the catalog as the value of every existing row, so a million profiles get the default
-- organization and the base role 'practitioner' in milliseconds (the data step then updates
-- only the admins and sponsors). The defaults are dropped right after (existing rows keep their
-- values): new profiles get theirs from the profiles_organization_guard trigger, which derives
-- the roles from the legacy role. The old `role` column stays; rollback drops exactly these
-- columns.
ALTER TABLE public.profiles
    ADD COLUMN IF NOT EXISTS organization_id uuid NOT NULL
        DEFAULT public.default_organization_id()
        CONSTRAINT profiles_organization_id_fkey
        REFERENCES public.organizations (id) ON DELETE RESTRICT,
    ADD COLUMN IF NOT EXISTS roles text[] NOT NULL
        DEFAULT ARRAY['practitioner']::text[]
        CONSTRAINT profiles_roles_check
        CHECK (cardinality(roles) > 0 AND array_ndims(roles) = 1
               AND roles <@ ARRAY['admin', 'coach', 'therapist', 'practitioner']::text[]),
    ADD COLUMN IF NOT EXISTS is_active boolean NOT NULL DEFAULT true,
    ADD COLUMN IF NOT EXISTS archived_at timestamptz,
    ADD COLUMN IF NOT EXISTS archived_by uuid
        CONSTRAINT profiles_archived_by_fkey
        REFERENCES public.profiles (id) ON DELETE SET NULL,
    ADD COLUMN IF NOT EXISTS last_activity timestamptz,
    ADD COLUMN IF NOT EXISTS current_virtue_id bigint
        CONSTRAINT profiles_current_virtue_id_fkey
        REFERENCES public.virtues (id) ON DELETE SET NULL,
    ADD COLUMN IF NOT EXISTS current_stage integer
        CONSTRAINT profiles_current_stage_check CHECK (current_stage BETWEEN 1 AND 3),
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE public.profiles
    ALTER COLUMN organization_id DROP DEFAULT,
    ALTER COLUMN roles DROP DEFAULT;

DO $archive_state$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                    WHERE conrelid = 'public.profiles'::regclass
                      AND conname = 'profiles_archive_state_check') THEN
        -- An archived profile is inactive and says when; an active one carries no archive date.
        ALTER TABLE public.profiles ADD CONSTRAINT profiles_archive_state_check
            CHECK (is_active = (archived_at IS NULL));
    END IF;
END
$archive_state$;

COMMENT ON COLUMN public.profiles.roles IS
    'Organizational roles: a non-empty subset of admin, coach, therapist, practitioner.';

-- ---------------------------------------------------------------------------------------------
-- practitioner_assignments: who supervises whom, as coach or therapist, in which organization
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS public.practitioner_assignments (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    practitioner_id uuid        NOT NULL
                                CONSTRAINT practitioner_assignments_practitioner_id_fkey
                                REFERENCES public.profiles (id) ON DELETE CASCADE,
    supervisor_id   uuid        NOT NULL
                                CONSTRAINT practitioner_assignments_supervisor_id_fkey
                                REFERENCES public.profiles (id) ON DELETE CASCADE,
    supervisor_role text        NOT NULL
                                CONSTRAINT practitioner_assignments_supervisor_role_check
                                CHECK (supervisor_role IN ('coach', 'therapist')),
    organization_id uuid        NOT NULL
                                CONSTRAINT practitioner_assignments_organization_id_fkey
                                REFERENCES public.organizations (id) ON DELETE CASCADE,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     uuid        CONSTRAINT practitioner_assignments_assigned_by_fkey
                                REFERENCES public.profiles (id) ON DELETE SET NULL,
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT practitioner_assignments_not_self CHECK (practitioner_id <> supervisor_id),
    CONSTRAINT practitioner_assignments_practitioner_supervisor_role_org_key
        UNIQUE (practitioner_id, supervisor_id, supervisor_role, organization_id)
);

COMMENT ON TABLE public.practitioner_assignments IS
    'Coach and therapist assignments; migrated sponsor relationships become coach assignments.';

-- ---------------------------------------------------------------------------------------------
-- organization_invitations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS public.organization_invitations (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL
                                CONSTRAINT organization_invitations_organization_id_fkey
                                REFERENCES public.organizations (id) ON DELETE CASCADE,
    email           text        NOT NULL
                                CONSTRAINT organization_invitations_email_check
                                CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    invited_by      uuid        CONSTRAINT organization_invitations_invited_by_fkey
                                REFERENCES public.profiles (id) ON DELETE SET NULL,
    roles           text[]      NOT NULL DEFAULT ARRAY['practitioner']::text[]
                                CONSTRAINT organization_invitations_roles_check
                                CHECK (cardinality(roles) > 0 AND array_ndims(roles) = 1
                                       AND roles <@ ARRAY['admin', 'coach', 'therapist',
                                                          'practitioner']::text[]),
    -- 244 random bits from the built-in CSPRNG (no pgcrypto needed).
    token           text        NOT NULL
                                DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
                                CONSTRAINT organization_invitations_token_key UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Always created_at + 7 days (set by trigger). 168 hours rather than '7 days' so the value
    -- and the check do not depend on the session's time zone across a DST change.
    expires_at      timestamptz NOT NULL DEFAULT (now() + interval '168 hours'),
    accepted_at     timestamptz,
    accepted_by     uuid        CONSTRAINT organization_invitations_accepted_by_fkey
                                REFERENCES public.profiles (id) ON DELETE SET NULL,
    CONSTRAINT organization_invitations_expiry_check
        CHECK (expires_at = created_at + interval '168 hours')
);

-- ---------------------------------------------------------------------------------------------
-- Helper functions for policies and triggers. SECURITY DEFINER ones read profiles as the owner
-- (no RLS recursion) with an empty search_path (no search_path hijacking).
-- ---------------------------------------------------------------------------------------------

-- The caller's organization (NULL for anonymous, archived or unknown callers).
CREATE OR REPLACE FUNCTION public.current_organization_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ''
AS $$
    SELECT p.organization_id FROM public.profiles p
     WHERE p.id = auth.uid() AND p.is_active
$$;

-- The organization the caller administers (a profile belongs to one organization), else NULL.
CREATE OR REPLACE FUNCTION public.current_admin_organization_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ''
AS $$
    SELECT p.organization_id FROM public.profiles p
     WHERE p.id = auth.uid() AND p.is_active AND 'admin' = ANY (p.roles)
$$;

CREATE OR REPLACE FUNCTION public.is_organization_admin(p_organization_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ''
AS $$
    SELECT coalesce(p_organization_id = public.current_admin_organization_id(), false)
$$;

-- Whether a user is an active member (optionally holding a role) of an organization. An
-- end user may only ask about their own organization, so membership does not leak across.
CREATE OR REPLACE FUNCTION public.is_organization_member(
    p_user_id uuid, p_organization_id uuid, p_role text DEFAULT NULL
) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ''
AS $$
    SELECT EXISTS (
               SELECT 1 FROM public.profiles p
                WHERE p.id = p_user_id AND p.organization_id = p_organization_id AND p.is_active
                  AND (p_role IS NULL OR p_role = ANY (p.roles)))
       AND (auth.uid() IS NULL OR p_organization_id = public.current_organization_id())
$$;

-- Recomputes active_user_count from profiles for one organization, or for all when NULL.
-- Returns the number of organizations whose counter changed.
CREATE OR REPLACE FUNCTION public.recount_organization_active_users(
    p_organization_id uuid DEFAULT NULL
) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ''
AS $$
DECLARE
    v_changed integer;
BEGIN
    UPDATE public.organizations o
       SET active_user_count = c.active_users
      FROM (SELECT o2.id, count(p.id)::integer AS active_users
              FROM public.organizations o2
              LEFT JOIN public.profiles p ON p.organization_id = o2.id AND p.is_active
             WHERE p_organization_id IS NULL OR o2.id = p_organization_id
             GROUP BY o2.id) c
     WHERE o.id = c.id AND o.active_user_count IS DISTINCT FROM c.active_users;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;

-- The user-limit check: true when p_additional more active users fit in the organization.
-- SECURITY INVOKER: an end user only sees their own organization (others answer false).
CREATE OR REPLACE FUNCTION public.check_organization_user_limit(
    p_organization_id uuid, p_additional integer DEFAULT 1
) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = ''
AS $$
    SELECT coalesce((SELECT o.active_user_count + p_additional <= o.max_users
                       FROM public.organizations o WHERE o.id = p_organization_id), false)
$$;

-- Who may archive or reactivate a member: an admin of the member's organization, or a trusted
-- backend session (no end-user JWT and not acting as anon/authenticated, e.g. service_role).
CREATE OR REPLACE FUNCTION public.assert_can_manage_organization(p_organization_id uuid)
RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = ''
AS $$
DECLARE
    -- Called from SECURITY DEFINER functions, where current_user is the owner; the "role"
    -- setting still names the role the caller switched to (SET ROLE), and session_user the
    -- role it logged in as.
    v_caller_role text := coalesce(nullif(current_setting('role', true), 'none'), session_user::text);
BEGIN
    IF auth.uid() IS NOT NULL THEN
        IF NOT public.is_organization_admin(p_organization_id) THEN
            RAISE EXCEPTION 'only an admin of the organization may manage its users'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF v_caller_role IN ('anon', 'authenticated') THEN
        RAISE EXCEPTION 'managing organization users requires a signed-in admin'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION public.archive_user(p_user_id uuid, p_archived_by uuid DEFAULT NULL)
RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ''
AS $$
DECLARE
    v_organization_id uuid;
    v_is_active boolean;
BEGIN
    SELECT p.organization_id, p.is_active INTO v_organization_id, v_is_active
      FROM public.profiles p WHERE p.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'user % not found', p_user_id USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM public.assert_can_manage_organization(v_organization_id);
    IF p_user_id = auth.uid() THEN
        RAISE EXCEPTION 'an admin cannot archive themselves' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT v_is_active THEN
        RETURN false;  -- already archived
    END IF;
    UPDATE public.profiles
       SET is_active = false, archived_at = now(),
           archived_by = coalesce(auth.uid(), p_archived_by)
     WHERE id = p_user_id;
    RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION public.reactivate_user(p_user_id uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ''
AS $$
DECLARE
    v_organization_id uuid;
    v_is_active boolean;
    v_org record;
BEGIN
    SELECT p.organization_id, p.is_active INTO v_organization_id, v_is_active
      FROM public.profiles p WHERE p.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'user % not found', p_user_id USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM public.assert_can_manage_organization(v_organization_id);
    IF v_is_active THEN
        RETURN false;  -- already active
    END IF;
    -- Lock the organization so two reactivations cannot both take the last seat.
    SELECT o.name, o.active_user_count, o.max_users INTO v_org
      FROM public.organizations o WHERE o.id = v_organization_id FOR UPDATE;
    IF NOT public.check_organization_user_limit(v_organization_id, 1) THEN
        RAISE EXCEPTION 'organization "%" is full: % of % users are active',
            v_org.name, v_org.active_user_count, v_org.max_users
            USING ERRCODE = 'check_violation',
                  HINT = 'archive a user or raise the organization''s max_users first';
    END IF;
    UPDATE public.profiles
       SET is_active = true, archived_at = NULL, archived_by = NULL
     WHERE id = p_user_id;
    RETURN true;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Triggers on profiles
-- ---------------------------------------------------------------------------------------------

-- Membership, roles and archive state are not self-service: end users (requests running as
-- anon/authenticated) cannot set them on insert or change them on update; the SECURITY
-- DEFINER functions above, the sign-up hook, the service backend and migrations can. New
-- profiles land in the default organization with roles derived from the legacy role.
CREATE OR REPLACE FUNCTION public.profiles_organization_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ''
AS $$
DECLARE
    v_end_user boolean := current_user IN ('anon', 'authenticated');
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF v_end_user THEN
            -- The legacy role of a self-inserted profile is not trusted (the baseline guards
            -- role changes on UPDATE only), so it does not make anyone an admin or coach here.
            NEW.organization_id := NULL;
            NEW.roles := ARRAY['practitioner'];
            NEW.is_active := true;
            NEW.archived_at := NULL;
            NEW.archived_by := NULL;
        END IF;
        NEW.organization_id := coalesce(NEW.organization_id, public.default_organization_id());
        NEW.roles := coalesce(NEW.roles, CASE NEW.role WHEN 'admin' THEN ARRAY['admin']
                                                       WHEN 'sponsor' THEN ARRAY['coach']
                                                       ELSE ARRAY['practitioner'] END);
        RETURN NEW;
    END IF;

    IF v_end_user AND (NEW.organization_id, NEW.roles, NEW.is_active, NEW.archived_at, NEW.archived_by)
                      IS DISTINCT FROM
                      (OLD.organization_id, OLD.roles, OLD.is_active, OLD.archived_at, OLD.archived_by) THEN
        RAISE EXCEPTION 'organization, roles and archive state are managed by organization admins'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A legacy role change (allowed by protect_profile_role) carries over to roles.
    IF NEW.role IS DISTINCT FROM OLD.role AND NEW.roles IS NOT DISTINCT FROM OLD.roles
       AND NEW.roles IS NOT NULL THEN
        IF NEW.role = 'admin' AND NOT 'admin' = ANY (NEW.roles) THEN
            NEW.roles := ARRAY['admin'] || NEW.roles;
        ELSIF NEW.role = 'sponsor' AND NOT 'coach' = ANY (NEW.roles) THEN
            NEW.roles := NEW.roles || ARRAY['coach'];
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- Keeps organizations.active_user_count right with per-statement deltas from the transition
-- tables: set-based for bulk changes, and an ordinary profile edit costs next to nothing (no
-- recount of a large organization). Refuses a change that would exceed an organization's
-- max_users. SECURITY DEFINER because end users may not update organizations themselves.
CREATE OR REPLACE FUNCTION public.profiles_sync_active_user_count() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ''
AS $$
DECLARE
    v_organizations uuid[];
    v_deltas integer[];
    v_full record;
BEGIN
    -- Each branch reads only the transition tables its event defines.
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(d.organization_id), array_agg(d.delta) INTO v_organizations, v_deltas
          FROM (SELECT n.organization_id, count(*)::integer AS delta
                  FROM new_rows n WHERE n.is_active AND n.organization_id IS NOT NULL
                 GROUP BY n.organization_id) d;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(d.organization_id), array_agg(d.delta) INTO v_organizations, v_deltas
          FROM (SELECT o.organization_id, -count(*)::integer AS delta
                  FROM old_rows o WHERE o.is_active AND o.organization_id IS NOT NULL
                 GROUP BY o.organization_id) d;
    ELSE
        SELECT array_agg(d.organization_id), array_agg(d.delta) INTO v_organizations, v_deltas
          FROM (SELECT x.organization_id, sum(x.delta)::integer AS delta
                  FROM (SELECT n.organization_id, 1 AS delta
                          FROM new_rows n WHERE n.is_active AND n.organization_id IS NOT NULL
                        UNION ALL
                        SELECT o.organization_id, -1
                          FROM old_rows o WHERE o.is_active AND o.organization_id IS NOT NULL) x
                 GROUP BY x.organization_id
                HAVING sum(x.delta) <> 0) d;
    END IF;
    IF v_organizations IS NULL THEN
        RETURN NULL;
    END IF;

    SELECT o.name, o.active_user_count + d.delta AS would_be, o.max_users INTO v_full
      FROM unnest(v_organizations, v_deltas) AS d(organization_id, delta)
      JOIN public.organizations o ON o.id = d.organization_id
     WHERE d.delta > 0 AND o.active_user_count + d.delta > o.max_users
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'organization "%" is full: % active users would exceed its limit of %',
            v_full.name, v_full.would_be, v_full.max_users
            USING ERRCODE = 'check_violation',
                  HINT = 'archive a user or raise the organization''s max_users first';
    END IF;

    UPDATE public.organizations o
       SET active_user_count = o.active_user_count + d.delta
      FROM unnest(v_organizations, v_deltas) AS d(organization_id, delta)
     WHERE o.id = d.organization_id;
    RETURN NULL;
END
$$;

-- Alphabetically first among the BEFORE triggers on profiles, so it sees the row as sent.
CREATE OR REPLACE TRIGGER profiles_organization_guard
    BEFORE INSERT OR UPDATE ON public.profiles
    FOR EACH ROW EXECUTE FUNCTION public.profiles_organization_guard();

CREATE OR REPLACE TRIGGER profiles_active_user_count_insert
    AFTER INSERT ON public.profiles
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.profiles_sync_active_user_count();

CREATE OR REPLACE TRIGGER profiles_active_user_count_update
    AFTER UPDATE ON public.profiles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.profiles_sync_active_user_count();

CREATE OR REPLACE TRIGGER profiles_active_user_count_delete
    AFTER DELETE ON public.profiles
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.profiles_sync_active_user_count();

-- ---------------------------------------------------------------------------------------------
-- Triggers on the new tables
-- ---------------------------------------------------------------------------------------------

-- Admins may rename and re-brand their organization; slug, limits, counters and billing stay
-- with the service backend.
CREATE OR REPLACE FUNCTION public.organizations_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ''
AS $$
BEGIN
    IF current_user IN ('anon', 'authenticated')
       AND (NEW.id, NEW.slug, NEW.subscription_tier, NEW.subscription_status, NEW.max_users,
            NEW.active_user_count, NEW.billing_email, NEW.billing_customer_id,
            NEW.billing_subscription_id, NEW.trial_ends_at, NEW.current_period_ends_at,
            NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.slug, OLD.subscription_tier, OLD.subscription_status, OLD.max_users,
            OLD.active_user_count, OLD.billing_email, OLD.billing_customer_id,
            OLD.billing_subscription_id, OLD.trial_ends_at, OLD.current_period_ends_at,
            OLD.created_at) THEN
        RAISE EXCEPTION 'slug, limits, counters and billing of an organization are managed by the service'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER organizations_guard
    BEFORE UPDATE ON public.organizations
    FOR EACH ROW EXECUTE FUNCTION public.organizations_guard();

CREATE OR REPLACE TRIGGER practitioner_assignments_set_updated_at
    BEFORE UPDATE ON public.practitioner_assignments
    FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE OR REPLACE FUNCTION public.organization_invitations_set_expiry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ''
AS $$
BEGIN
    NEW.expires_at := NEW.created_at + interval '168 hours';
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER organization_invitations_set_expiry
    BEFORE INSERT OR UPDATE ON public.organization_invitations
    FOR EACH ROW EXECUTE FUNCTION public.organization_invitations_set_expiry();

-- ---------------------------------------------------------------------------------------------
-- Row Level Security on the new tables (none is added to or changed on a pre-existing table)
-- ---------------------------------------------------------------------------------------------

ALTER TABLE public.organizations            ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.practitioner_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.organization_invitations ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS organizations_select_member ON public.organizations;
CREATE POLICY organizations_select_member ON public.organizations
    FOR SELECT TO authenticated
    USING (id = (SELECT public.current_organization_id()));

DROP POLICY IF EXISTS organizations_update_admin ON public.organizations;
CREATE POLICY organizations_update_admin ON public.organizations
    FOR UPDATE TO authenticated
    USING (id = (SELECT public.current_admin_organization_id()))
    WITH CHECK (id = (SELECT public.current_admin_organization_id()));

-- A practitioner sees who supervises them; a coach or therapist sees whom they supervise.
DROP POLICY IF EXISTS practitioner_assignments_select_own ON public.practitioner_assignments;
CREATE POLICY practitioner_assignments_select_own ON public.practitioner_assignments
    FOR SELECT TO authenticated
    USING ((SELECT auth.uid()) IN (practitioner_id, supervisor_id));

DROP POLICY IF EXISTS practitioner_assignments_select_admin ON public.practitioner_assignments;
CREATE POLICY practitioner_assignments_select_admin ON public.practitioner_assignments
    FOR SELECT TO authenticated
    USING (organization_id = (SELECT public.current_admin_organization_id()));

-- Admins assign within their own organization: both people must be active members, the
-- supervisor holding the role they supervise as.
DROP POLICY IF EXISTS practitioner_assignments_insert_admin ON public.practitioner_assignments;
CREATE POLICY practitioner_assignments_insert_admin ON public.practitioner_assignments
    FOR INSERT TO authenticated
    WITH CHECK (organization_id = (SELECT public.current_admin_organization_id())
                AND public.is_organization_member(practitioner_id, organization_id)
                AND public.is_organization_member(supervisor_id, organization_id, supervisor_role));

DROP POLICY IF EXISTS practitioner_assignments_update_admin ON public.practitioner_assignments;
CREATE POLICY practitioner_assignments_update_admin ON public.practitioner_assignments
    FOR UPDATE TO authenticated
    USING (organization_id = (SELECT public.current_admin_organization_id()))
    WITH CHECK (organization_id = (SELECT public.current_admin_organization_id())
                AND public.is_organization_member(practitioner_id, organization_id)
                AND public.is_organization_member(supervisor_id, organization_id, supervisor_role));

DROP POLICY IF EXISTS practitioner_assignments_delete_admin ON public.practitioner_assignments;
CREATE POLICY practitioner_assignments_delete_admin ON public.practitioner_assignments
    FOR DELETE TO authenticated
    USING (organization_id = (SELECT public.current_admin_organization_id()));

DROP POLICY IF EXISTS organization_invitations_admin ON public.organization_invitations;
CREATE POLICY organization_invitations_admin ON public.organization_invitations
    FOR ALL TO authenticated
    USING (organization_id = (SELECT public.current_admin_organization_id()))
    WITH CHECK (organization_id = (SELECT public.current_admin_organization_id())
                AND (invited_by IS NULL OR invited_by = (SELECT auth.uid())));

-- Like an open sponsor invitation: visible to the person it was e-mailed to.
DROP POLICY IF EXISTS organization_invitations_select_invitee ON public.organization_invitations;
CREATE POLICY organization_invitations_select_invitee ON public.organization_invitations
    FOR SELECT TO authenticated
    USING (accepted_at IS NULL
           AND lower(email) = lower((SELECT auth.jwt()) ->> 'email'));

-- ---------------------------------------------------------------------------------------------
-- Grants, as the baseline has them: the API roles reach every table, RLS decides the rows.
-- (The baseline's default privileges already do this when the owner runs the migration; the
-- explicit grants make it independent of who runs it.) anon gets nothing on the new tables.
-- ---------------------------------------------------------------------------------------------

-- Revoke first: a Supabase project's default privileges may also have granted anon (tables)
-- and every API role (functions) more than intended; the result is the same either way.
REVOKE ALL
    ON public.organizations, public.practitioner_assignments, public.organization_invitations
    FROM anon;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON public.organizations, public.practitioner_assignments, public.organization_invitations
    TO authenticated;
GRANT ALL
    ON public.organizations, public.practitioner_assignments, public.organization_invitations
    TO service_role;

REVOKE EXECUTE ON FUNCTION
    public.default_organization_id(),
    public.current_organization_id(),
    public.current_admin_organization_id(),
    public.is_organization_admin(uuid),
    public.is_organization_member(uuid, uuid, text),
    public.recount_organization_active_users(uuid),
    public.check_organization_user_limit(uuid, integer),
    public.assert_can_manage_organization(uuid),
    public.archive_user(uuid, uuid),
    public.reactivate_user(uuid),
    public.profiles_organization_guard(),
    public.profiles_sync_active_user_count(),
    public.organizations_guard(),
    public.organization_invitations_set_expiry()
    FROM PUBLIC, anon, authenticated, service_role;

-- Policy helpers run as the requesting role; the management functions check the caller.
GRANT EXECUTE ON FUNCTION
    public.default_organization_id(),
    public.current_organization_id(),
    public.current_admin_organization_id(),
    public.is_organization_admin(uuid),
    public.is_organization_member(uuid, uuid, text),
    public.check_organization_user_limit(uuid, integer),
    public.archive_user(uuid, uuid),
    public.reactivate_user(uuid)
    TO authenticated, service_role;
GRANT EXECUTE ON FUNCTION public.recount_organization_active_users(uuid) TO service_role;

COMMIT;
