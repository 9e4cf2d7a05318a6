-- Each active sponsor connection is mirrored by an active coach assignment
-- DOMAIN.md 4.5: the coach dashboard shows the practitioners the sponsor dashboard showed.
-- Violating rows: active connections without an active coach assignment for the same pair.
SELECT c.id AS connection_id, c.sponsor_user_id, c.practitioner_user_id
  FROM public.sponsor_connections c
 WHERE c.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM public.practitioner_assignments a
                    WHERE a.practitioner_id = c.practitioner_user_id
                      AND a.supervisor_id = c.sponsor_user_id
                      AND a.supervisor_role = 'coach'
                      AND a.active)
 ORDER BY c.id;
