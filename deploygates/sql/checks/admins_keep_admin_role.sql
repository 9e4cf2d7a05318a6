-- Every admin kept the role admin
-- DOMAIN.md 4.3: every pre-existing role is kept. Violating rows: profiles with role 'admin'
-- whose roles lack 'admin' (profiles_role_idx finds the admins).
SELECT p.id AS profile_id, p.role, p.roles
  FROM public.profiles p
 WHERE p.role = 'admin'
   AND NOT coalesce('admin' = ANY (p.roles), false)
 ORDER BY p.id;
