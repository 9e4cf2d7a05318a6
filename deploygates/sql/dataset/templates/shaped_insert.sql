-- A known table filled by its domain shaping (deploygates/sql/dataset/domain/), adapted to the table as
-- it is: the shaping's columns the table has, cast to their types, and generated values for the
-- table's required columns the shaping does not know (numbered by the shaping's row order)
INSERT INTO {table} ({columns}) {overriding}
SELECT {values}
  FROM {source}
      {joins}
