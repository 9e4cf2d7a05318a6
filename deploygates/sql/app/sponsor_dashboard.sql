-- The sponsor dashboard (previous app version): whether the caller is a sponsor, and their actively connected practitioners
SELECT coalesce((SELECT p.role FROM public.profiles p WHERE p.id = (SELECT auth.uid())) = 'sponsor', false) AS allowed,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'id', pr.id,
                   'full_name', pr.full_name,
                   'journal_shared', c.journal_shared,
                   'completed_stages', (SELECT count(*) FROM public.user_virtue_stage_progress g
                                         WHERE g.user_id = pr.id AND g.status = 'completed'))
                   ORDER BY pr.full_name, pr.id), '[]'::jsonb)
          FROM public.sponsor_connections c
          JOIN public.profiles pr ON pr.id = c.practitioner_user_id
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active') AS practitioners
