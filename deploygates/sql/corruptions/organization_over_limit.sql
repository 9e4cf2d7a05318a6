-- The default organization over its user limit (its limit constraint dropped)
-- flagged by: active_users_within_limit
ALTER TABLE public.organizations DROP CONSTRAINT organizations_active_users_within_limit;
UPDATE public.organizations SET max_users = 1 WHERE slug = 'individual-users';
