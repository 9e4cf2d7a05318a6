-- The latest user activity recorded (journal entries, virtue progress): the sandbox dataset's clock
SELECT greatest((SELECT max(created_at) FROM public.journal_entries),
                (SELECT max(updated_at) FROM public.user_virtue_stage_progress)) AS latest_activity
