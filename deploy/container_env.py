#!/usr/bin/env python3
"""Container entry helper: turn platform-shaped secrets into FlowSupport's settings, then exec.

Installed in the image as ``/usr/local/bin/flowsupport-env``. FlowSupport reads whole URLs
(``FLOWSUPPORT_DATABASE_URL``, ``FLOWSUPPORT_MIGRATION_DATABASE_URL``, ``FLOWSUPPORT_REDIS_URL``),
while secret stores hand out a password per variable (ECS ``secrets``, Kubernetes Secrets) or a
password per file (Docker/Compose secrets). This helper bridges the two and then replaces itself
with the real command, so signals (SIGTERM on a deploy) reach FlowSupport directly:

    flowsupport-env flowsupport serve --host 0.0.0.0
    flowsupport-env --prepare-roles flowsupport migrate

1. ``NAME_FILE`` -> ``NAME``: for every variable ending in ``_FILE`` whose ``NAME`` is unset and
   starts with ``FLOWSUPPORT_``, ``DATABASE_`` or ``REDIS_`` or ends in ``_API_KEY`` (an LLM
   provider's key), the file's content (one trailing newline dropped) becomes ``NAME``. E.g.
   ``FLOWSUPPORT_SECRET_KEY_FILE=/run/secrets/flowsupport_secret_key``.
2. Database URLs, each only when the URL itself is unset and ``DATABASE_HOST`` is set:
   ``FLOWSUPPORT_DATABASE_URL`` from ``DATABASE_APP_USER`` (default ``flowsupport``) and
   ``DATABASE_APP_PASSWORD``; ``FLOWSUPPORT_MIGRATION_DATABASE_URL`` from
   ``DATABASE_OWNER_USER`` (default ``flowsupport_owner``) and ``DATABASE_OWNER_PASSWORD`` (only
   when that password is set); both with ``DATABASE_HOST``, ``DATABASE_PORT`` (5432),
   ``DATABASE_NAME`` (``flowsupport``) and ``DATABASE_SSLMODE`` (``prefer``). User and password
   are percent-encoded, so any generated password works.
3. ``FLOWSUPPORT_REDIS_URL`` when unset and ``REDIS_HOST`` is set: ``REDIS_PORT`` (6379),
   ``REDIS_AUTH_TOKEN`` (optional), ``REDIS_TLS`` (``true`` gives ``rediss://``), ``REDIS_DB``
   (0).
4. ``--prepare-roles`` (the migrate task only), connected as the owner:
   - with ``DATABASE_APP_PASSWORD`` set, create the application's login role
     (``DATABASE_APP_USER``) when it is missing, or set its password to the current one, so a
     password rotated in the secret store reaches PostgreSQL on the next migrate run. The
     password is sent as a SCRAM-SHA-256 verifier computed here, never as clear text that could
     reach the server's statement log. ``flowsupport migrate`` then makes that role a member of
     ``flowsupport_app`` (README, "External PostgreSQL");
   - create ``flowsupport_auth`` if missing and grant it CREATE on schema ``public``: the
     migrations give it their SECURITY DEFINER functions (``ALTER FUNCTION ... OWNER TO
     flowsupport_auth``), which PostgreSQL refuses to an owner that is not a true superuser
     (RDS's master user, a CREATEROLE owner) unless the new owner may create in the schema.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

SCRAM_ITERATIONS = 4096  # PostgreSQL's default scram_iterations


FILE_PREFIXES = ("FLOWSUPPORT_", "DATABASE_", "REDIS_")


def expand_files(env: MutableMapping[str, str]) -> None:
    for name in [n for n in env if n.endswith("_FILE")]:
        target = name[: -len("_FILE")]
        if not (target.startswith(FILE_PREFIXES) or target.endswith("_API_KEY")):
            continue  # another program's variable (TF_CLI_CONFIG_FILE, ...): not ours to read
        if env.get(target):
            continue
        with open(env[name], encoding="utf-8") as handle:
            value = handle.read()
        env[target] = value[:-1] if value.endswith("\n") else value


def _database_url(env: MutableMapping[str, str], user: str, password: str) -> str:
    host = env["DATABASE_HOST"]
    host = f"[{host}]" if ":" in host else host
    port = env.get("DATABASE_PORT") or "5432"
    name = env.get("DATABASE_NAME") or "flowsupport"
    sslmode = env.get("DATABASE_SSLMODE") or "prefer"
    credentials = f"{quote(user, safe='')}:{quote(password, safe='')}"
    return f"postgresql://{credentials}@{host}:{port}/{quote(name, safe='')}?sslmode={sslmode}"


def assemble_urls(env: MutableMapping[str, str]) -> None:
    if env.get("DATABASE_HOST"):
        if not env.get("FLOWSUPPORT_DATABASE_URL"):
            if not env.get("DATABASE_APP_PASSWORD"):
                raise SystemExit(
                    "flowsupport-env: DATABASE_HOST is set but DATABASE_APP_PASSWORD is not"
                )
            env["FLOWSUPPORT_DATABASE_URL"] = _database_url(
                env, env.get("DATABASE_APP_USER") or "flowsupport", env["DATABASE_APP_PASSWORD"]
            )
        if not env.get("FLOWSUPPORT_MIGRATION_DATABASE_URL") and env.get("DATABASE_OWNER_PASSWORD"):
            env["FLOWSUPPORT_MIGRATION_DATABASE_URL"] = _database_url(
                env,
                env.get("DATABASE_OWNER_USER") or "flowsupport_owner",
                env["DATABASE_OWNER_PASSWORD"],
            )
    if env.get("REDIS_HOST") and not env.get("FLOWSUPPORT_REDIS_URL"):
        tls = (env.get("REDIS_TLS") or "false").lower() in ("1", "true", "yes", "on")
        token = env.get("REDIS_AUTH_TOKEN")
        auth = f":{quote(token, safe='')}@" if token else ""
        port = env.get("REDIS_PORT") or "6379"
        db = env.get("REDIS_DB") or "0"
        scheme = "rediss" if tls else "redis"
        env["FLOWSUPPORT_REDIS_URL"] = f"{scheme}://{auth}{env['REDIS_HOST']}:{port}/{db}"


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802 / 7677)."""
    salt = secrets.token_bytes(16) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, SCRAM_ITERATIONS)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


