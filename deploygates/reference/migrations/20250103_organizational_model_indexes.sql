\set ON_ERROR_STOP on
-- Organizational model, step 3 of 3: indexes for the new policies, helpers and foreign keys.
--
-- After ..._schema.sql and ..._data.sql. Plain CREATE INDEX inside one transaction (CONCURRENTLY
-- cannot run in a transaction block): the application is scaled to zero during the window and
-- the builds take seconds, so a failure rolls back cleanly instead of leaving an INVALID index.
-- The unique constraints of the schema step already index organizations(slug),
-- organization_invitations(token) and practitioner_assignments(practitioner_id, supervisor_id,
-- supervisor_role, organization_id), which also serves lookups by practitioner_id.
BEGIN;

SET LOCAL lock_timeout = '30s';
SET LOCAL search_path = pg_catalog, public;
SET LOCAL maintenance_work_mem = '512MB';

-- profiles: members of an organization (active_user_count recount, ON DELETE checks of
-- organizations) and the other new foreign keys. Partial where the column is mostly NULL.
CREATE INDEX IF NOT EXISTS profiles_organization_id_is_active_idx
    ON public.profiles (organization_id, is_active);
CREATE INDEX IF NOT EXISTS profiles_archived_by_idx
    ON public.profiles (archived_by) WHERE archived_by IS NOT NULL;
CREATE INDEX IF NOT EXISTS profiles_current_virtue_id_idx
    ON public.profiles (current_virtue_id) WHERE current_virtue_id IS NOT NULL;

-- practitioner_assignments: a supervisor's practitioners (coach dashboard, select_own policy,
-- ON DELETE CASCADE from profiles), an organization's assignments (admin policies, cascade
-- from organizations), assigned_by (SET NULL from profiles).
CREATE INDEX IF NOT EXISTS practitioner_assignments_supervisor_id_idx
    ON public.practitioner_assignments (supervisor_id, active);
CREATE INDEX IF NOT EXISTS practitioner_assignments_organization_id_idx
    ON public.practitioner_assignments (organization_id);
CREATE INDEX IF NOT EXISTS practitioner_assignments_assigned_by_idx
    ON public.practitioner_assignments (assigned_by) WHERE assigned_by IS NOT NULL;

-- organization_invitations: the admin policy, the invitee policy (open invitations by
-- e-mail), and the SET NULL foreign keys to profiles.
CREATE INDEX IF NOT EXISTS organization_invitations_organization_id_idx
    ON public.organization_invitations (organization_id);
CREATE INDEX IF NOT EXISTS organization_invitations_open_email_idx
    ON public.organization_invitations (lower(email)) WHERE accepted_at IS NULL;
CREATE INDEX IF NOT EXISTS organization_invitations_invited_by_idx
    ON public.organization_invitations (invited_by) WHERE invited_by IS NOT NULL;
CREATE INDEX IF NOT EXISTS organization_invitations_accepted_by_idx
    ON public.organization_invitations (accepted_by) WHERE accepted_by IS NOT NULL;

-- Fresh statistics for the rewritten and new tables, so the first queries after the window
-- get good plans (ANALYZE, unlike VACUUM, may run inside a transaction).
ANALYZE public.profiles;
ANALYZE public.organizations;
ANALYZE public.practitioner_assignments;
ANALYZE public.organization_invitations;

COMMIT;
