-- Whose journal entries the impersonated user can read
SELECT DISTINCT j.user_id::text FROM public.journal_entries j
