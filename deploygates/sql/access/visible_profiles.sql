-- The profiles the impersonated user can read
SELECT p.id::text FROM public.profiles p
