-- One user holding a role that does not exist (its check constraint dropped)
-- flagged by: profile_roles_valid
ALTER TABLE public.profiles DROP CONSTRAINT profiles_roles_check;
UPDATE public.profiles SET roles = ARRAY['sponsor']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'user' ORDER BY id LIMIT 1);
