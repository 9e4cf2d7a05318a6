"""What a scratch server needs of a team's schema script before psql can load it, and the script rewritten
so that it loads: line for line, so that psql's line numbers still point into the team's file.

Real dumps are written for another server: pg_dump 17.6+ wraps the script in `\\restrict`/`\\unrestrict`
(unknown to older psql), 17 sets `transaction_timeout` (unknown to older servers), `CREATE SCHEMA public`
meets the scratch database's own public schema, `OWNER TO`, `GRANT … TO` and `FOR ROLE` name roles the
scratch cluster does not have (created beforehand: see `named_roles`), and Supabase projects install
extensions no stock PostgreSQL ships (pg_graphql, pgsodium, supabase_vault, …). Each tolerance is noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pglast import ast
from pglast.enums import ObjectType, RoleSpecType
from pglast.visitors import Visitor

from deploygates.migration.script import Script, Statement

# Meta-commands of newer psql that change nothing about what the script creates.
HARMLESS_NEWER_META = ("\\restrict", "\\unrestrict")
ALWAYS_ROLES = ("anon", "authenticated", "service_role", "supabase_admin", "postgres")
BUILT_IN_ROLES = re.compile(r"^pg_")


@dataclass(frozen=True)
class ServerFacts:
    """What the scratch server offers: its version, its settings and installable extensions."""

    version: int
    settings: frozenset[str]
    extensions: frozenset[str]

    def knows_setting(self, name: str) -> bool:
        return "." in name or name.lower() in self.settings


@dataclass
class Rewritten:
    text: str
    notes: list[str] = field(default_factory=list)


class _Roles(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def visit_RoleSpec(self, ancestors: object, node: ast.RoleSpec) -> None:
        if node.roletype == RoleSpecType.ROLESPEC_CSTRING and node.rolename:
            self.found.add(node.rolename)

    def visit_GrantRoleStmt(self, ancestors: object, node: ast.GrantRoleStmt) -> None:
        self.found.update(p.priv_name for p in node.granted_roles or () if p.priv_name)


def named_roles(scripts: list[Script]) -> list[str]:
    """Every role the scripts name (owners, grantees, policy roles, FOR ROLE), beside the Supabase ones,
    minus the roles the scripts create themselves and PostgreSQL's built-in pg_* roles."""
    visitor = _Roles()
    created: set[str] = set()
    for script in scripts:
        for node in script.nodes():
            visitor(node)
            if isinstance(node, ast.CreateRoleStmt):
                created.add(str(node.role))
    wanted = visitor.found - created - set(ALWAYS_ROLES)
    return sorted(role for role in wanted if not BUILT_IN_ROLES.match(role) and "," not in role)


def _same_lines(original: str, replacement: str) -> str:
    """`replacement` on as many lines as `original` took, so later line numbers do not move."""
    missing = original.count("\n") - replacement.count("\n")
    return replacement + "\n" * max(missing, 0)


def _skipped(statement: Statement, why: str) -> str:
    comment = " ".join(f"-- skipped: {why}".split())
    return _same_lines(statement.text, comment)


def _extension_schema(node: ast.CreateExtensionStmt) -> str | None:
    for option in node.options or ():
        if option.defname == "schema" and isinstance(option.arg, ast.String):
            return str(option.arg.sval)
    return None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rewrite_statement(statement: Statement, facts: ServerFacts, skipped_extensions: set[str],
                      notes: list[str]) -> str | None:
    """The statement's replacement text, or None to keep it as written."""
    node, where = statement.node, f"line {statement.line}"
    if isinstance(node, ast.VariableSetStmt) and node.name and not facts.knows_setting(node.name):
        notes.append(f"{where}: SET {node.name} skipped (not a setting of PostgreSQL {facts.version // 10000})")
        return _skipped(statement, f"{node.name} is not a setting of this server")
    if isinstance(node, ast.CreateSchemaStmt) and not node.if_not_exists and not node.schemaElts:
        return re.sub(r"^(\s*(?:--[^\n]*\n\s*)*CREATE\s+SCHEMA\s+)", r"\1IF NOT EXISTS ", statement.text,
                      count=1, flags=re.IGNORECASE)
    if isinstance(node, ast.CreateExtensionStmt):
        if node.extname not in facts.extensions:
            skipped_extensions.add(str(node.extname))
            notes.append(f"{where}: extension {node.extname} is not installable on the scratch server; skipped")
            return _skipped(statement, f"extension {node.extname} is not available here")
        schema = _extension_schema(node)
        # Supabase installs extensions into schemas (extensions, graphql, vault) its dumps do not create.
        before = f"CREATE SCHEMA IF NOT EXISTS {_quoted(schema)}; " if schema else ""
        body = statement.text if node.if_not_exists else re.sub(
            r"CREATE\s+EXTENSION\s+", "CREATE EXTENSION IF NOT EXISTS ", statement.text, count=1, flags=re.I)
        return before + body
    if isinstance(node, ast.CommentStmt) and node.objtype == ObjectType.OBJECT_EXTENSION \
            and isinstance(node.object, ast.String) and node.object.sval in skipped_extensions:
        return _skipped(statement, f"comment on the skipped extension {node.object.sval}")
    if isinstance(node, ast.SecLabelStmt):
        notes.append(f"{where}: SECURITY LABEL FOR {node.provider} skipped (no label provider here)")
        return _skipped(statement, f"security label provider {node.provider} is not loaded here")
    if isinstance(node, ast.CreateSubscriptionStmt):
        notes.append(f"{where}: CREATE SUBSCRIPTION {node.subname} skipped (it would connect elsewhere)")
        return _skipped(statement, "a subscription would connect to another server")
    if isinstance(node, ast.CreateRoleStmt | ast.CreatePublicationStmt):
        # Roles are cluster-wide (another database of the scratch cluster may have created it already);
        # Supabase's publication is made by the prelude when the dump does not bring auth.users.
        return _same_lines(statement.text, "DO $deploygates$ BEGIN " + statement.text.strip().rstrip(";")
                           + "; EXCEPTION WHEN duplicate_object THEN NULL; END $deploygates$")
    return None


def _blank(text: str) -> str:
    return "\n" * text.count("\n")


def tolerant(script: Script, facts: ServerFacts, with_data: bool = True) -> Rewritten:
    """The script rewritten to load on the scratch server, line for line, with a note per tolerance;
    without `with_data`, the rows of its COPY blocks are left out (the schema alone)."""
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    skipped_extensions: set[str] = set()
    for meta in script.meta_lines:
        if meta.command in HARMLESS_NEWER_META:
            edits.append((meta.start, meta.end, ""))
    if not with_data:
        edits += [(block.start, block.end, _blank(script.text[block.start:block.end])) for block in script.data_blocks]
    for statement in script.statements:
        if not with_data and isinstance(statement.node, ast.CopyStmt) and statement.node.is_from \
                and not statement.node.filename:
            edits.append((statement.start, statement.end, _blank(statement.text)))
            continue
        replacement = rewrite_statement(statement, facts, skipped_extensions, notes)
        if replacement is not None:
            edits.append((statement.start, statement.end, replacement))
    text = script.text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return Rewritten(text, notes)
