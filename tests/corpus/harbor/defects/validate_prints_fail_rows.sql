-- harbor: validation, the first version: one row per check, PASS or FAIL. Nobody reads the output at
-- 3 a.m., and psql exits 0 whatever the rows say, so the runbook's `if [ $? -ne 0 ]` never rolls back.
select check_name, case when violations = 0 then 'PASS' else 'FAIL' end as result, violations
  from (values
    ('organizations exist', (select count(*) from pg_catalog.pg_class
                              where relname = 'organizations' and relnamespace = 'public'::regnamespace) - 1),
    ('profiles have roles', (select count(*) from pg_catalog.pg_attribute
                              where attrelid = 'public.profiles'::regclass and attname = 'roles') - 1)
  ) as checks(check_name, violations);
