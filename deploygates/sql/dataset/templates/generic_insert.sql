-- A table filled from its catalog alone (deploygates/dataset/generic.py); a generated row that would
-- violate one of the table's CHECK constraints is not inserted
INSERT INTO {table} ({columns}) {overriding}
SELECT {columns}
  FROM (SELECT {values}
          FROM generate_series(1, {rows}) AS g(n)
      {joins}) AS r
 WHERE {filter}
