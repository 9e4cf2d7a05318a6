-- Sponsor relationships with a sponsor
-- Each becomes exactly one coach assignment (DOMAIN.md 4.2).
SELECT count(*) AS sponsor_relationships_with_sponsor
  FROM public.sponsor_relationships WHERE sponsor_id IS NOT NULL;
