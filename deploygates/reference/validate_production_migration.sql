\set ON_ERROR_STOP on
-- Validates the organizational-model migration (DOMAIN.md section 4, guarantees 1-3 and 5-8:
-- whatever the migrated database alone can show; 4 and the before/after part of 7 need the
-- pre-migration snapshot and are the suite's job).
--
-- Read-only: one DO block of SELECTs (safe inside a read-only transaction on production). It
-- looks new objects up in the catalogs before touching them, so on an un-migrated database it
-- fails with a clear message instead of an error. Every check runs, even after failures:
--   NOTICE  validation check passed: <check>
--   NOTICE  validation check failed: <check>: <detail>
-- and at the end an EXCEPTION naming every failed check, so
-- `psql -X -v ON_ERROR_STOP=1 -f validate_production_migration.sql` exits 0 only when all pass
-- (the first line makes plain `psql -f`, as the runbook calls it, stop and fail too).
DO $validate$
DECLARE
    -- Tables the baseline had; the authenticated role must keep its grants on them.
    c_existing_tables constant text[] := ARRAY[
        'profiles', 'virtues', 'virtue_stages', 'stage_prompts', 'user_virtue_stage_progress',
        'user_active_virtue', 'journal_entries', 'practitioner_freeform_entries',
        'practitioner_stage_memos', 'user_virtue_stage_memos', 'user_assessments',
        'user_assessment_results', 'user_activity_sessions', 'support_tickets', 'error_logs',
        'sponsor_relationships', 'sponsor_connections', 'sponsor_chat_messages',
        'sponsor_visible_memos', 'sponsor_feedback'];
    c_new_tables constant text[] := ARRAY[
        'organizations', 'practitioner_assignments', 'organization_invitations'];
    c_core_present boolean;
    v_check record;
    v_violations bigint;
    v_detail text;
    v_failed text[] := '{}';
    v_total integer := 0;
BEGIN
    -- The data checks below need these; without them they are reported as not run (failed).
    c_core_present :=
        to_regclass('public.organizations') IS NOT NULL
        AND to_regclass('public.practitioner_assignments') IS NOT NULL
        AND to_regclass('public.organization_invitations') IS NOT NULL
        AND (SELECT count(*) = 3 FROM pg_catalog.pg_attribute
              WHERE attrelid = 'public.profiles'::regclass AND NOT attisdropped
                AND attname IN ('organization_id', 'roles', 'is_active'));

    -- Each check: a query returning (number of violations, detail shown when it is not 0).
    FOR v_check IN
        SELECT * FROM (VALUES
        -- ---------------------------------------------------------------- objects (catalogs)
        ('organizational_schema_present', false, $q$
            SELECT count(*), count(*) || ' objects missing: ' || string_agg(obj, ', ')
              FROM (SELECT 'table public.' || t AS obj
                      FROM unnest(ARRAY['organizations', 'practitioner_assignments',
                                        'organization_invitations']) AS t
                     WHERE to_regclass('public.' || t) IS NULL
                    UNION ALL
                    SELECT 'column public.profiles.' || c
                      FROM unnest(ARRAY['organization_id', 'roles', 'is_active', 'archived_at',
                                        'archived_by', 'last_activity', 'current_virtue_id',
                                        'current_stage', 'updated_at']) AS c
                     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                        WHERE a.attrelid = 'public.profiles'::regclass
                                          AND a.attname = c AND NOT a.attisdropped)
                    UNION ALL
                    SELECT 'function ' || f
                      FROM unnest(ARRAY['public.archive_user(uuid,uuid)',
                                        'public.reactivate_user(uuid)',
                                        'public.recount_organization_active_users(uuid)',
                                        'public.check_organization_user_limit(uuid,integer)']) AS f
                     WHERE to_regprocedure(f) IS NULL
                    UNION ALL
                    SELECT 'enabled trigger public.profiles.' || tg
                      FROM unnest(ARRAY['profiles_organization_guard',
                                        'profiles_active_user_count_insert',
                                        'profiles_active_user_count_update',
                                        'profiles_active_user_count_delete']) AS tg
                     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                                        WHERE t.tgrelid = 'public.profiles'::regclass
                                          AND t.tgname = tg AND t.tgenabled <> 'D')) m
        $q$),
        ('organizational_indexes_present', false, $q$
            SELECT count(*), count(*) || ' indexes missing: ' || string_agg(i, ', ')
              FROM unnest(ARRAY['profiles_organization_id_is_active_idx',
                                'practitioner_assignments_supervisor_id_idx',
                                'practitioner_assignments_organization_id_idx',
                                'organization_invitations_organization_id_idx']) AS i
             WHERE to_regclass('public.' || i) IS NULL
        $q$),
        -- ---------------------------------------------------------------- 1. organizations
        ('default_organization_exists', true, $q$
            SELECT CASE WHEN count(*) = 1 THEN 0 ELSE 1 END,
                   count(*) || ' organizations named Individual Users with slug individual-users (expected 1)'
              FROM public.organizations
             WHERE slug = 'individual-users' AND name = 'Individual Users'
        $q$),
        ('profiles_have_organization', true, $q$
            SELECT count(*), count(*) || ' profiles without organization (e.g. ' || min(id::text) || ')'
              FROM public.profiles WHERE organization_id IS NULL
        $q$),
        -- ---------------------------------------------------------------- 3. roles
        ('profiles_have_roles', true, $q$
            SELECT count(*), count(*) || ' profiles with no role (e.g. ' || min(id::text) || ')'
              FROM public.profiles WHERE roles IS NULL OR cardinality(roles) = 0
        $q$),
        ('profile_roles_allowed', true, $q$
            SELECT count(*), count(*) || ' profiles with roles outside admin, coach, therapist, practitioner (e.g. '
                             || min(id::text) || ')'
              FROM public.profiles
             WHERE NOT (roles <@ ARRAY['admin', 'coach', 'therapist', 'practitioner']::text[])
        $q$),
        ('admin_role_kept', true, $q$
            SELECT count(*), count(*) || ' admins without the admin role (e.g. ' || min(id::text) || ')'
              FROM public.profiles
             WHERE role = 'admin' AND NOT coalesce('admin' = ANY (roles), false)
        $q$),
        ('sponsors_hold_coach_role', true, $q$
            SELECT count(*), count(*) || ' sponsors without the coach role (e.g. ' || min(p.id::text) || ')'
              FROM public.profiles p
              LEFT JOIN (SELECT sponsor_id AS id FROM public.sponsor_relationships
                          WHERE sponsor_id IS NOT NULL
                         UNION
                         SELECT sponsor_user_id FROM public.sponsor_connections) s ON s.id = p.id
             WHERE NOT coalesce('coach' = ANY (p.roles), false)
               AND (p.role = 'sponsor' OR s.id IS NOT NULL)
        $q$),
        ('users_hold_practitioner_role', true, $q$
            SELECT count(*), count(*) || ' users (role user) without the practitioner role (e.g. '
                             || min(id::text) || ')'
              FROM public.profiles
             WHERE (role IS NULL OR role = 'user')
               AND NOT coalesce('practitioner' = ANY (roles), false)
        $q$),
        -- ---------------------------------------------------------------- 2. coach assignments
        ('sponsor_relationships_have_one_coach_assignment', true, $q$
            SELECT count(*), count(*) || ' sponsor relationships with a sponsor but not exactly one coach assignment (e.g. '
                             || min(r.id::text) || ')'
              FROM public.sponsor_relationships r
              LEFT JOIN (SELECT practitioner_id, supervisor_id, count(*) AS n
                           FROM public.practitioner_assignments
                          WHERE supervisor_role = 'coach'
                          GROUP BY practitioner_id, supervisor_id) a
                     ON a.practitioner_id = r.practitioner_id AND a.supervisor_id = r.sponsor_id
             WHERE r.sponsor_id IS NOT NULL AND coalesce(a.n, 0) <> 1
        $q$),
        ('coach_assignments_have_source', true, $q$
            SELECT count(*) FILTER (WHERE r.id IS NULL AND c.id IS NULL),
                   count(*) FILTER (WHERE r.id IS NULL AND c.id IS NULL)
                   || ' coach assignments match no sponsor relationship and no active connection ('
                   || count(*) || ' coach assignments, '
                   || (SELECT count(*) FROM public.sponsor_relationships WHERE sponsor_id IS NOT NULL)
                   || ' relationships with a sponsor)'
              FROM public.practitioner_assignments a
              LEFT JOIN public.sponsor_relationships r
                     ON r.practitioner_id = a.practitioner_id AND r.sponsor_id = a.supervisor_id
              LEFT JOIN public.sponsor_connections c
                     ON c.practitioner_user_id = a.practitioner_id
                    AND c.sponsor_user_id = a.supervisor_id AND c.status = 'active'
             WHERE a.supervisor_role = 'coach'
        $q$),
        ('coach_assignment_organization_matches', true, $q$
            SELECT count(*), count(*) || ' assignments not in their practitioner''s organization (e.g. '
                             || min(a.id::text) || ')'
              FROM public.practitioner_assignments a
              JOIN public.profiles p ON p.id = a.practitioner_id
             WHERE a.organization_id IS DISTINCT FROM p.organization_id
        $q$),
        ('coach_assignment_dates_match', true, $q$
            SELECT count(*), count(*) || ' coach assignments whose assigned_at differs from the relationship''s created_at (e.g. '
                             || min(a.id::text) || ')'
              FROM public.practitioner_assignments a
              JOIN public.sponsor_relationships r
                ON r.practitioner_id = a.practitioner_id AND r.sponsor_id = a.supervisor_id
             WHERE a.supervisor_role = 'coach' AND a.assigned_at IS DISTINCT FROM r.created_at
        $q$),
        ('coach_assignment_activity_matches', true, $q$
            SELECT count(*), count(*) || ' coach assignments whose active flag differs from relationship status = active (e.g. '
                             || min(a.id::text) || ')'
              FROM public.practitioner_assignments a
              JOIN public.sponsor_relationships r
                ON r.practitioner_id = a.practitioner_id AND r.sponsor_id = a.supervisor_id
             WHERE a.supervisor_role = 'coach' AND a.active IS DISTINCT FROM (r.status = 'active')
        $q$),
        -- ---------------------------------------------------------------- 5. live links
        ('active_connections_mirrored', true, $q$
            SELECT count(*), count(*) || ' active sponsor connections without an active coach assignment (e.g. connection '
                             || min(c.id) || ')'
              FROM public.sponsor_connections c
             WHERE c.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM public.practitioner_assignments a
                                WHERE a.practitioner_id = c.practitioner_user_id
                                  AND a.supervisor_id = c.sponsor_user_id
                                  AND a.supervisor_role = 'coach' AND a.active)
        $q$),
        -- ---------------------------------------------------------------- 6. counters, limits
        ('active_user_count_correct', true, $q$
            SELECT count(*), count(*) || ' organizations with a wrong active_user_count (e.g. '
                             || min(format('%s: stored %s, actual %s', o.slug, o.active_user_count, coalesce(m.n, 0))) || ')'
              FROM public.organizations o
              LEFT JOIN (SELECT organization_id, count(*) AS n FROM public.profiles
                          WHERE is_active GROUP BY organization_id) m ON m.organization_id = o.id
             WHERE o.active_user_count IS DISTINCT FROM coalesce(m.n, 0)
        $q$),
        ('active_user_count_within_limit', true, $q$
            SELECT count(*), count(*) || ' organizations over their user limit (e.g. '
                             || min(format('%s: %s active, max %s', o.slug, o.active_user_count, o.max_users)) || ')'
              FROM public.organizations o
             WHERE NOT (o.active_user_count BETWEEN 0 AND o.max_users)
        $q$),
        -- ---------------------------------------------------------------- 7. security
        ('rls_enabled_on_public_tables', false, $q$
            SELECT count(*), count(*) || ' public tables without row level security: '
                             || string_agg(c.relname, ', ' ORDER BY c.relname)
              FROM pg_catalog.pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
               AND NOT c.relrowsecurity
        $q$),
        ('new_tables_have_policies', true, $q$
            SELECT count(*), count(*) || ' new tables without any policy: ' || string_agg(t, ', ')
              FROM unnest(ARRAY['organizations', 'practitioner_assignments',
                                'organization_invitations']) AS t
             WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies p
                                WHERE p.schemaname = 'public' AND p.tablename = t)
        $q$),
        ('authenticated_grants_on_new_tables', true, $q$
            SELECT count(*), count(*) || ' privileges missing for authenticated: '
                             || string_agg(priv || ' on ' || t, ', ')
              FROM unnest(ARRAY['organizations', 'practitioner_assignments',
                                'organization_invitations']) AS t,
                   unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS priv
             WHERE NOT has_table_privilege('authenticated', 'public.' || t, priv)
        $q$),
        ('service_role_grants_on_new_tables', true, $q$
            SELECT count(*), count(*) || ' privileges missing for service_role: '
                             || string_agg(priv || ' on ' || t, ', ')
              FROM unnest(ARRAY['organizations', 'practitioner_assignments',
                                'organization_invitations']) AS t,
                   unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS priv
             WHERE NOT has_table_privilege('service_role', 'public.' || t, priv)
        $q$),
        ('authenticated_grants_on_existing_tables', false, format($q$
            SELECT count(*), count(*) || ' privileges missing for authenticated: '
                             || string_agg(priv || ' on ' || t, ', ')
              FROM unnest(%L::text[]) AS t,
                   unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS priv
             WHERE to_regclass('public.' || t) IS NOT NULL
               AND NOT has_table_privilege('authenticated', 'public.' || t, priv)
        $q$, c_existing_tables)),
        -- The migration's own functions: its policies rely on them not recursing into RLS
        -- (SECURITY DEFINER) and not being hijackable (fixed search_path).
        ('new_functions_pin_search_path', false, $q$
            SELECT count(*), count(*) || ' functions of the migration without a fixed search_path: '
                             || string_agg(p.oid::regprocedure::text, ', ')
              FROM pg_catalog.pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace
               AND p.proname IN ('default_organization_id', 'current_organization_id',
                                 'current_admin_organization_id', 'is_organization_admin',
                                 'is_organization_member', 'recount_organization_active_users',
                                 'check_organization_user_limit', 'assert_can_manage_organization',
                                 'archive_user', 'reactivate_user', 'profiles_organization_guard',
                                 'profiles_sync_active_user_count', 'organizations_guard',
                                 'organization_invitations_set_expiry')
               AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS s WHERE s LIKE 'search\_path=%')
        $q$),
        -- ---------------------------------------------------------------- 8. integrity
        ('indexes_valid', false, $q$
            SELECT count(*), count(*) || ' invalid or unready indexes: '
                             || string_agg(i.indexrelid::regclass::text, ', ')
              FROM pg_catalog.pg_index i
              JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
             WHERE c.relnamespace = 'public'::regnamespace
               AND NOT (i.indisvalid AND i.indisready AND i.indislive)
        $q$),
        ('constraints_validated', false, $q$
            SELECT count(*), count(*) || ' constraints not validated: '
                             || string_agg(conrelid::regclass || '.' || conname, ', ')
              FROM pg_catalog.pg_constraint
             WHERE connamespace = 'public'::regnamespace AND NOT convalidated
        $q$),
        ('no_orphan_references', true, $q$
            SELECT coalesce(sum(n), 0), sum(n) || ' orphan references: '
                                        || string_agg(ref || ' ' || n, ', ') FILTER (WHERE n > 0)
              FROM (SELECT 'profiles.organization_id' AS ref, count(*) AS n
                      FROM public.profiles p
                     WHERE p.organization_id IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = p.organization_id)
                    UNION ALL
                    SELECT 'profiles.archived_by', count(*)
                      FROM public.profiles p
                     WHERE p.archived_by IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM public.profiles x WHERE x.id = p.archived_by)
                    UNION ALL
                    SELECT 'profiles.current_virtue_id', count(*)
                      FROM public.profiles p
                     WHERE p.current_virtue_id IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM public.virtues v WHERE v.id = p.current_virtue_id)
                    UNION ALL
                    SELECT 'practitioner_assignments.practitioner_id', count(*)
                      FROM public.practitioner_assignments a
                     WHERE NOT EXISTS (SELECT 1 FROM public.profiles x WHERE x.id = a.practitioner_id)
                    UNION ALL
                    SELECT 'practitioner_assignments.supervisor_id', count(*)
                      FROM public.practitioner_assignments a
                     WHERE NOT EXISTS (SELECT 1 FROM public.profiles x WHERE x.id = a.supervisor_id)
                    UNION ALL
                    SELECT 'practitioner_assignments.organization_id', count(*)
                      FROM public.practitioner_assignments a
                     WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = a.organization_id)
                    UNION ALL
                    SELECT 'practitioner_assignments.assigned_by', count(*)
                      FROM public.practitioner_assignments a
                     WHERE a.assigned_by IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM public.profiles x WHERE x.id = a.assigned_by)
                    UNION ALL
                    SELECT 'organization_invitations.organization_id', count(*)
                      FROM public.organization_invitations i
                     WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = i.organization_id)
                    UNION ALL
                    SELECT 'organization_invitations.invited_by', count(*)
                      FROM public.organization_invitations i
                     WHERE i.invited_by IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM public.profiles x WHERE x.id = i.invited_by)) o
        $q$)
        ) AS checks(name, needs_core, query)
    LOOP
        v_total := v_total + 1;
        IF v_check.needs_core AND NOT c_core_present THEN
            v_violations := 1;
            v_detail := 'not run: organizational schema missing (see organizational_schema_present)';
        ELSE
            BEGIN
                EXECUTE v_check.query INTO v_violations, v_detail;
            EXCEPTION WHEN OTHERS THEN
                v_violations := 1;
                v_detail := 'could not run: ' || SQLERRM;
            END;
        END IF;
        IF coalesce(v_violations, 0) = 0 THEN
            RAISE NOTICE 'validation check passed: %', v_check.name;
        ELSE
            v_failed := v_failed || v_check.name::text;
            RAISE NOTICE 'validation check failed: %: %', v_check.name, v_detail;
        END IF;
    END LOOP;

    IF cardinality(v_failed) > 0 THEN
        RAISE EXCEPTION 'migration validation failed: % of % checks failed: %',
            cardinality(v_failed), v_total, array_to_string(v_failed, ', ')
            USING HINT = 'see the "validation check failed" notices above; the runbook rolls back now';
    END IF;
    RAISE NOTICE 'migration validation passed: all % checks', v_total;
END
$validate$;
