-- Row count and order-independent content hash of one table, over each row's text: for tables with a
-- column type that has no hash function (json, point, …).
SELECT count(*) AS row_count,
       'text:' || coalesce(sum(hashtextextended(ROW({columns})::text, 0)), 0)::text AS content_hash
FROM {table}
