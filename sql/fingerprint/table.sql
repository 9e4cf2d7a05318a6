-- Row count and order-independent content hash of one table over its pre-migration columns
SELECT count(*) AS row_count,
       coalesce(sum(('x' || left(md5(ROW({columns})::text), 16))::bit(64)::bigint), 0)::text AS content_hash
FROM {table}
