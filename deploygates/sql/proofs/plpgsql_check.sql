-- plpgsql_check's errors in one function (a trigger function as its triggers on one table call it, with
-- their transition tables), every error rather than the first
SELECT lineno, statement, sqlstate, message, detail, hint
  FROM plpgsql_check_function_tb(%(oid)s::oid, %(relid)s::oid, fatal_errors => false,
                                 oldtable => %(old)s, newtable => %(new)s)
 WHERE level = 'error'
