-- A table's own triggers off while it loads (outside replica mode, e.g. a sign-up hook)
ALTER TABLE {table} DISABLE TRIGGER USER
