"""Faults in what users can read and write after the migration, and in the sequences: each made by the
migration alone (the rollback undoes it exactly), each caught in the rehearsal the night before.

Access: a permissive policy that voids isolation, a policy cycle (infinite recursion), a policy that calls a
function reading a table that does not exist, anon let into user data for reading and, through PUBLIC, for
writing. Write paths: a trigger that makes every new journal entry fail, a policy that stops coaches sending
chat messages. Sequences: reset by setval, left behind by rows copied with explicit ids, restarted by the
rollback.
"""

from deploygates import resources
from tests.faults.catalog import Fault, migration_with_undo, patched_file
from tests.faults.proof_ids import PLPGSQL, SEQUENCES_MIGRATED, SEQUENCES_ROLLED_BACK, advisories, reads, writes

SCHEMA, DATA = "_schema.sql", "_data.sql"
CYCLE = """
CREATE POLICY profiles_select_supervised ON public.profiles FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM public.practitioner_assignments a
                    WHERE a.practitioner_id = profiles.id AND a.supervisor_id = (SELECT auth.uid())));
CREATE POLICY practitioner_assignments_select_coach ON public.practitioner_assignments FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM public.profiles p
                    WHERE p.id = practitioner_assignments.supervisor_id AND 'coach' = ANY (p.roles)));"""
BROKEN_HELPER = """
CREATE FUNCTION public.shares_organization(p_user uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.organization_members m WHERE m.user_id = p_user); END $$;
REVOKE EXECUTE ON FUNCTION public.shares_organization(uuid) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.shares_organization(uuid) TO authenticated;
CREATE POLICY journal_entries_select_organization ON public.journal_entries FOR SELECT TO authenticated
    USING (public.shares_organization(user_id));"""
FAILING_TRIGGER = """
CREATE FUNCTION public.journal_entries_require_organization() RETURNS trigger
    LANGUAGE plpgsql SET search_path = ''
AS $$ BEGIN RAISE EXCEPTION 'a journal entry needs an organization' USING ERRCODE = 'check_violation'; END $$;
CREATE TRIGGER journal_entries_require_organization BEFORE INSERT ON public.journal_entries
    FOR EACH ROW EXECUTE FUNCTION public.journal_entries_require_organization();"""
CHAT_INSERT = """CREATE POLICY sponsor_chat_messages_insert_sender ON public.sponsor_chat_messages
    FOR INSERT TO authenticated
    WITH CHECK (
        sender_id = (SELECT auth.uid())
        AND EXISTS (SELECT 1 FROM public.sponsor_connections c
                     WHERE c.id = sponsor_chat_messages.connection_id AND c.status = 'active'
                       AND ((c.practitioner_user_id = sponsor_chat_messages.sender_id
                             AND c.sponsor_user_id = sponsor_chat_messages.receiver_id)
                         OR (c.sponsor_user_id = sponsor_chat_messages.sender_id
                             AND c.practitioner_user_id = sponsor_chat_messages.receiver_id)))
    );"""
PRACTITIONERS_ONLY_CHAT = """DROP POLICY sponsor_chat_messages_insert_sender ON public.sponsor_chat_messages;
CREATE POLICY sponsor_chat_messages_insert_sender ON public.sponsor_chat_messages FOR INSERT TO authenticated
    WITH CHECK (sender_id = (SELECT auth.uid())
                AND EXISTS (SELECT 1 FROM public.sponsor_connections c
                             WHERE c.id = connection_id AND c.status = 'active'
                               AND c.practitioner_user_id = sender_id));"""
EXPLICIT_IDS = """
CREATE TABLE public.organization_events (id serial PRIMARY KEY, organization_id uuid NOT NULL, what text NOT NULL);
ALTER TABLE public.organization_events ENABLE ROW LEVEL SECURITY;
INSERT INTO public.organization_events (id, organization_id, what)
SELECT row_number() OVER (ORDER BY o.id), o.id, 'migrated' FROM public.organizations o;"""

