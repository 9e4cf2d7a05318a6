-- Row count and content hash of one table per bucket of row hashes, to narrow down a difference
SELECT left(md5(ROW({columns})::text), 2) AS bucket,
       count(*)::text || ':' || sum(('x' || left(md5(ROW({columns})::text), 16))::bit(64)::bigint)::text AS fingerprint
FROM {table}
GROUP BY 1
