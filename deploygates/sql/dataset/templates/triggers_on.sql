-- A table's own triggers on again after its load
ALTER TABLE {table} ENABLE TRIGGER USER
