-- The row-level security policies of a table, by name
SELECT policyname FROM pg_policies WHERE schemaname = %(schema)s AND tablename = %(table)s ORDER BY policyname
