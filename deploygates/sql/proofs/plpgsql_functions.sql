-- PL/pgSQL functions with the identity and definition the catalog snapshot gives them (sql/catalog/
-- functions.sql), and for a trigger function the tables whose triggers call it, with the names those
-- triggers give their transition tables (REFERENCING OLD/NEW TABLE AS …)
SELECT p.oid::int8 AS oid,
       n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS identity,
       'returns=' || coalesce(pg_get_function_result(p.oid), '') || ' kind=' || p.prokind::text
       || ' volatile=' || p.provolatile::text || ' security_definer=' || p.prosecdef
       || ' config=' || coalesce(array_to_string(p.proconfig, ','), '')
       || ' owner=' || pg_get_userbyid(p.proowner) || ' body=' || md5(p.prosrc) AS definition,
       p.prorettype = 'pg_catalog.trigger'::regtype AS is_trigger,
       coalesce((SELECT jsonb_agg(jsonb_build_object('relid', x.tgrelid::int8, 'old', x.old, 'new', x.new))
                   FROM (SELECT t.tgrelid, min(t.tgoldtable) AS old, min(t.tgnewtable) AS new
                           FROM pg_trigger t WHERE t.tgfoid = p.oid GROUP BY t.tgrelid) x), '[]'::jsonb)
           AS trigger_tables
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
 WHERE l.lanname = 'plpgsql' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
