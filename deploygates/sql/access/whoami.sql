-- Who the session acts as right now: role, auth.uid() and whether the transaction is read-only
SELECT current_user::text, auth.uid()::text, current_setting('transaction_read_only')
