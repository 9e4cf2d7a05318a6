-- The application records a user's activity
UPDATE public.user_activity_sessions SET last_seen = now(), updated_at = now() WHERE user_id = %(user_id)s;
