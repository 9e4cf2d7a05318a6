-- Lighthouse: organizational model, part 1 of 3 — tables, columns, functions, policies.
-- Written the way this team writes migrations: one transaction per file, their own names for every
-- constraint, index, function and policy.
BEGIN;
SET LOCAL lock_timeout = '10s';

CREATE TABLE public.organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    slug text NOT NULL CONSTRAINT org_slug_unique UNIQUE
                       CONSTRAINT org_slug_format CHECK (slug ~ '^[a-z0-9-]{3,50}$'),
    primary_color text,
    secondary_color text,
    subscription_tier text NOT NULL DEFAULT 'free',
    subscription_status text NOT NULL DEFAULT 'active',
    max_users integer NOT NULL DEFAULT 40,
    active_user_count integer NOT NULL DEFAULT 0 CONSTRAINT org_count_not_negative CHECK (active_user_count >= 0),
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    billing_email text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_seat_limit CHECK (active_user_count <= max_users)
);

-- Everyone without an organization lands here; it is not a subscription, so its seats are unlimited.
INSERT INTO public.organizations (name, slug, subscription_tier, max_users)
VALUES ('Individual Users', 'individual-users', 'individual', 2000000000);

ALTER TABLE public.profiles
    ADD COLUMN organization_id uuid CONSTRAINT profile_org_fk REFERENCES public.organizations (id),
    ADD COLUMN roles text[] NOT NULL DEFAULT '{practitioner}'
        CONSTRAINT profile_roles_allowed
        CHECK (cardinality(roles) > 0 AND roles <@ '{admin,coach,therapist,practitioner}'::text[]),
    ADD COLUMN is_active boolean NOT NULL DEFAULT true,
    ADD COLUMN archived_at timestamptz,
    ADD COLUMN archived_by uuid CONSTRAINT profile_archived_by_fk REFERENCES public.profiles (id),
    ADD COLUMN last_activity timestamptz,
    ADD COLUMN current_virtue_id bigint CONSTRAINT profile_current_virtue_fk REFERENCES public.virtues (id),
    ADD COLUMN current_stage integer CONSTRAINT profile_stage_range CHECK (current_stage BETWEEN 1 AND 3),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE public.practitioner_assignments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    practitioner_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    supervisor_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    supervisor_role text NOT NULL CONSTRAINT assignment_role CHECK (supervisor_role IN ('coach', 'therapist')),
    organization_id uuid NOT NULL REFERENCES public.organizations (id) ON DELETE CASCADE,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    assigned_by uuid REFERENCES public.profiles (id) ON DELETE SET NULL,
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT assignment_not_self CHECK (practitioner_id <> supervisor_id),
    CONSTRAINT assignment_unique UNIQUE (practitioner_id, supervisor_id, supervisor_role, organization_id)
);

CREATE TABLE public.organization_invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES public.organizations (id) ON DELETE CASCADE,
    email text NOT NULL,
    invited_by uuid REFERENCES public.profiles (id) ON DELETE SET NULL,
    roles text[] NOT NULL DEFAULT '{practitioner}',
    token text NOT NULL UNIQUE DEFAULT encode(extensions.gen_random_bytes(24), 'hex'),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days',
    accepted_at timestamptz
);

CREATE FUNCTION public.fn_my_organization() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT p.organization_id FROM public.profiles p WHERE p.id = auth.uid() AND p.is_active $$;

CREATE FUNCTION public.fn_is_org_admin(org uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
    SELECT EXISTS (SELECT 1 FROM public.profiles p
                    WHERE p.id = auth.uid() AND p.organization_id = org AND p.is_active AND 'admin' = ANY (p.roles))
$$;

CREATE FUNCTION public.fn_recount_active_users() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = ''
AS $$
    UPDATE public.organizations o
       SET active_user_count = (SELECT count(*) FROM public.profiles p WHERE p.organization_id = o.id AND p.is_active)
     WHERE o.active_user_count IS DISTINCT FROM
           (SELECT count(*) FROM public.profiles p WHERE p.organization_id = o.id AND p.is_active)
$$;

CREATE FUNCTION public.fn_profiles_recount() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$ BEGIN PERFORM public.fn_recount_active_users(); RETURN NULL; END $$;

CREATE FUNCTION public.fn_profiles_default_org() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
    NEW.organization_id := coalesce(NEW.organization_id,
                                    (SELECT o.id FROM public.organizations o WHERE o.slug = 'individual-users'));
    RETURN NEW;
END
$$;

CREATE TRIGGER trg_profiles_default_org BEFORE INSERT ON public.profiles
    FOR EACH ROW EXECUTE FUNCTION public.fn_profiles_default_org();
CREATE TRIGGER trg_profiles_recount AFTER INSERT OR DELETE OR UPDATE OF organization_id, is_active ON public.profiles
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_profiles_recount();

ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.practitioner_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.organization_invitations ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Members can view their organization" ON public.organizations
    FOR SELECT TO authenticated USING (id = public.fn_my_organization());
CREATE POLICY "Admins can update their organization" ON public.organizations
    FOR UPDATE TO authenticated USING (public.fn_is_org_admin(id)) WITH CHECK (public.fn_is_org_admin(id));
CREATE POLICY "People see their own assignments" ON public.practitioner_assignments
    FOR SELECT TO authenticated USING (auth.uid() IN (practitioner_id, supervisor_id));
CREATE POLICY "Admins manage their organization's assignments" ON public.practitioner_assignments
    FOR ALL TO authenticated USING (public.fn_is_org_admin(organization_id))
    WITH CHECK (public.fn_is_org_admin(organization_id));
CREATE POLICY "Admins manage their organization's invitations" ON public.organization_invitations
    FOR ALL TO authenticated USING (public.fn_is_org_admin(organization_id))
    WITH CHECK (public.fn_is_org_admin(organization_id));

-- The default privileges of the project gave anon everything; the new tables are for signed-in users.
REVOKE ALL ON public.organizations, public.practitioner_assignments, public.organization_invitations FROM anon;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON public.organizations, public.practitioner_assignments, public.organization_invitations TO authenticated;
GRANT ALL ON public.organizations, public.practitioner_assignments, public.organization_invitations TO service_role;
REVOKE EXECUTE ON FUNCTION public.fn_recount_active_users(), public.fn_profiles_recount(),
    public.fn_profiles_default_org() FROM PUBLIC, anon, authenticated;

COMMIT;
