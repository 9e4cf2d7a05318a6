-- No coach assignment exists without the sponsor relationship (or active sponsor connection) it comes from
-- DOMAIN.md 4.2 (counts one to one) and 4.5: the migration creates a coach assignment for each
-- relationship with a sponsor, and for an active connection no relationship describes.
-- Violating rows: coach assignments with neither.
SELECT a.id AS assignment_id, a.practitioner_id, a.supervisor_id, a.active, a.assigned_at
  FROM public.practitioner_assignments a
 WHERE a.supervisor_role = 'coach'
   AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                    WHERE r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id)
   AND NOT EXISTS (SELECT 1 FROM public.sponsor_connections c
                    WHERE c.practitioner_user_id = a.practitioner_id
                      AND c.sponsor_user_id = a.supervisor_id AND c.status = 'active')
 ORDER BY a.id;
