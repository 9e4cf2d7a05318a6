-- Every assignment is in its practitioner's organization
-- DOMAIN.md 4.2. Violating rows: assignments whose organization differs from the practitioner's
-- (an assignment whose practitioner is missing is reported by no_orphan_references).
SELECT a.id AS assignment_id, a.practitioner_id, a.organization_id AS assignment_organization,
       p.organization_id AS practitioner_organization
  FROM public.practitioner_assignments a
  JOIN public.profiles p ON p.id = a.practitioner_id
 WHERE a.organization_id IS DISTINCT FROM p.organization_id
 ORDER BY a.id;
