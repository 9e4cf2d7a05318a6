-- Profiles: one per identity; admins, sponsors and users in the plan's ratios
INSERT INTO public.profiles (id, role, full_name, phone_number, created_at, has_completed_first_assessment)
SELECT u.id, u.role, u.full_name,
       CASE WHEN pg_temp.h('phone', u.i) % 100 < 60
            THEN '+1555' || lpad((pg_temp.h('phonen', u.i) % 10000000)::text, 7, '0') END,
       u.created_at,
       u.active
  FROM g_user u
 ORDER BY u.ord;
