-- An invalid index (as a failed CREATE INDEX CONCURRENTLY leaves one): the index on practitioner_assignments.supervisor_id
-- flagged by: indexes_valid
-- Found through the catalog: an index of public.practitioner_assignments with supervisor_id among its
-- key columns (leading first), else any index of the table but its primary key.
DO $corrupt$
DECLARE
    target regclass;
BEGIN
    SELECT i.indexrelid::regclass INTO target
      FROM pg_catalog.pg_index i
      LEFT JOIN pg_catalog.pg_attribute a
             ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[]) AND a.attname = 'supervisor_id'
     WHERE i.indrelid = to_regclass('public.practitioner_assignments') AND NOT i.indisprimary
     ORDER BY a.attnum IS NULL, array_position(i.indkey::int2[], a.attnum), i.indexrelid
     LIMIT 1;
    IF target IS NULL THEN
        RAISE EXCEPTION 'not applicable: public.practitioner_assignments has no index but its primary key';
    END IF;
    UPDATE pg_catalog.pg_index SET indisvalid = false WHERE indexrelid = target;
END
$corrupt$;
