"""Faults the team's own database tests and the static reference check must catch: a pgTAP assertion the
migration breaks (a column default, a dropped policy), a pgTAP file that stops midway, PL/pgSQL the migration
adds or changes that reads what does not exist, and scripts that reference a table, a column or a function
that neither the baseline nor an earlier statement creates (the rehearsal, which stops on them, is blocked by
the static check, which names them first)."""

from pathlib import Path

from tests.faults.catalog import Fault, migration_with_undo, patched_migrations
from tests.faults.proof_ids import PGTAP, PLPGSQL, REFERENCES

PGTAP_DIR = Path(__file__).parent / "pgtap"
HEALTHY, BROKEN = PGTAP_DIR / "healthy", PGTAP_DIR / "broken"
SCHEMA = "_schema.sql"
TOUCH = """
CREATE FUNCTION public.touch_last_activity(p_user_id uuid) RETURNS void LANGUAGE plpgsql SET search_path = ''
AS $$ BEGIN UPDATE public.profiles SET last_activity_at = now() WHERE id = p_user_id; END $$;
REVOKE EXECUTE ON FUNCTION public.touch_last_activity(uuid) FROM PUBLIC, anon;"""
EXPIRY_TYPO = """
CREATE OR REPLACE FUNCTION public.organization_invitations_set_expiry() RETURNS trigger
    LANGUAGE plpgsql SET search_path = ''
AS $$ BEGIN NEW.expires_at := NEW.created + interval '168 hours'; RETURN NEW; END $$;"""


def with_pgtap(directory: Path) -> list[str]:
    return ["--pgtap", str(directory)]


FAULTS = (
    Fault("pgtap_default_changed", "the schema script changes organizations.max_users' default to 50",
          migration_with_undo(SCHEMA, "ALTER TABLE public.organizations ALTER COLUMN max_users SET DEFAULT 50;",
                              pgtap=HEALTHY),
          frozenset({PGTAP.format("organizations_test.sql:2")}), verdict="HOLD"),
    Fault("pgtap_invitee_policy_dropped", "the schema script drops the invitee's policy on organization_invitations",
          migration_with_undo(SCHEMA, "DROP POLICY organization_invitations_select_invitee ON"
                              " public.organization_invitations;", pgtap=HEALTHY),
          frozenset({PGTAP.format("organizations_test.sql:3")})),
    Fault("pgtap_file_stops_midway", "a pgTAP file whose second assertion reads a table that does not exist",
          lambda workdir: with_pgtap(BROKEN),
          frozenset({PGTAP.format("members_test.sql:2")}), blocked=frozenset({PGTAP.format("members_test.sql:3")})),
    Fault("function_updates_a_missing_column", "a new PL/pgSQL function updates profiles.last_activity_at (no such)",
          migration_with_undo(SCHEMA, TOUCH, "DROP FUNCTION IF EXISTS public.touch_last_activity(uuid);"),
          frozenset({PLPGSQL})),
    Fault("trigger_function_reads_a_missing_field", "the invitations' expiry trigger function reads NEW.created",
          patched_migrations(SCHEMA, EXPIRY_TYPO), frozenset({PLPGSQL})),
    Fault("data_script_reads_a_missing_column", "the data script reads profiles.email, which lives in auth.users",
          patched_migrations("_data.sql", "UPDATE public.profiles SET full_name = coalesce(full_name, email)"
                             " WHERE full_name IS NULL;"),
          frozenset({REFERENCES.format("data")}), verdict="HOLD"),
    Fault("schema_script_fills_a_missing_table", "the schema script inserts into organization_members (no such)",
          patched_migrations(SCHEMA, "INSERT INTO public.organization_members (organization_id, user_id)"
                             " SELECT organization_id, id FROM public.profiles;"),
          frozenset({REFERENCES.format("schema")})),
    Fault("indexes_script_calls_a_missing_function", "the index script calls refresh_organization_stats() (no such)",
          patched_migrations("_indexes.sql", "SELECT refresh_organization_stats();"),
          frozenset({REFERENCES.format("indexes")})),
)
