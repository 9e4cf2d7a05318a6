-- Lighthouse: undo the organizational model, in one transaction.
BEGIN;
SET LOCAL lock_timeout = '10s';
DROP TRIGGER trg_profiles_recount ON public.profiles;
DROP TRIGGER trg_profiles_default_org ON public.profiles;
DROP TABLE public.organization_invitations;
DROP TABLE public.practitioner_assignments;
ALTER TABLE public.profiles
    DROP COLUMN organization_id,
    DROP COLUMN roles,
    DROP COLUMN is_active,
    DROP COLUMN archived_at,
    DROP COLUMN archived_by,
    DROP COLUMN last_activity,
    DROP COLUMN current_virtue_id,
    DROP COLUMN current_stage,
    DROP COLUMN updated_at;
DROP TABLE public.organizations;
DROP FUNCTION public.fn_profiles_recount();
DROP FUNCTION public.fn_profiles_default_org();
DROP FUNCTION public.fn_recount_active_users();
DROP FUNCTION public.fn_is_org_admin(uuid);
DROP FUNCTION public.fn_my_organization();
COMMIT;