FAULTS = (
    Fault("permissive_profiles_policy", "the schema script adds USING (true) on profiles: isolation is void",
          migration_with_undo(SCHEMA, "CREATE POLICY profiles_select_everyone ON public.profiles FOR SELECT"
                                      " TO authenticated USING (true);",
                              "DROP POLICY IF EXISTS profiles_select_everyone ON public.profiles;"),
          frozenset(reads("profiles")), verdict="HOLD"),
    Fault("policy_cycle_on_profiles", "profiles and practitioner_assignments policies read each other: recursion",
          migration_with_undo(SCHEMA, CYCLE, "DROP POLICY IF EXISTS profiles_select_supervised ON public.profiles;"),
          frozenset(reads("profiles") | writes("profiles"))),
    Fault("policy_calls_a_broken_function", "a journal policy calls a function reading a table that does not exist",
          migration_with_undo(SCHEMA, BROKEN_HELPER, "DROP POLICY IF EXISTS journal_entries_select_organization ON"
                              " public.journal_entries;\nDROP FUNCTION IF EXISTS public.shares_organization(uuid);"),
          frozenset(reads("journal_entries") | writes("journal_entries") | {PLPGSQL})),
    Fault("anon_reads_journal_entries", "the schema script opens journal entries to anon (grant and policy)",
          migration_with_undo(SCHEMA, "GRANT SELECT ON public.journal_entries TO anon;\nCREATE POLICY"
                              " journal_entries_public ON public.journal_entries FOR SELECT TO anon USING (true);",
                              "DROP POLICY IF EXISTS journal_entries_public ON public.journal_entries;\n"
                              "REVOKE SELECT ON public.journal_entries FROM anon;"),
          frozenset(reads("journal_entries") | advisories("anon_privileges", "anon_policies_on_user_data"))),
    Fault("anyone_files_support_tickets", "INSERT on support_tickets granted to PUBLIC with a WITH CHECK (true) policy",
          migration_with_undo(SCHEMA, "GRANT INSERT ON public.support_tickets TO PUBLIC;\nCREATE POLICY"
                              " support_tickets_anyone ON public.support_tickets FOR INSERT WITH CHECK (true);",
                              "DROP POLICY IF EXISTS support_tickets_anyone ON public.support_tickets;\n"
                              "REVOKE INSERT ON public.support_tickets FROM PUBLIC;"),
          frozenset(writes("support_tickets") | advisories("anon_privileges", "anon_policies_on_user_data"))),
    Fault("journal_insert_trigger_fails", "a new trigger makes every new journal entry fail",
          migration_with_undo(SCHEMA, FAILING_TRIGGER, "DROP TRIGGER IF EXISTS journal_entries_require_organization"
                              " ON public.journal_entries;\nDROP FUNCTION IF EXISTS"
                              " public.journal_entries_require_organization();"),
          frozenset(writes("journal_entries")), verdict="HOLD"),
    Fault("coaches_cannot_send_chat", "the chat insert policy is rewritten so that only practitioners may send",
          migration_with_undo(SCHEMA, PRACTITIONERS_ONLY_CHAT, at_end="DROP POLICY sponsor_chat_messages_insert_sender"
                              f" ON public.sponsor_chat_messages;\n{CHAT_INSERT}"),
          frozenset(writes("sponsor_chat_messages"))),
    Fault("journal_sequence_reset", "the data script resets the journal entries' identity sequence to 1",
          migration_with_undo(DATA, "SELECT setval(pg_get_serial_sequence('public.journal_entries', 'id'), 1);"),
          frozenset({SEQUENCES_MIGRATED, SEQUENCES_ROLLED_BACK} | writes("journal_entries"))),
    Fault("serial_behind_copied_ids", "a new serial table is filled with explicit ids, its sequence left at 1",
          migration_with_undo(SCHEMA, EXPLICIT_IDS, "DROP TABLE IF EXISTS public.organization_events;"),
          frozenset({SEQUENCES_MIGRATED})),
    Fault("rollback_restarts_an_identity", "the rollback restarts the support tickets' identity at 1",
          patched_file("--rollback", resources.ROLLBACK_FILE,
                       "ALTER TABLE public.support_tickets ALTER COLUMN id RESTART WITH 1;"),
          frozenset({SEQUENCES_ROLLED_BACK})),
)
