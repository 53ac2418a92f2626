"""The web clients' built files: the widget script and its fonts, the agent inbox, and a
demo page hosting the widget. Built from client/web (`npm run build`), shipped in the
package, so running FlowSupport needs no Node.js.

Page routes of the inbox app: `/inbox`, its settings area (`/inbox/settings/<page>`, where
`/settings` leads), and the pages a link in an e-mail opens without a session: accepting an
invitation (`/invite?token=`) and choosing a new password (`/reset?token=`). The app reads
the token itself and checks it with the API; these routes only serve it.

Security headers: the inbox and the demo page get a strict Content-Security-Policy (no
inline scripts; sockets and requests to this origin only) and may not be framed. The
widget script and fonts are loaded by customers' sites: fonts need CORS, the script not.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from server.api.handlers import setup_caller
from server.domain import widget as looks
from server.errors import FlowSupportError, NotFound
from server.services.container import Services

WEB = Path(__file__).resolve().parent.parent / "web"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
_FONT = re.compile(r"^[a-z0-9-]+\.woff2$")
_SETTINGS_PAGE = re.compile(r"^[a-z][a-z-]{0,39}$")
_WIDGET_KEY = re.compile(r"^wk_[A-Za-z0-9_-]{8,100}$")
DEMO_TENANT = "Demo"


def web_routes() -> list[BaseRoute]:
    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/setup", setup_page, methods=["GET", "HEAD"]),
        Route("/widget.js", widget_script, methods=["GET", "HEAD"]),
        Route("/fonts/{name}", font, methods=["GET", "HEAD"]),
        Route("/inbox", inbox_page, methods=["GET", "HEAD"]),
        Route("/inbox/", inbox_page, methods=["GET", "HEAD"]),
        Route("/inbox/settings", inbox_page, methods=["GET", "HEAD"]),
        Route("/inbox/settings/{page}", settings_page, methods=["GET", "HEAD"]),
        Route("/settings", settings_redirect, methods=["GET", "HEAD"]),
        Route("/settings/{page}", settings_redirect, methods=["GET", "HEAD"]),
        Route("/invite", inbox_page, methods=["GET", "HEAD"]),
        Route("/reset", inbox_page, methods=["GET", "HEAD"]),
        Mount(
            "/inbox/assets", app=ImmutableFiles(directory=WEB / "inbox" / "assets", check_dir=False)
        ),
        Route("/demo", demo_page, methods=["GET", "HEAD"]),
    ]


class ImmutableFiles(StaticFiles):
    """Hashed build output: cached for a year, never sniffed."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = list(message.get("headers", []))  # type: ignore[call-overload]
                headers += [
                    (b"cache-control", b"public, max-age=31536000, immutable"),
                    (b"x-content-type-options", b"nosniff"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_with_headers)  # type: ignore[arg-type]


def _built(relative: str) -> Path:
    path = WEB / relative
    if not path.is_file():
        raise NotFound(f"{relative} is not built: run `npm ci && npm run build` in client/web")
    return path


async def widget_script(request: Request) -> Response:
    return FileResponse(
        _built("widget/widget.js"),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


async def font(request: Request) -> Response:
    name = request.path_params["name"]
    if not _FONT.match(name):
        raise NotFound("no such font")
    return FileResponse(
        _built(f"fonts/{name}"),
        media_type="font/woff2",
        headers={
            "Cache-Control": "public, max-age=604800",
            "Access-Control-Allow-Origin": "*",  # @font-face from customers' sites
            "X-Content-Type-Options": "nosniff",
        },
    )


async def home(request: Request) -> Response:
    """The inbox, or on a first run the way to create the first workspace."""
    services: Services = request.app.state.services
    return RedirectResponse("/setup" if await services.first_run.needed() else "/inbox")


async def setup_page(request: Request) -> Response:
    """The inbox app opens its setup form here, only while no tenant exists and only for a
    caller `FirstRun` admits (the loopback, or the token from `serve`'s log line)."""
    first_run = request.app.state.services.first_run
    caller = setup_caller(request, request.query_params.get("token"))
    if not await first_run.needed():
        body = '<p>This server is already set up. <a href="/inbox">Sign in to the inbox</a>.</p>'
        return HTMLResponse(_page("Setup", body, None), status_code=404, headers=PAGE_HEADERS)
    if not first_run.admits(caller):
        body = (
            "<p>To create the first workspace, open the setup link that <code>flowsupport "
            "serve</code> wrote to its log (it carries a one-time token).</p>"
        )
        return HTMLResponse(_page("Setup", body, None), status_code=403, headers=PAGE_HEADERS)
    return await inbox_page(request)


async def inbox_page(request: Request) -> Response:
    return FileResponse(_built("inbox/index.html"), media_type="text/html", headers=PAGE_HEADERS)


async def settings_page(request: Request) -> Response:
    """A settings page of the inbox app (which pages exist, and who may see them, is the
    app's and the API's business: an unknown page is the app's "no such page")."""
    if not _SETTINGS_PAGE.match(request.path_params["page"]):
        raise NotFound("no such settings page")
    return await inbox_page(request)


async def settings_redirect(request: Request) -> Response:
    """`/settings` and `/settings/<page>`: the inbox app's settings area."""
    page = request.path_params.get("page")
    if page is not None and not _SETTINGS_PAGE.match(page):
        raise NotFound("no such settings page")
    return RedirectResponse(f"/inbox/settings/{page}" if page else "/inbox/settings")


async def demo_page(request: Request) -> Response:
    """A small company site with the widget embedded: `?widget_key=` picks the tenant,
    else the one `flowsupport demo` made."""
    key = request.query_params.get("widget_key")
    if key is None:
        services: Services = request.app.state.services
        try:
            key = (await services.admin.find_tenant(DEMO_TENANT)).widget_key
        except FlowSupportError:
            return HTMLResponse(
                _page(
                    "Demo", "<p>No demo tenant yet: run <code>flowsupport demo</code>.</p>", None
                ),
                status_code=404,
                headers=PAGE_HEADERS,
            )
    if not _WIDGET_KEY.match(key):
        raise NotFound("no such widget key")
    body = _built("demo.html").read_text()
    return HTMLResponse(_page("Northwind Analytics", body, key), headers=PAGE_HEADERS)


def _page(title: str, body: str, widget_key: str | None) -> str:
    script = looks.snippet("", widget_key) if widget_key else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body>{body}{script}</body></html>"
    )
