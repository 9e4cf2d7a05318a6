-- Every user has at least one role, and only allowed ones (admin, coach, therapist, practitioner)
-- DOMAIN.md 4.3. Violating rows: profiles with NULL, empty or unknown roles.
SELECT p.id AS profile_id, p.role, p.roles
  FROM public.profiles p
 WHERE p.roles IS NULL
    OR cardinality(p.roles) = 0
    OR array_position(p.roles, NULL) IS NOT NULL
    OR NOT p.roles <@ ARRAY['admin', 'coach', 'therapist', 'practitioner']::text[]
 ORDER BY p.id;
