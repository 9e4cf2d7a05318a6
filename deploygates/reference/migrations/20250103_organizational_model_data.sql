\set ON_ERROR_STOP on
-- Organizational model, step 2 of 3: data (DOMAIN.md sections 3 and 4).
--
-- After 20250103_organizational_model_schema.sql, before ..._indexes.sql. One transaction,
-- set-based. It writes only to the new tables and to the new columns of profiles: no
-- pre-existing value of any pre-existing table changes. Re-running it changes nothing (every
-- step only fills what is missing).
--
-- Decisions:
--   * Default organization "Individual Users" (slug individual-users) for every profile without
--     one. The schema step already created it and gave it to every existing profile (without
--     rewriting the table); this step re-asserts both. Its max_users is the integer maximum:
--     it is the catch-all for individual sign-ups, not a subscription, so its limit holds now
--     and sign-ups never bounce off it later.
--   * Roles, in the fixed order admin, coach, therapist, practitioner (never empty):
--       admin        <- role 'admin' (kept);
--       coach        <- role 'sponsor', or the sponsor of any sponsor_relationships /
--                       sponsor_connections row (every sponsor holds coach);
--       practitioner <- role 'user' (or no role): a 'user' is a practitioner; also anyone who
--                       is the practitioner of a relationship or connection (e.g. an admin
--                       with a sponsor keeps using the practitioner dashboard).
--     'therapist' is never derived: nobody was a therapist before. The schema step gave
--     everyone the base role practitioner; only profiles whose derived roles differ (admins,
--     sponsors) are updated here, and only while they still hold exactly that base role.
--   * Every sponsor_relationships row with a sponsor becomes exactly one coach assignment:
--     the practitioner's organization, assigned_at = the relationship's created_at, active
--     exactly when its status is 'active'. An ACTIVE sponsor_connections link with no
--     relationship for the same pair (possible in production, absent in the sandbox) also
--     becomes an active coach assignment, so the coach dashboard shows every practitioner
--     the sponsor dashboard showed.
--   * The progress pointers (current_virtue_id, current_stage, last_activity) stay NULL: their
--     sources (user_active_virtue, user_virtue_stage_progress, user_activity_sessions) remain
--     the truth and keep changing, so a copy taken tonight would be stale tomorrow; the new
--     application sets them as users work.
BEGIN;

SET LOCAL lock_timeout = '30s';
SET LOCAL search_path = pg_catalog, public;
SET LOCAL work_mem = '256MB';

DO $preflight$
BEGIN
    IF to_regclass('public.organizations') IS NULL
       OR to_regclass('public.practitioner_assignments') IS NULL
       OR (SELECT count(*) FROM pg_catalog.pg_attribute
            WHERE attrelid = 'public.profiles'::regclass AND NOT attisdropped
              AND attname IN ('organization_id', 'roles')) <> 2 THEN
        RAISE EXCEPTION 'organizational schema missing: run 20250103_organizational_model_schema.sql first';
    END IF;
END
$preflight$;

-- Nobody may change who sponsors whom while we copy it (the app is down anyway).
LOCK TABLE public.profiles IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE public.sponsor_relationships, public.sponsor_connections IN SHARE MODE;

-- ---------------------------------------------------------------------------------------------
-- 1. The default organization, on every profile without one
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.organizations (name, slug, subscription_tier, subscription_status, max_users, settings)
VALUES ('Individual Users', 'individual-users', 'individual', 'active', 2147483647,
        '{"is_default": true}'::jsonb)
ON CONFLICT (slug) DO NOTHING;

-- (organization_id is NOT NULL since the schema step; this covers databases migrated by an
-- earlier revision of it.)
UPDATE public.profiles
   SET organization_id = public.default_organization_id()
 WHERE organization_id IS NULL;

-- ---------------------------------------------------------------------------------------------
-- 2. Roles: admins and sponsors (everyone else keeps the base role practitioner)
-- ---------------------------------------------------------------------------------------------

WITH sponsors AS (
    SELECT sponsor_id AS id FROM public.sponsor_relationships WHERE sponsor_id IS NOT NULL
    UNION
    SELECT sponsor_user_id FROM public.sponsor_connections
), practitioners AS (
    SELECT practitioner_id AS id FROM public.sponsor_relationships
    UNION
    SELECT practitioner_user_id FROM public.sponsor_connections
), derived AS (
    SELECT p.id,
           array_remove(ARRAY[
               CASE WHEN p.role = 'admin' THEN 'admin' END,
               CASE WHEN p.role = 'sponsor' OR s.id IS NOT NULL THEN 'coach' END,
               CASE WHEN p.role IS NULL OR p.role NOT IN ('admin', 'sponsor')
                         OR pr.id IS NOT NULL THEN 'practitioner' END
           ], NULL) AS roles
      FROM public.profiles p
      LEFT JOIN sponsors s ON s.id = p.id
      LEFT JOIN practitioners pr ON pr.id = p.id
     WHERE (p.role IN ('admin', 'sponsor') OR s.id IS NOT NULL)
       AND (p.roles IS NULL OR p.roles = ARRAY['practitioner']::text[])
)
UPDATE public.profiles p
   SET roles = coalesce(nullif(d.roles, '{}'), ARRAY['practitioner']::text[])
  FROM derived d
 WHERE p.id = d.id AND p.roles IS DISTINCT FROM d.roles;

-- Everyone else (also covers databases migrated by an earlier revision of the schema step).
UPDATE public.profiles SET roles = ARRAY['practitioner']::text[] WHERE roles IS NULL;

-- ---------------------------------------------------------------------------------------------
-- 3. Sponsor relationships -> coach assignments (one to one)
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.practitioner_assignments
       (practitioner_id, supervisor_id, supervisor_role, organization_id, assigned_at, active)
SELECT r.practitioner_id, r.sponsor_id, 'coach', p.organization_id, r.created_at,
       r.status = 'active'
  FROM public.sponsor_relationships r
  JOIN public.profiles p ON p.id = r.practitioner_id
 WHERE r.sponsor_id IS NOT NULL
 ORDER BY r.practitioner_id, r.sponsor_id
ON CONFLICT (practitioner_id, supervisor_id, supervisor_role, organization_id) DO NOTHING;

-- Active live links that no relationship describes still need their coach assignment.
INSERT INTO public.practitioner_assignments
       (practitioner_id, supervisor_id, supervisor_role, organization_id, assigned_at, active)
SELECT c.practitioner_user_id, c.sponsor_user_id, 'coach', p.organization_id, c.created_at, true
  FROM public.sponsor_connections c
  JOIN public.profiles p ON p.id = c.practitioner_user_id
 WHERE c.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                    WHERE r.sponsor_id = c.sponsor_user_id
                      AND r.practitioner_id = c.practitioner_user_id)
ON CONFLICT (practitioner_id, supervisor_id, supervisor_role, organization_id) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- 4. Active user counters, recomputed from scratch (the triggers keep them right from now on;
--    the fast-default fill of organization_id in the schema step fired no trigger)
-- ---------------------------------------------------------------------------------------------

SELECT public.recount_organization_active_users() AS organizations_recounted;

COMMIT;