async def prepare_roles(owner_url: str, app_role: str | None, app_password: str | None) -> None:
    """As the owner, before `flowsupport migrate`: see the module's docstring, step 4."""
    import asyncpg  # the image's virtualenv has it; only this path needs it

    conn = await asyncpg.connect(owner_url, timeout=10)
    try:
        if app_role and app_password:
            exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", app_role)
            # CREATE names the attributes the posture check demands (they are the defaults);
            # ALTER may not name them without superuser, and changes only LOGIN and the password.
            template = (
                "ALTER ROLE %I WITH LOGIN PASSWORD %L"
                if exists
                else "CREATE ROLE %I WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
                "PASSWORD %L"
            )
            await _execute_formatted(conn, template, app_role, scram_verifier(app_password))
            done = "password set" if exists else "created"
            print(f"flowsupport-env: application role {app_role!r}: {done}", file=sys.stderr)
        # Migrations hand their SECURITY DEFINER look-ups to flowsupport_auth (ALTER FUNCTION ...
        # OWNER TO flowsupport_auth). For an owner that is not a true superuser (RDS's master
        # user, a CREATEROLE owner) PostgreSQL allows that only when flowsupport_auth may CREATE
        # in the schema. Create the role here (so this owner administers it) and grant that.
        if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = 'flowsupport_auth'"):
            await conn.execute(
                "CREATE ROLE flowsupport_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB "
                "NOCREATEROLE"
            )
        await _execute_formatted(conn, "GRANT CREATE ON SCHEMA %I TO flowsupport_auth", "public")
    finally:
        await conn.close()


async def _execute_formatted(conn: Any, template: str, *values: str) -> None:
    """Run `template` with its %I / %L placeholders filled by the server's format()."""
    placeholders = ", ".join(f"${i + 2}::text" for i in range(len(values)))
    statement = await conn.fetchval(f"SELECT format($1::text, {placeholders})", template, *values)
    await conn.execute(statement)


def main(argv: list[str]) -> int:
    args = list(argv)
    prepare = False
    if args and args[0] == "--prepare-roles":
        prepare = True
        args.pop(0)
    if args and args[0] == "--":
        args.pop(0)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    env = os.environ
    expand_files(env)
    assemble_urls(env)
    if prepare:
        owner_url = env.get("FLOWSUPPORT_MIGRATION_DATABASE_URL")
        if not owner_url:
            raise SystemExit(
                "flowsupport-env: --prepare-roles needs the owner's URL "
                "(FLOWSUPPORT_MIGRATION_DATABASE_URL, or DATABASE_HOST and DATABASE_OWNER_PASSWORD)"
            )
        asyncio.run(
            prepare_roles(
                owner_url,
                env.get("DATABASE_APP_USER") or "flowsupport",
                env.get("DATABASE_APP_PASSWORD"),
            )
        )
    os.execvp(args[0], args)  # noqa: S606 (the command line given to us, by design)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
