-- The coach dashboard (organizational model): whether the caller holds the coach role, and their assigned practitioners
SELECT coalesce((SELECT 'coach' = ANY (p.roles) FROM public.profiles p WHERE p.id = (SELECT auth.uid())), false)
           AS allowed,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'id', pr.id,
                   'full_name', pr.full_name,
                   'assigned_at', a.assigned_at,
                   'completed_stages', (SELECT count(*) FROM public.user_virtue_stage_progress g
                                         WHERE g.user_id = pr.id AND g.status = 'completed'))
                   ORDER BY pr.full_name, pr.id), '[]'::jsonb)
          FROM public.practitioner_assignments a
          JOIN public.profiles pr ON pr.id = a.practitioner_id
         WHERE a.supervisor_id = (SELECT auth.uid()) AND a.supervisor_role = 'coach' AND a.active) AS practitioners
