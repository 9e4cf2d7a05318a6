-- A practitioner writes a journal entry
INSERT INTO public.journal_entries (user_id, entry_text) VALUES (%(user_id)s, 'simulated traffic');
