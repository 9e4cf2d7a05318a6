-- An invalid index (as a failed CREATE INDEX CONCURRENTLY leaves one)
-- flagged by: indexes_valid
UPDATE pg_catalog.pg_index SET indisvalid = false
 WHERE indexrelid = 'public.practitioner_assignments_supervisor_id_idx'::regclass;
