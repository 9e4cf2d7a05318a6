-- A user opens their profile
SELECT id, full_name, role, created_at FROM public.profiles WHERE id = %(user_id)s;
