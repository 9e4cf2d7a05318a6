-- Identities: every user signs in as userNNNNNN@sandbox.test with the password sandbox-password
INSERT INTO auth.users (id, instance_id, aud, role, email, encrypted_password, email_confirmed_at,
                        last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
SELECT u.id,
       '00000000-0000-0000-0000-000000000000'::uuid,
       'authenticated', 'authenticated',
       u.email,
       -- bcrypt (cost 10) of 'sandbox-password'
       '$2a$10$HQYGzcica7QYG0V./yAG7OzhHwfL47i7Qj1UsZhkKqB4geLJYtbim',
       CASE WHEN u.role = 'user' AND NOT u.seen AND u.bucket < 12 AND pg_temp.h('unconf', u.i) % 3 = 0
            THEN NULL
            ELSE u.created_at + make_interval(secs => pg_temp.h('conf', u.i) % 3600) END,
       u.last_seen,
       '{"provider": "email", "providers": ["email"]}'::jsonb,
       jsonb_build_object('full_name', u.full_name),
       u.created_at,
       coalesce(u.last_seen, u.created_at)
  FROM g_user u
 ORDER BY u.ord;
