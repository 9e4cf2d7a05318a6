-- The default organization's active_user_count one more than its active members
-- flagged by: active_user_count_correct
-- The tables' own triggers (a team's guard on profiles or organizations) do not fire for it.
SET session_replication_role = replica;
UPDATE public.organizations o
   SET active_user_count = 1 + (SELECT count(*) FROM public.profiles p WHERE p.organization_id = o.id AND p.is_active)
 WHERE o.slug = 'individual-users';
