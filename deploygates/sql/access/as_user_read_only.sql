-- Impersonate a user for the rest of a read-only transaction, as Supabase does: role authenticated
-- (SET LOCAL ROLE) and the JWT claims that auth.uid() and auth.jwt() read
SELECT set_config('transaction_read_only', 'on', true),
       set_config('role', 'authenticated', true),
       set_config('request.jwt.claims', %(claims)s, true)
