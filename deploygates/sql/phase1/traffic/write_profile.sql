-- A user edits their profile
UPDATE public.profiles SET phone_number = phone_number WHERE id = %(user_id)s;
