-- The identity an e-mail signs in as (read by the service backend, as Supabase's auth server does)
SELECT u.id::text AS id,
       u.email,
       u.encrypted_password,
       u.email_confirmed_at IS NOT NULL AS confirmed,
       coalesce(u.banned_until > now(), false) OR u.deleted_at IS NOT NULL AS blocked
  FROM auth.users u
 WHERE lower(u.email) = lower(%(email)s)
