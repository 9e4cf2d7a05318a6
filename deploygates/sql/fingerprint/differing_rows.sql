-- The rows of one table, as text, whose hash falls in the given buckets (for showing a diff)
SELECT ROW({columns})::text AS row_text
FROM {table}
WHERE left(md5(ROW({columns})::text), 2) = ANY(%(buckets)s)
ORDER BY 1
LIMIT 2000
