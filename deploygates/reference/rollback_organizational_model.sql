\set ON_ERROR_STOP on
-- Rolls the organizational-model migration back: schema (tables, columns, types, constraints,
-- indexes, policies, functions, triggers, grants) and data return exactly to the baseline.
--
-- The migration changed no pre-existing value, so dropping what it added restores every
-- pre-existing table as it was; the constraints, indexes, policies, triggers and grants of the
-- new objects go with them. Everything written to the new tables or the new profiles columns
-- after the migration is discarded. Every statement is IF EXISTS, so it is safe on a database
-- where only part of the migration ran (or none of it). One transaction: all or nothing.
-- Nothing is dropped with CASCADE: if something unexpected came to depend on these objects,
-- the rollback stops with an error instead of silently dropping it.
BEGIN;

SET LOCAL lock_timeout = '30s';
SET LOCAL search_path = pg_catalog, public;
SET LOCAL client_min_messages = warning;

-- Triggers the migration put on profiles (a pre-existing table).
DROP TRIGGER IF EXISTS profiles_organization_guard ON public.profiles;
DROP TRIGGER IF EXISTS profiles_active_user_count_insert ON public.profiles;
DROP TRIGGER IF EXISTS profiles_active_user_count_update ON public.profiles;
DROP TRIGGER IF EXISTS profiles_active_user_count_delete ON public.profiles;

-- New tables (with their policies, triggers, indexes, constraints and grants); assignments and
-- invitations first, they reference organizations and profiles.
DROP TABLE IF EXISTS public.organization_invitations;
DROP TABLE IF EXISTS public.practitioner_assignments;

-- New profiles columns, with their indexes and constraints (including the foreign key to
-- organizations, which must go before organizations can).
DROP INDEX IF EXISTS public.profiles_organization_id_is_active_idx;
DROP INDEX IF EXISTS public.profiles_archived_by_idx;
DROP INDEX IF EXISTS public.profiles_current_virtue_id_idx;
ALTER TABLE public.profiles DROP CONSTRAINT IF EXISTS profiles_archive_state_check;
ALTER TABLE public.profiles
    DROP COLUMN IF EXISTS organization_id,
    DROP COLUMN IF EXISTS roles,
    DROP COLUMN IF EXISTS is_active,
    DROP COLUMN IF EXISTS archived_at,
    DROP COLUMN IF EXISTS archived_by,
    DROP COLUMN IF EXISTS last_activity,
    DROP COLUMN IF EXISTS current_virtue_id,
    DROP COLUMN IF EXISTS current_stage,
    DROP COLUMN IF EXISTS updated_at;

DROP TABLE IF EXISTS public.organizations;

-- Functions (after the tables whose policies and triggers used them).
DROP FUNCTION IF EXISTS public.archive_user(uuid, uuid);
DROP FUNCTION IF EXISTS public.reactivate_user(uuid);
DROP FUNCTION IF EXISTS public.assert_can_manage_organization(uuid);
DROP FUNCTION IF EXISTS public.check_organization_user_limit(uuid, integer);
DROP FUNCTION IF EXISTS public.recount_organization_active_users(uuid);
DROP FUNCTION IF EXISTS public.profiles_organization_guard();
DROP FUNCTION IF EXISTS public.profiles_sync_active_user_count();
DROP FUNCTION IF EXISTS public.organizations_guard();
DROP FUNCTION IF EXISTS public.organization_invitations_set_expiry();
DROP FUNCTION IF EXISTS public.is_organization_member(uuid, uuid, text);
DROP FUNCTION IF EXISTS public.is_organization_admin(uuid);
DROP FUNCTION IF EXISTS public.current_admin_organization_id();
DROP FUNCTION IF EXISTS public.current_organization_id();
DROP FUNCTION IF EXISTS public.default_organization_id();

COMMIT;
