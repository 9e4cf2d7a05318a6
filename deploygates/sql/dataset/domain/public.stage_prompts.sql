-- Three prompts per stage
INSERT INTO public.stage_prompts (id, stage_id, prompt_text, prompt_type, sort_order, created_at)
SELECT (st.id - 1) * 3 + k.n, st.id,
       k.template || ' (' || st.title || ')',
       k.kind, k.n, st.created_at
  FROM public.virtue_stages st,
       (VALUES (1, 'reflection', 'Describe a recent moment when this stage felt hard.'),
               (2, 'action', 'Choose one concrete act for tomorrow and write it down.'),
               (3, 'meditation', 'Sit quietly for five minutes and note what comes up.'))
           AS k(n, kind, template)
 ORDER BY 1;
