-- Row level security disabled on a new table
-- flagged by: rls_enabled_on_public_tables
ALTER TABLE public.practitioner_assignments DISABLE ROW LEVEL SECURITY;
