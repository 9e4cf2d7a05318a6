-- Impersonate a user for the rest of a transaction that will be rolled back (a scratch clone only): their API
-- role and the JWT claims that auth.uid() and auth.jwt() read, with a bound on each statement
SELECT set_config('role', %(role)s, true),
       set_config('request.jwt.claims', %(claims)s, true),
       set_config('statement_timeout', %(timeout)s, true)
