-- Every sponsor holds the role coach
-- DOMAIN.md 4.3. A sponsor: role 'sponsor', or the sponsor of a sponsor relationship or a
-- sponsor connection. Violating rows: sponsors whose roles lack 'coach'.
WITH sponsors AS (
    SELECT p.id FROM public.profiles p WHERE p.role = 'sponsor'
    UNION
    SELECT r.sponsor_id FROM public.sponsor_relationships r WHERE r.sponsor_id IS NOT NULL
    UNION
    SELECT c.sponsor_user_id FROM public.sponsor_connections c
)
SELECT p.id AS profile_id, p.role, p.roles
  FROM sponsors s
  JOIN public.profiles p ON p.id = s.id
 WHERE NOT coalesce('coach' = ANY (p.roles), false)
 ORDER BY p.id;
