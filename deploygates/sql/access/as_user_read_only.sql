-- Impersonate a user for the rest of a read-only transaction, as Supabase does: their API role (SET LOCAL
-- ROLE authenticated, or anon when signed out) and the JWT claims that auth.uid() and auth.jwt() read
SELECT set_config('transaction_read_only', 'on', true),
       set_config('role', %(role)s, true),
       set_config('request.jwt.claims', %(claims)s, true)
