-- INSERT revoked from authenticated on a pre-existing table
-- flagged by: authenticated_grants_on_existing_tables
REVOKE INSERT ON public.journal_entries FROM authenticated;
