\set ON_ERROR_STOP on
-- Organizational model, step 2 of 3: data (DOMAIN.md sections 3 and 4).
--
-- After 20250103_organizational_model_schema.sql, before ..._indexes.sql. One transaction,
-- set-based. It writes only to the new tables and to the new columns of profiles: no
-- pre-existing value of any pre-existing table changes. Re-running it changes nothing (every
-- step fills only what is missing).
--
-- Decisions:
--   * Default organization "Individual Users" (slug individual-users) for every profile without
--     one. It is the catch-all for individual sign-ups, not a subscription: its max_users is
--     the integer maximum, so its limit holds now and sign-ups never bounce off it later.
--   * Roles, in the fixed order admin, coach, therapist, practitioner (never empty):
--       admin        <- role 'admin' (kept);
--       coach        <- role 'sponsor', or the sponsor of any sponsor_relationships /
--                       sponsor_connections row (every sponsor holds coach);
--       practitioner <- role 'user' (or no role): a 'user' is a practitioner; also anyone who
--                       is the practitioner of a relationship or connection (e.g. an admin
--                       with a sponsor keeps using the practitioner dashboard).
--     'therapist' is never derived: nobody was a therapist before.
--   * Every sponsor_relationships row with a sponsor becomes exactly one coach assignment:
--     the practitioner's organization, assigned_at = the relationship's created_at, active
--     exactly when its status is 'active'. An ACTIVE sponsor_connections link with no
--     relationship for the same pair (possible in production, absent in the sandbox) also
--     becomes an active coach assignment, so the coach dashboard shows every practitioner
--     the sponsor dashboard showed.
--   * Progress pointers start from the live data: current_virtue_id from user_active_virtue,
--     current_stage from that virtue's first stage not completed, last_activity from
--     user_activity_sessions.last_seen (NULL where there is nothing).
BEGIN;

SET LOCAL lock_timeout = '30s';
SET LOCAL search_path = pg_catalog, public;
SET LOCAL work_mem = '256MB';

DO $preflight$
BEGIN
    IF to_regclass('public.organizations') IS NULL
       OR to_regclass('public.practitioner_assignments') IS NULL
       OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                       WHERE attrelid = 'public.profiles'::regclass
                         AND attname = 'organization_id' AND NOT attisdropped) THEN
        RAISE EXCEPTION 'organizational schema missing: run 20250103_organizational_model_schema.sql first';
    END IF;
END
$preflight$;

-- Nobody may change who sponsors whom while we copy it (the app is down anyway).
LOCK TABLE public.profiles IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE public.sponsor_relationships, public.sponsor_connections,
           public.user_active_virtue, public.user_virtue_stage_progress,
           public.user_activity_sessions IN SHARE MODE;

-- ---------------------------------------------------------------------------------------------
-- 1. The default organization
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.organizations (name, slug, subscription_tier, subscription_status, max_users, settings)
VALUES ('Individual Users', 'individual-users', 'individual', 'active', 2147483647,
        '{"is_default": true}'::jsonb)
ON CONFLICT (slug) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- 2. Profiles: organization, roles, progress pointers (one pass, only rows still missing them)
-- ---------------------------------------------------------------------------------------------

WITH sponsors AS (
    SELECT sponsor_id AS id FROM public.sponsor_relationships WHERE sponsor_id IS NOT NULL
    UNION
    SELECT sponsor_user_id FROM public.sponsor_connections
), practitioners AS (
    SELECT practitioner_id AS id FROM public.sponsor_relationships
    UNION
    SELECT practitioner_user_id FROM public.sponsor_connections
), fill AS (
    SELECT p.id,
           coalesce(p.organization_id, public.default_organization_id()) AS organization_id,
           coalesce(p.roles, coalesce(nullif(array_remove(ARRAY[
               CASE WHEN p.role = 'admin' THEN 'admin' END,
               CASE WHEN p.role = 'sponsor' OR s.id IS NOT NULL THEN 'coach' END,
               CASE WHEN p.role IS NULL OR p.role = 'user' OR pr.id IS NOT NULL THEN 'practitioner' END
           ], NULL), '{}'), ARRAY['practitioner'])) AS roles,
           av.virtue_id AS current_virtue_id,
           uas.last_seen AS last_activity
      FROM public.profiles p
      LEFT JOIN sponsors s ON s.id = p.id
      LEFT JOIN practitioners pr ON pr.id = p.id
      LEFT JOIN public.user_active_virtue av ON av.user_id = p.id
      LEFT JOIN public.user_activity_sessions uas ON uas.user_id = p.id
     WHERE p.organization_id IS NULL OR p.roles IS NULL
)
UPDATE public.profiles p
   SET organization_id   = f.organization_id,
       roles             = f.roles,
       current_virtue_id = coalesce(p.current_virtue_id, f.current_virtue_id),
       current_stage     = coalesce(p.current_stage, (
                               SELECT min(g.stage_number)
                                 FROM public.user_virtue_stage_progress g
                                WHERE g.user_id = p.id AND g.virtue_id = f.current_virtue_id
                                  AND g.status <> 'completed')),
       last_activity     = coalesce(p.last_activity, f.last_activity)
  FROM fill f
 WHERE p.id = f.id;

ALTER TABLE public.profiles
    ALTER COLUMN organization_id SET NOT NULL,
    ALTER COLUMN roles SET NOT NULL;

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
-- 4. Active user counters, recomputed from scratch (the triggers keep them right from now on)
-- ---------------------------------------------------------------------------------------------

SELECT public.recount_organization_active_users() AS organizations_recounted;

COMMIT;
