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
from pathlib import Path
from typing import Any

from server import __version__
from server.channels.secretbox import SecretBox
from server.config import Settings
from server.errors import FlowSupportError, StartupError, ValidationFailed
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls, prepare

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

            return serve(settings, host=args.host, port=args.port)
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


async def _apikey_create(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        return {"api_key": await admin.create_api_key(tenant, args.name)}

    return await _with_admin(settings, work)


async def _channel_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """DESIGN.md's three forms: e-mail; SMS or WhatsApp through Twilio; WhatsApp by Meta."""

    def need(*names: str) -> None:
        missing = [f"--{n.replace('_', '-')}" for n in names if not getattr(args, n)]
        if missing:
            raise ValidationFailed(
                f"a {args.kind} channel by {args.provider} needs {', '.join(missing)}"
            )

    async def work(admin: AdminService) -> dict[str, Any]:
        tenant = await admin.find_tenant(args.tenant)
        if args.kind == "email":
            need("address")
            channel = await admin.add_email_channel(tenant, args.address)
            return {"channel_id": str(channel.id)}
        base = {"api_base": args.api_base} if args.api_base else {}
        if args.provider == "twilio":
            need("number", "account_sid", "auth_token")
            channel = await admin.add_text_channel(
                tenant,
                kind=args.kind,
                provider="twilio",
                address=args.number,
                settings={"account_sid": args.account_sid, **base},
                secrets={"auth_token": args.auth_token},
            )
            path = "twilio"
        elif args.provider == "meta" and args.kind == "whatsapp":
            need("phone_number_id", "app_secret", "verify_token", "access_token")
            channel = await admin.add_text_channel(
                tenant,
                kind="whatsapp",
                provider="meta",
                address=args.phone_number_id,
                settings=base,
                secrets={
                    "app_secret": args.app_secret,
                    "verify_token": args.verify_token,
                    "access_token": args.access_token,
                },
            )
            path = "whatsapp"
        else:
            raise ValidationFailed("--provider must be twilio (sms, whatsapp) or meta (whatsapp)")
        return {
            "channel_id": str(channel.id),
            "webhook_url": f"{settings.public_url}/v1/channels/{path}/{channel.id}",
        }

    return await _with_admin(settings, work)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flowsupport", description="FlowSupport server and admin")
    parser.add_argument("--version", action="version", version=f"flowsupport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the HTTP + WebSocket server")
    serve.add_argument("--host", default=None, help="listen address (FLOWSUPPORT_HOST)")
    serve.add_argument("--port", type=int, default=None, help="listen port (PORT)")
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

    apikey = commands.add_parser("apikey", help="manage bot API keys").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    apikey_create = apikey.add_parser("create", help="create an API key (shown once)")
    apikey_create.add_argument("--tenant", required=True, help="tenant id or name")
    apikey_create.add_argument("--name", required=True)
    _json_flag(apikey_create)
    apikey_create.set_defaults(handler=_apikey_create)

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
    return parser


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
