-- Policies on a table whose row level security is off (Supabase's lint policy_exists_rls_disabled): the
-- policies were written to protect it, and protect nothing
SELECT n.nspname || '.' || c.relname AS object,
       'row level security off; policies ' || string_agg(pg_catalog.quote_ident(p.polname), ', ' ORDER BY p.polname)
       AS detail
  FROM pg_catalog.pg_policy p
  JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT c.relrowsecurity
 GROUP BY n.nspname, c.relname
 ORDER BY object
