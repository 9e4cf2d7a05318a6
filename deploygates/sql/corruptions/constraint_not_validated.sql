-- A constraint added NOT VALID and never validated
-- flagged by: constraints_validated
ALTER TABLE public.practitioner_assignments
    ADD CONSTRAINT practitioner_assignments_assigned_at_check CHECK (assigned_at IS NOT NULL) NOT VALID;
