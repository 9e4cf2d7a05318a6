-- The sandbox database gets pg_stat_statements where Supabase installs it (schema extensions)
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;
