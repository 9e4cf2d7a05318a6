-- Impersonate a signed-in user for the rest of the transaction, as PostgREST does for Supabase:
-- role authenticated (SET LOCAL ROLE) and the JWT claims that auth.uid() and auth.jwt() read
SELECT set_config('role', 'authenticated', true),
       set_config('request.jwt.claims', %(claims)s, true),
       set_config('TimeZone', 'UTC', true)
