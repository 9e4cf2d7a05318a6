-- SELECT revoked from authenticated on a new table
-- flagged by: authenticated_grants_on_new_tables
REVOKE SELECT ON public.organizations FROM authenticated;
