-- A practitioner's dashboard shows the latest journal entries
SELECT id, created_at, entry_text FROM public.journal_entries WHERE user_id = %(user_id)s ORDER BY created_at DESC LIMIT 20;
