-- Distinct users active in a window (a journal entry written, or virtue progress updated)
-- Engagement (runbook MON24H-1, BIZ-4): the window after the migration is compared with the same window before.
SELECT count(DISTINCT user_id) AS active_users
  FROM (SELECT user_id FROM public.journal_entries
         WHERE created_at >= %(window_start)s AND created_at < %(window_end)s
        UNION ALL
        SELECT user_id FROM public.user_virtue_stage_progress
         WHERE updated_at >= %(window_start)s AND updated_at < %(window_end)s) AS activity
