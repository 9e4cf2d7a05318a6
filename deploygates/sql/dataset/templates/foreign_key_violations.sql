-- Rows of the table just loaded whose foreign keys point at nothing
SELECT constraint_name, violating_rows FROM pg_temp.foreign_key_violations({table})
