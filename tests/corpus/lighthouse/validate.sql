\set ON_ERROR_STOP on
-- Lighthouse: is the organizational model in place and the data carried over? Read-only. Stops at the
-- first broken promise with an exception (psql exits 3): the runbook then rolls back.
DO $check$
DECLARE
    bad bigint;
    what text;
BEGIN
    IF to_regclass('public.organizations') IS NULL OR to_regclass('public.practitioner_assignments') IS NULL
       OR to_regclass('public.organization_invitations') IS NULL THEN
        RAISE EXCEPTION 'FAIL: the organizational tables are missing';
    END IF;

    SELECT count(*) INTO bad FROM public.organizations WHERE slug = 'individual-users' AND name = 'Individual Users';
    IF bad <> 1 THEN RAISE EXCEPTION 'FAIL: the default organization Individual Users is missing'; END IF;

    EXECUTE 'SELECT count(*) FROM public.profiles WHERE organization_id IS NULL' INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % profiles without an organization', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.profiles
                WHERE roles IS NULL OR cardinality(roles) = 0
                   OR NOT roles <@ '{admin,coach,therapist,practitioner}'::text[]$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % profiles with no role or a role that does not exist', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.profiles WHERE role = 'admin' AND NOT 'admin' = ANY (roles)$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % admins lost the admin role', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.profiles p
                WHERE NOT 'coach' = ANY (p.roles)
                  AND (p.role = 'sponsor'
                       OR EXISTS (SELECT 1 FROM public.sponsor_relationships r WHERE r.sponsor_id = p.id)
                       OR EXISTS (SELECT 1 FROM public.sponsor_connections c WHERE c.sponsor_user_id = p.id))$q$
        INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % sponsors are not coaches', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.sponsor_relationships r
                WHERE r.sponsor_id IS NOT NULL
                  AND (SELECT count(*) FROM public.practitioner_assignments a
                        WHERE a.practitioner_id = r.practitioner_id AND a.supervisor_id = r.sponsor_id
                          AND a.supervisor_role = 'coach') <> 1$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % sponsor relationships without exactly one coach assignment', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.practitioner_assignments a
                JOIN public.sponsor_relationships r
                  ON r.practitioner_id = a.practitioner_id AND r.sponsor_id = a.supervisor_id
                WHERE a.supervisor_role = 'coach'
                  AND (a.assigned_at IS DISTINCT FROM r.created_at OR a.active IS DISTINCT FROM (r.status = 'active'))$q$
        INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % coach assignments differ from their relationship', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.practitioner_assignments a
                WHERE a.supervisor_role = 'coach'
                  AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                                   WHERE r.practitioner_id = a.practitioner_id AND r.sponsor_id = a.supervisor_id)
                  AND NOT EXISTS (SELECT 1 FROM public.sponsor_connections c
                                   WHERE c.practitioner_user_id = a.practitioner_id
                                     AND c.sponsor_user_id = a.supervisor_id AND c.status = 'active')$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % coach assignments come from nowhere', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.practitioner_assignments a
                JOIN public.profiles p ON p.id = a.practitioner_id
                WHERE a.organization_id IS DISTINCT FROM p.organization_id$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % assignments outside their practitioner''s organization', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.sponsor_connections c
                WHERE c.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM public.practitioner_assignments a
                                   WHERE a.practitioner_id = c.practitioner_user_id
                                     AND a.supervisor_id = c.sponsor_user_id AND a.supervisor_role = 'coach'
                                     AND a.active)$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % active connections lost on the coach dashboard', bad; END IF;

    EXECUTE $q$SELECT count(*) FROM public.organizations o
                WHERE o.active_user_count <> (SELECT count(*) FROM public.profiles p
                                               WHERE p.organization_id = o.id AND p.is_active)
                   OR o.active_user_count > o.max_users$q$ INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % organizations miscounted or over their seats', bad; END IF;

    EXECUTE $q$SELECT (SELECT count(*) FROM public.practitioner_assignments a
                        WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = a.organization_id)
                           OR NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.id = a.practitioner_id)
                           OR NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.id = a.supervisor_id))
                     + (SELECT count(*) FROM public.profiles p
                         WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = p.organization_id))$q$
        INTO bad;
    IF bad > 0 THEN RAISE EXCEPTION 'FAIL: % rows point at nothing', bad; END IF;

    SELECT string_agg(c.relname, ', ') INTO what FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relrowsecurity
       AND c.relname NOT IN ('app_settings', 'streaks');
    IF what IS NOT NULL THEN RAISE EXCEPTION 'FAIL: row level security is off on %', what; END IF;

    SELECT string_agg(c.relname || ' ' || p, ', ') INTO what FROM pg_catalog.pg_class c,
           unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'app_settings'
       AND NOT has_table_privilege('authenticated', c.oid, p);
    IF what IS NOT NULL THEN RAISE EXCEPTION 'FAIL: authenticated lacks %', what; END IF;

    SELECT string_agg(i.indexrelid::regclass::text, ', ') INTO what FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT (i.indisvalid AND i.indisready);
    IF what IS NOT NULL THEN RAISE EXCEPTION 'FAIL: invalid indexes %', what; END IF;

    SELECT string_agg(conname, ', ') INTO what FROM pg_catalog.pg_constraint
     WHERE connamespace = 'public'::regnamespace AND NOT convalidated;
    IF what IS NOT NULL THEN RAISE EXCEPTION 'FAIL: constraints never validated: %', what; END IF;

    RAISE NOTICE 'organizational model validated';
END
$check$;
