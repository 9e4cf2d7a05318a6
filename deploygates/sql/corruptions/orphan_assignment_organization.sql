-- One assignment pointing at an organization that does not exist (foreign keys bypassed)
-- flagged by: no_orphan_references
SET session_replication_role = replica;
UPDATE public.practitioner_assignments SET organization_id = gen_random_uuid()
 WHERE id = (SELECT id FROM public.practitioner_assignments ORDER BY id LIMIT 1);
