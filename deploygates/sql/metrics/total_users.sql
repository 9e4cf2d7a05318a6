-- Total Users
-- SUCCESS-1 of the runbook: every profile.
SELECT count(*) AS total_users FROM public.profiles;
