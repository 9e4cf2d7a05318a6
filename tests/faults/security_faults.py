"""Faults the security advisories must catch (deploygates/sql/security/, one lint each), made by the migration
alone (the rollback undoes them exactly): in the rehearsal the night before (HOLD), and on the live database
after the rollout, where a new finding is the immediate-rollback trigger "Security vulnerabilities exposed".

Varied by object (function, view, materialized view, table), by role (authenticated, anon, PUBLIC) and by
mechanism (a grant, a default privilege left to PUBLIC, a missing search_path, row level security switched off).
The faults that open user data to anon are in access_faults.py; the table left without row level security and
with its policies is rls_missing_on_new_table in migration_faults.py.
"""

from tests.faults.catalog import Fault, migration_with_undo
from tests.faults.proof_ids import advisories, on_target, reads, writes

SCHEMA = "_schema.sql"
PRE = "checks/predeploy/test_validation_preparation.py"
RLS_CHECK = {f"{PRE}::test_guarantee_holds_after_rehearsal[rls_enabled_on_public_tables]",
             "checks/predeploy/test_migration_rehearsal.py::test_validation_passes_after_migration",
             "checks/predeploy/test_rollback_rehearsal.py::test_migration_reapplies_after_rollback"}
DIRECTORY = """
CREATE FUNCTION public.organization_directory() RETURNS SETOF public.profiles
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT * FROM public.profiles $$;
REVOKE EXECUTE ON FUNCTION public.organization_directory() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.organization_directory() TO authenticated;"""
MUTABLE = """
CREATE FUNCTION public.is_coach_of(p_practitioner uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
AS $$ SELECT EXISTS (SELECT 1 FROM public.practitioner_assignments a
                      WHERE a.practitioner_id = p_practitioner AND a.supervisor_id = auth.uid()) $$;"""
EMAILS = """
CREATE VIEW public.member_emails AS SELECT u.id, u.email FROM auth.users u;
GRANT SELECT ON public.member_emails TO authenticated;"""
SIGNUPS = """
CREATE MATERIALIZED VIEW public.recent_signups AS SELECT u.id, u.email, u.created_at FROM auth.users u;
REVOKE ALL ON public.recent_signups FROM authenticated;
GRANT SELECT ON public.recent_signups TO anon;"""

FAULTS = (
    Fault("definer_function_returns_profiles", "a SECURITY DEFINER function hands authenticated every profile",
          migration_with_undo(SCHEMA, DIRECTORY, "DROP FUNCTION IF EXISTS public.organization_directory();"),
          frozenset(advisories("security_definer_functions_return_rows")), verdict="HOLD"),
    Fault("definer_function_without_search_path", "a SECURITY DEFINER function without search_path, left to PUBLIC",
          migration_with_undo(SCHEMA, MUTABLE, "DROP FUNCTION IF EXISTS public.is_coach_of(uuid);"),
          frozenset(advisories("security_definer_functions_search_path"))),
    Fault("view_over_auth_users", "a view of auth.users ids and e-mails that signed-in users can read",
          migration_with_undo(SCHEMA, EMAILS, "DROP VIEW IF EXISTS public.member_emails;"),
          frozenset(advisories("auth_users_exposed", "security_definer_views"))),
    Fault("materialized_view_over_auth_users", "a materialized view of auth.users e-mails granted to anon",
          migration_with_undo(SCHEMA, SIGNUPS, "DROP MATERIALIZED VIEW IF EXISTS public.recent_signups;"),
          frozenset(advisories("auth_users_exposed", "anon_privileges"))),
    Fault("rls_disabled_on_support_tickets", "the schema script switches row level security off on support_tickets",
          migration_with_undo(SCHEMA, "ALTER TABLE public.support_tickets DISABLE ROW LEVEL SECURITY;",
                              at_end="ALTER TABLE public.support_tickets ENABLE ROW LEVEL SECURITY;"),
          frozenset(advisories("rls_disabled_in_exposed_schema", "policies_on_table_without_rls") | RLS_CHECK
                    | reads("support_tickets") | writes("support_tickets"))),
    Fault("anon_granted_organizations", "the schema script grants anon SELECT on organizations",
          migration_with_undo(SCHEMA, "GRANT SELECT ON public.organizations TO anon;"),
          frozenset(advisories("anon_privileges"))),
    Fault("view_over_auth_users_after_rollout", "the live database exposes auth.users e-mails through a view",
          migration_with_undo(SCHEMA, EMAILS, "DROP VIEW IF EXISTS public.member_emails;"),
          frozenset(on_target("auth_users_exposed", "security_definer_views")), marker="postdeploy",
          verdict="ROLLBACK_NOW"),
    Fault("anon_reads_journal_entries_after_rollout", "the live database lets anon read every journal entry",
          migration_with_undo(SCHEMA, "GRANT SELECT ON public.journal_entries TO anon;\nCREATE POLICY"
                              " journal_entries_public ON public.journal_entries FOR SELECT TO anon USING (true);"),
          frozenset(on_target("anon_privileges", "anon_policies_on_user_data")), marker="postdeploy",
          verdict="ROLLBACK_NOW"),
)
