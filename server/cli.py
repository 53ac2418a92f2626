"""The ``flowsupport`` command (DESIGN.md "Contract: command line").

Admin commands accept ``--json`` and then print exactly one JSON object on stdout: the
result, or ``{"error": {"code", "message"}}`` with a non-zero exit status.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from server import __version__
from server.channels.secretbox import SecretBox
from server.clock import rfc3339
from server.config import Settings
from server.domain import audit_csv, channel_forms
from server.errors import FlowSupportError, StartupError
from server.services.admin import OPERATOR_ACTOR, AdminService
from server.services.audit_log import AuditLogService
from server.services.gdpr import GdprService, operator_requester
from server.services.support_access import SupportAccessService
from server.services.team import TeamService
from server.store.db import Database
from server.store.provision import database_urls, prepare
from server.wiring import attachments_for, clock_for, revocation_publisher

EXIT_FAILED = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, dict[str, Any]]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    as_json: bool = getattr(args, "json", False)
    try:
        settings = Settings.from_env()
        if args.command == "serve":
            from server.serve import serve  # imports uvicorn only when serving

            return serve(settings, host=args.host, port=args.port, workers=args.workers)
        if args.command == "demo":
            from server.demo import run_demo

            return run_demo(settings, host=args.host, port=args.port, kb=args.kb)
        if args.command == "worker":
            from server.workers.main import run_worker

            return run_worker(settings)
        handler: Command = args.handler
        result = asyncio.run(handler(args, settings))
    except StartupError as exc:
        return _fail(as_json, "unavailable", str(exc), EXIT_FAILED)
    except FlowSupportError as exc:
        return _fail(as_json, exc.code, exc.message, EXIT_FAILED)
    except KeyboardInterrupt:
        return 130
    if as_json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value if not isinstance(value, list) else ', '.join(value)}")
    return 0


def _fail(as_json: bool, code: str, message: str, status: int) -> int:
    if as_json:
        print(json.dumps({"error": {"code": code, "message": message}}))
    else:
        print(f"flowsupport: {message}", file=sys.stderr)
    return status


async def _with_admin(
    settings: Settings, work: Callable[[AdminService], Awaitable[dict[str, Any]]]
) -> dict[str, Any]:
    async with database_urls(settings) as urls:
        await prepare(urls, run_migrations=settings.auto_migrate)
        db = await Database.connect(
            urls.app, max_size=2, transaction_pooler=urls.transaction_pooler
        )
        try:
            return await work(AdminService(db, SecretBox(settings.secret_key)))
        finally:
            await db.close()


async def _with_team(
    settings: Settings, work: Callable[[TeamService, AdminService], Awaitable[dict[str, Any]]]
) -> dict[str, Any]:
    """The team service as the operator. Revocations are published through Redis when it
    is configured (every node closes the sockets at once); without it the running server's
    sweep closes them within seconds (README "Sessions and revocation")."""
    async with database_urls(settings) as urls, AsyncExitStack() as stack:
        await prepare(urls, run_migrations=settings.auto_migrate)
        db = await Database.connect(
            urls.app, max_size=2, transaction_pooler=urls.transaction_pooler
        )
        stack.push_async_callback(db.close)
        revocations = await revocation_publisher(settings, stack)
        clock = clock_for(settings)
        admin = AdminService(db, SecretBox(settings.secret_key), clock=clock)
        return await work(TeamService(db, admin, clock, revocations), admin)


async def _migrate(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async with database_urls(settings) as urls:
        applied = await prepare(urls, run_migrations=True)
    return {"applied": applied}


async def _tenant_create(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.create_tenant(args.name, args.origin or [])
        if args.no_ai:
            await admin.set_ai_enabled(tenant, False)
        return {
            "tenant_id": str(tenant.id),
            "widget_key": tenant.widget_key,
            "identity_secret": tenant.identity_secret,
        }

    return await _with_admin(settings, work)


async def _user_create(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        user = await admin.create_user(
            tenant, email=args.email, password=args.password, role=args.role, name=args.name
        )
        return {"user_id": str(user.id)}

    return await _with_admin(settings, work)


async def _user_deactivate(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(team: TeamService, admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        done = await team.deactivate_by_email(OPERATOR_ACTOR, tenant.id, args.email)
        return {"user_id": str(done.user_id), "sessions_closed": done.sessions_closed}

    return await _with_team(settings, work)


async def _apikey_revoke(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(team: TeamService, admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        return {"revoked": await team.revoke_api_keys_named(OPERATOR_ACTOR, tenant.id, args.name)}

    return await _with_team(settings, work)


async def _apikey_create(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        return {"api_key": await admin.create_api_key(tenant, args.name)}

    return await _with_admin(settings, work)


async def _channel_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """DESIGN.md's three forms: e-mail; SMS or WhatsApp through Twilio; WhatsApp by Meta
    (checked by domain.channel_forms, added as `POST /v1/channels` adds them)."""
    given = {name: getattr(args, name) for name in channel_forms.FIELDS}
    form = channel_forms.channel_form(args.kind, args.provider, given, channel_forms.as_flag)

    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        channel = await admin.channels.add(tenant, form, OPERATOR_ACTOR)
        path = channel_forms.webhook_path(channel.provider, channel.id)
        if path is None:
            return {"channel_id": str(channel.id)}
        return {"channel_id": str(channel.id), "webhook_url": f"{settings.public_url}{path}"}

    return await _with_admin(settings, work)


async def _support_access_grant(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """The operator opens a tenant to a super_admin (`--user EMAIL`, or the platform's
    only one), as `POST /v1/support-access` does for a signed-in super_admin; audited in
    the tenant's log with the operator as actor."""
    async with database_urls(settings) as urls:
        await prepare(urls, run_migrations=settings.auto_migrate)
        clock = clock_for(settings)
        db = await Database.connect(
            urls.app, max_size=2, transaction_pooler=urls.transaction_pooler, clock=clock
        )
        try:
            tenant = await AdminService(db, clock=clock).find_tenant(args.tenant)
            grant = await SupportAccessService(db, clock).grant_as_operator(
                tenant.id, args.reason, args.minutes, args.user
            )
        finally:
            await db.close()
    return {"grant_id": str(grant.id), "expires_at": rfc3339(grant.expires_at)}


