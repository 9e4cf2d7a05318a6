-- Lighthouse: organizational model, part 3 of 3 — indexes for the new policies and foreign keys.
BEGIN;
CREATE INDEX idx_profiles_org ON public.profiles (organization_id) WHERE is_active;
CREATE INDEX idx_assignments_supervisor ON public.practitioner_assignments (supervisor_id) WHERE active;
CREATE INDEX idx_assignments_org ON public.practitioner_assignments (organization_id);
CREATE INDEX idx_invitations_org ON public.organization_invitations (organization_id);
ANALYZE public.profiles;
ANALYZE public.practitioner_assignments;
COMMIT;
