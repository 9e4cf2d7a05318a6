-- A practitioner's dashboard shows virtue progress
SELECT virtue_id, stage_number, status FROM public.user_virtue_stage_progress WHERE user_id = %(user_id)s;
