-- The twelve virtues
INSERT INTO public.virtues (id, name, description, short_description, author_description, created_at)
SELECT v.id, v.name,
       v.name || ' is practised by noticing where its opposite, ' || v.defect
           || ', shapes daily choices and deliberately choosing otherwise.',
       'Growing in ' || lower(v.name) || ' instead of ' || v.defect || '.',
       'Reflections on ' || lower(v.name) || ' drawn from the programme''s workbook.',
       p.epoch - interval '900 days'
  FROM g_param p,
       (VALUES (1, 'Humility', 'pride'), (2, 'Honesty', 'deceit'), (3, 'Gratitude', 'entitlement'),
               (4, 'Patience', 'impatience'), (5, 'Generosity', 'greed'), (6, 'Courage', 'fear'),
               (7, 'Temperance', 'excess'), (8, 'Justice', 'partiality'), (9, 'Prudence', 'rashness'),
               (10, 'Forgiveness', 'resentment'), (11, 'Diligence', 'sloth'), (12, 'Kindness', 'contempt'))
           AS v(id, name, defect)
 ORDER BY v.id;
