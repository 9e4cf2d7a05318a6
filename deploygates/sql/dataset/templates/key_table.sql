-- The rows a table got, numbered: its children pick a parent by number (deploygates/dataset/generic.py)
CREATE TEMP TABLE {keys} ON COMMIT DROP AS
SELECT row_number() OVER () AS n, {columns} FROM {table} WHERE {present};
CREATE UNIQUE INDEX ON {keys} (n);
ANALYZE {keys}
