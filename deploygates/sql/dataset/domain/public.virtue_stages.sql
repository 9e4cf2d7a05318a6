-- Three stages per virtue
INSERT INTO public.virtue_stages (id, virtue_id, stage_number, title, description, created_at)
SELECT (v.id - 1) * 3 + s.n, v.id, s.n,
       s.title || ' ' || lower(v.name),
       'Stage ' || s.n || ' of ' || lower(v.name) || ': ' || s.what,
       v.created_at
  FROM public.virtues v,
       (VALUES (1, 'Recognising', 'see where the defect shows up.'),
               (2, 'Practising', 'act against the defect in small, daily ways.'),
               (3, 'Living', 'make the virtue a settled habit and help others with it.'))
           AS s(n, title, what)
 ORDER BY 1;
