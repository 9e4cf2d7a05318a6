-- One virtue of the reference catalogue with its stages and prompts
SELECT jsonb_build_object(
           'id', v.id,
           'name', v.name,
           'short_description', v.short_description,
           'stages', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                              'stage', s.stage_number,
                              'title', s.title,
                              'prompts', (SELECT coalesce(jsonb_agg(sp.prompt_text ORDER BY sp.sort_order, sp.id),
                                                          '[]'::jsonb)
                                            FROM public.stage_prompts sp WHERE sp.stage_id = s.id))
                              ORDER BY s.stage_number), '[]'::jsonb)
                        FROM public.virtue_stages s WHERE s.virtue_id = v.id))
  FROM public.virtues v
 WHERE v.id = %(virtue)s
