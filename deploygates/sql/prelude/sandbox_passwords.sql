-- Every identity of a restored production copy signs in to the sandbox with the sandbox password
-- (sandbox-password, bcrypt cost 10): the sandbox's smoke gates sign in as sampled users, whose real
-- passwords nobody knows. Only ever run on the scratch copy; the production database is never written.
DO $passwords$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                WHERE attrelid = to_regclass('auth.users') AND attname = 'encrypted_password' AND NOT attisdropped) THEN
        UPDATE auth.users SET encrypted_password = '$2a$10$HQYGzcica7QYG0V./yAG7OzhHwfL47i7Qj1UsZhkKqB4geLJYtbim';
    END IF;
END
$passwords$;
