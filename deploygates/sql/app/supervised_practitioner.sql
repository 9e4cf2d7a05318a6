-- One practitioner's progress as their supervisor sees it
SELECT jsonb_build_object(
           'id', pr.id,
           'full_name', pr.full_name,
           'active_virtue_id', (SELECT av.virtue_id FROM public.user_active_virtue av WHERE av.user_id = pr.id),
           'progress', (SELECT coalesce(jsonb_agg(jsonb_build_object('virtue_id', g.virtue_id, 'stage', g.stage_number,
                                                                     'status', g.status)
                                                  ORDER BY g.virtue_id, g.stage_number), '[]'::jsonb)
                          FROM public.user_virtue_stage_progress g WHERE g.user_id = pr.id))
  FROM public.profiles pr
 WHERE pr.id = %(practitioner)s::uuid