async def _with_gdpr(
    settings: Settings, work: Callable[[GdprService, AdminService], Awaitable[dict[str, Any]]]
) -> dict[str, Any]:
    """The GDPR service in a tenant's admin context with no user (requested by 'cli').
    The erased visitor's sockets close through Redis when it is configured."""
    async with database_urls(settings) as urls, AsyncExitStack() as stack:
        await prepare(urls, run_migrations=settings.auto_migrate)
        clock = clock_for(settings)
        db = await Database.connect(
            urls.app, max_size=2, transaction_pooler=urls.transaction_pooler, clock=clock
        )
        stack.push_async_callback(db.close)
        revocations = await revocation_publisher(settings, stack)
        files = attachments_for(settings, db)  # the export reads files, erasure deletes them
        return await work(GdprService(db, clock, revocations, files), AdminService(db, clock=clock))


async def _contact_export(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """The export as `GET /v1/contacts/{id}/export` makes it: a .json file, or a .zip
    (export.json and the files) when the contact has attachments."""

    async def work(gdpr: GdprService, admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        done = await gdpr.export(operator_requester(tenant.id), args.contact)
        suffix = ".zip" if done.files else ".json"
        path = Path(args.out) if args.out else Path.cwd() / f"contact-{done.contact_id}{suffix}"
        path.write_bytes(done.zip_bytes() if done.files else done.json_bytes())
        return {"contact_id": str(done.contact_id), "path": str(path)}

    return await _with_gdpr(settings, work)


async def _contact_erase(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(gdpr: GdprService, admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        done = await gdpr.erase(operator_requester(tenant.id), args.contact)
        return {"contact_id": str(done.contact_id), "erased": done.erased}

    return await _with_gdpr(settings, work)


async def _access_review(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """SOC 2 access review as the operator: every staff account of one tenant, or of every
    tenant (then with tenant_id and tenant_name columns first), written as CSV to --out;
    --json also prints the accounts."""
    async with database_urls(settings) as urls:
        await prepare(urls, run_migrations=settings.auto_migrate)
        db = await Database.connect(
            urls.app, max_size=2, transaction_pooler=urls.transaction_pooler
        )
        try:
            tenant_id = (
                (await AdminService(db).find_tenant(args.tenant)).id if args.tenant else None
            )
            rows = await AuditLogService(db).access_review_all(tenant_id)
        finally:
            await db.close()
    every = tenant_id is None
    path = Path(args.out) if args.out else Path.cwd() / "access-review.csv"
    path.write_text(audit_csv.review_csv(rows, with_tenant=every), encoding="utf-8")
    result: dict[str, Any] = {"path": str(path), "accounts": len(rows)}
    if args.json:
        result["users"] = [audit_csv.review_record(row, with_tenant=every) for row in rows]
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flowsupport", description="FlowSupport server and admin")
    parser.add_argument("--version", action="version", version=f"flowsupport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the HTTP + WebSocket server")
    serve.add_argument("--host", default=None, help="listen address (FLOWSUPPORT_HOST)")
    serve.add_argument("--port", type=int, default=None, help="listen port (PORT)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port, one per core (N > 1 needs FLOWSUPPORT_REDIS_URL)",
    )
    commands.add_parser("worker", help="run background jobs")
    demo = commands.add_parser(
        "demo", help="serve with a demo tenant, agent and knowledge base; prints URLs and logins"
    )
    demo.add_argument("--host", default=None, help="listen address (FLOWSUPPORT_HOST)")
    demo.add_argument("--port", type=int, default=None, help="listen port (PORT)")
    demo.add_argument("--kb", type=Path, default=None, help="help-center files to load")

    migrate = commands.add_parser("migrate", help="apply migrations, then exit")
    _json_flag(migrate)
    migrate.set_defaults(handler=_migrate)

    tenant = commands.add_parser("tenant", help="manage tenants").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    tenant_create = tenant.add_parser("create", help="create a tenant")
    tenant_create.add_argument("--name", required=True)
    tenant_create.add_argument(
        "--origin", action="append", metavar="URL", help="allowed widget origin (repeatable)"
    )
    tenant_create.add_argument(
        "--no-ai", action="store_true", help="agents answer every chat (no AI answers)"
    )
    _json_flag(tenant_create)
    tenant_create.set_defaults(handler=_tenant_create)

    user = commands.add_parser("user", help="manage staff users").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    user_create = user.add_parser("create", help="create an agent or admin")
    user_create.add_argument("--tenant", required=True, help="tenant id or name")
    user_create.add_argument("--email", required=True)
    user_create.add_argument("--password", required=True)
    user_create.add_argument("--role", required=True, choices=["agent", "admin", "super_admin"])
    user_create.add_argument("--name", default="", help="display name")
    _json_flag(user_create)
    user_create.set_defaults(handler=_user_create)
    user_deactivate = user.add_parser(
        "deactivate", help="deactivate a user: their sessions end, their sockets close"
    )
    user_deactivate.add_argument("--tenant", required=True, help="tenant id or name")
    user_deactivate.add_argument("--email", required=True)
    _json_flag(user_deactivate)
    user_deactivate.set_defaults(handler=_user_deactivate)

    apikey = commands.add_parser("apikey", help="manage bot API keys").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    apikey_create = apikey.add_parser("create", help="create an API key (shown once)")
    apikey_create.add_argument("--tenant", required=True, help="tenant id or name")
    apikey_create.add_argument("--name", required=True)
    _json_flag(apikey_create)
    apikey_create.set_defaults(handler=_apikey_create)
    apikey_revoke = apikey.add_parser(
        "revoke", help="revoke every live key with this name; prints how many"
    )
    apikey_revoke.add_argument("--tenant", required=True, help="tenant id or name")
    apikey_revoke.add_argument("--name", required=True)
    _json_flag(apikey_revoke)
    apikey_revoke.set_defaults(handler=_apikey_revoke)

    channel = commands.add_parser("channel", help="manage customer channels").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    channel_add = channel.add_parser("add", help="add an address customers write to")
    channel_add.add_argument("--tenant", required=True, help="tenant id or name")
    channel_add.add_argument("--kind", required=True, choices=["email", "sms", "whatsapp"])
    channel_add.add_argument("--address", help="email: the address mail arrives at")
    channel_add.add_argument("--provider", choices=["twilio", "meta"], help="sms/whatsapp")
    channel_add.add_argument("--number", help="twilio: the number in E.164 form")
    channel_add.add_argument("--account-sid", help="twilio: the account SID")
    channel_add.add_argument("--auth-token", help="twilio: the auth token (stored encrypted)")
    channel_add.add_argument("--phone-number-id", help="meta: the WhatsApp phone number id")
    channel_add.add_argument("--app-secret", help="meta: the app secret (stored encrypted)")
    channel_add.add_argument("--verify-token", help="meta: the webhook verify token")
    channel_add.add_argument("--access-token", help="meta: the access token (stored encrypted)")
    channel_add.add_argument("--api-base", help="the provider API's base URL (tests, proxies)")
    _json_flag(channel_add)
    channel_add.set_defaults(handler=_channel_add)

    support = commands.add_parser(
        "support-access", help="a super_admin's audited, time-boxed access to a tenant"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    support_grant = support.add_parser(
        "grant", help="open a tenant to a super_admin for at most 1440 minutes"
    )
    support_grant.add_argument("--tenant", required=True, help="tenant id or name")
    support_grant.add_argument("--reason", required=True, help="why (10-500 characters)")
    support_grant.add_argument("--minutes", required=True, type=int, help="1..1440")
    support_grant.add_argument(
        "--user", default=None, metavar="EMAIL", help="the super_admin (default: the only one)"
    )
    _json_flag(support_grant)
    support_grant.set_defaults(handler=_support_access_grant)

    contact = commands.add_parser("contact", help="GDPR: export or erase a contact").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    contact_export = contact.add_parser(
        "export", help="everything about a contact, as .json (or .zip with their files)"
    )
    contact_export.add_argument("--tenant", required=True, help="tenant id or name")
    contact_export.add_argument("--contact", required=True, help="the contact's id")
    contact_export.add_argument(
        "--out", default=None, metavar="FILE", help="default: ./contact-<id>.json or .zip"
    )
    _json_flag(contact_export)
    contact_export.set_defaults(handler=_contact_export)
    contact_erase = contact.add_parser(
        "erase", help="erase a contact's personal data everywhere (checked by a scan)"
    )
    contact_erase.add_argument("--tenant", required=True, help="tenant id or name")
    contact_erase.add_argument("--contact", required=True, help="the contact's id")
    _json_flag(contact_erase)
    contact_erase.set_defaults(handler=_contact_erase)

    review = commands.add_parser(
        "access-review", help="every staff account, its role and last activity, as CSV"
    )
    review.add_argument("--tenant", default=None, help="tenant id or name (default: every one)")
    review.add_argument("--out", default=None, metavar="FILE", help="default: ./access-review.csv")
    _json_flag(review)
    review.set_defaults(handler=_access_review)
    return parser


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
