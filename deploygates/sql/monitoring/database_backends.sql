-- Server processes serving this database now, and the server's data directory (for reading their CPU time)
SELECT a.pid, current_setting('data_directory') AS data_directory
  FROM pg_stat_activity a
 WHERE a.datname = current_database()
   AND a.backend_type = 'client backend'
