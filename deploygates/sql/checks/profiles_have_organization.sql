-- Every profile belongs to an organization
-- DOMAIN.md 4.1. Violating rows: profiles whose organization_id is NULL (the index on
-- profiles(organization_id, is_active) answers it without reading the table).
SELECT p.id AS profile_id, p.role, p.created_at
  FROM public.profiles p
 WHERE p.organization_id IS NULL
 ORDER BY p.id;
