-- Row count and order-independent content hash of one table over its pre-migration columns.
-- hash_record_extended hashes the values themselves (several times faster than hashing each row's
-- text); a table with a column type that has no hash function falls back to table_text.sql.
SELECT count(*) AS row_count,
       'record:' || coalesce(sum(hash_record_extended(ROW({columns}), 0)), 0)::text AS content_hash
FROM {table}
