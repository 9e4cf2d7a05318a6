-- Active sponsor connections no sponsor relationship describes
-- Each also becomes a coach assignment (DOMAIN.md 4.5); none in the sandbox, possible in production.
SELECT count(*) AS active_connections_without_relationship
  FROM public.sponsor_connections c
 WHERE c.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                    WHERE r.sponsor_id = c.sponsor_user_id AND r.practitioner_id = c.practitioner_user_id);
