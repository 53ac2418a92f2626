"""The start-up check of DESIGN.md's security posture; the server refuses to run without it.

Connected as the application role it verifies that the role (and every role it can act
as) is not superuser, cannot bypass row-level security and owns no table, and that every
table it can reach has row-level security enabled and forced.
"""

from __future__ import annotations

import asyncpg

from server.errors import PostureError

# Bookkeeping tables without tenant rows; the application role has no privilege on them.
UNTENANTED = frozenset({"schema_migrations"})

ROLE_PROBLEMS = """
SELECT r.rolname, r.rolsuper, r.rolbypassrls
FROM pg_roles r
WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND (r.rolsuper OR r.rolbypassrls)
ORDER BY r.rolname
"""

OWNED_TABLES = """
SELECT c.relname, pg_get_userbyid(c.relowner) AS owner
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  AND pg_has_role(current_user, c.relowner, 'MEMBER')
ORDER BY c.relname
"""

UNFORCED_TABLES = """
SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
       has_table_privilege(current_user, c.oid, 'SELECT,INSERT,UPDATE,DELETE') AS reachable
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
ORDER BY c.relname
"""


async def check_posture(conn: asyncpg.Connection) -> None:
    """Raise PostureError with one line naming the first problem found."""
    role = await conn.fetchval("SELECT current_user")
    for row in await conn.fetch(ROLE_PROBLEMS):
        what = "is a superuser" if row["rolsuper"] else "has BYPASSRLS"
        via = "" if row["rolname"] == role else f" (through its membership in {row['rolname']})"
        raise PostureError(
            f"database role {role!r}{via} {what}: row-level security would not apply; "
            "connect FLOWSUPPORT_DATABASE_URL as an ordinary role that is a member of "
            "flowsupport_app"
        )
    for row in await conn.fetch(OWNED_TABLES):
        raise PostureError(
            f"database role {role!r} can act as {row['owner']!r}, the owner of table "
            f"{row['relname']!r}: the application role must own no tables; run migrations "
            "as a separate owner role (FLOWSUPPORT_MIGRATION_DATABASE_URL)"
        )
    for row in await conn.fetch(UNFORCED_TABLES):
        if row["relname"] in UNTENANTED and not row["reachable"]:
            continue
        state = "does not force" if row["relrowsecurity"] else "does not enable"
        raise PostureError(
            f"table {row['relname']!r} {state} row-level security: every tenant table needs "
            "ENABLE and FORCE ROW LEVEL SECURITY"
        )
    if not await conn.fetchval("SELECT to_regprocedure('app_in_tenant(uuid)') IS NOT NULL"):
        raise PostureError("the database schema is not migrated: run `flowsupport migrate`")
