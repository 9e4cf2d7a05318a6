-- No profile or assignment references a missing organization or profile
-- DOMAIN.md 4.8. Violating rows: the referencing row, the column and the missing id.
SELECT 'profiles.organization_id' AS reference, p.id::text AS row_id, p.organization_id AS missing_id
  FROM public.profiles p
 WHERE p.organization_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = p.organization_id)
UNION ALL
SELECT 'practitioner_assignments.practitioner_id', a.id::text, a.practitioner_id
  FROM public.practitioner_assignments a
 WHERE NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.id = a.practitioner_id)
UNION ALL
SELECT 'practitioner_assignments.supervisor_id', a.id::text, a.supervisor_id
  FROM public.practitioner_assignments a
 WHERE NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.id = a.supervisor_id)
UNION ALL
SELECT 'practitioner_assignments.organization_id', a.id::text, a.organization_id
  FROM public.practitioner_assignments a
 WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = a.organization_id)
ORDER BY 1, 2;
