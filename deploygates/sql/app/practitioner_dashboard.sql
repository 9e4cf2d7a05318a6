-- The signed-in user's own dashboard: profile, virtues with stage progress, active virtue, latest journal entry
SELECT jsonb_build_object(
           'user_id', p.id,
           'full_name', p.full_name,
           'has_completed_first_assessment', p.has_completed_first_assessment,
           'active_virtue_id', (SELECT av.virtue_id FROM public.user_active_virtue av WHERE av.user_id = p.id),
           'completed_stages', (SELECT count(*) FROM public.user_virtue_stage_progress g
                                 WHERE g.user_id = p.id AND g.status = 'completed'),
           'virtues', (SELECT jsonb_agg(jsonb_build_object(
                                  'id', v.id,
                                  'name', v.name,
                                  'stages', (SELECT coalesce(jsonb_agg(jsonb_build_object('stage', g.stage_number,
                                                                                          'status', g.status)
                                                                       ORDER BY g.stage_number), '[]'::jsonb)
                                               FROM public.user_virtue_stage_progress g
                                              WHERE g.user_id = p.id AND g.virtue_id = v.id))
                                  ORDER BY v.id)
                         FROM public.virtues v),
           'latest_journal_entry', (SELECT jsonb_build_object('id', j.id, 'created_at', j.created_at,
                                                              'entry_text', j.entry_text)
                                      FROM public.journal_entries j
                                     WHERE j.user_id = p.id
                                     ORDER BY j.created_at DESC, j.id DESC
                                     LIMIT 1))
  FROM public.profiles p
 WHERE p.id = (SELECT auth.uid())
