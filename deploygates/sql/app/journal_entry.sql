-- One journal entry the caller may read
SELECT jsonb_build_object('id', j.id, 'user_id', j.user_id, 'created_at', j.created_at, 'entry_text', j.entry_text)
  FROM public.journal_entries j
 WHERE j.id = %(entry)s
