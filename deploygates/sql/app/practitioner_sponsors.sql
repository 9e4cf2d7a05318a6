-- The signed-in practitioner's sponsors (previous app version: live sponsor connections)
SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'full_name', s.full_name) ORDER BY s.full_name, s.id),
                '[]'::jsonb)
  FROM public.sponsor_connections c
  JOIN public.profiles s ON s.id = c.sponsor_user_id
 WHERE c.practitioner_user_id = (SELECT auth.uid()) AND c.status = 'active'
