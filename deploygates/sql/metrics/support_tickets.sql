-- Support tickets opened in a window
-- Support-ticket volume (runbook MON24H-2, BIZ-3, RBCONS-5): after the migration against the weeks before it.
SELECT count(*) AS support_tickets
  FROM public.support_tickets
 WHERE created_at >= %(window_start)s AND created_at < %(window_end)s
