-- The signed-in practitioner's coaches (organizational model: active coach assignments)
SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'full_name', s.full_name) ORDER BY s.full_name, s.id),
                '[]'::jsonb)
  FROM public.practitioner_assignments a
  JOIN public.profiles s ON s.id = a.supervisor_id
 WHERE a.practitioner_id = (SELECT auth.uid()) AND a.supervisor_role = 'coach' AND a.active
