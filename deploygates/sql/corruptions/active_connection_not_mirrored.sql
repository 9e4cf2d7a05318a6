-- One active sponsor connection whose coach assignment is inactive
-- flagged by: active_connections_mirrored
UPDATE public.practitioner_assignments a SET active = false
  FROM (SELECT c.practitioner_user_id, c.sponsor_user_id FROM public.sponsor_connections c
         WHERE c.status = 'active' ORDER BY c.id LIMIT 1) c
 WHERE a.practitioner_id = c.practitioner_user_id AND a.supervisor_id = c.sponsor_user_id;
