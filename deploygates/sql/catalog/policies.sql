-- Row-level security policies
SELECT p.schemaname || '.' || p.tablename || '.' || p.policyname AS identity,
       p.permissive || ' ' || p.cmd || ' to=' || array_to_string(p.roles, ',')
       || ' using=' || coalesce(p.qual, '') || ' check=' || coalesce(p.with_check, '') AS definition
FROM pg_policies p
