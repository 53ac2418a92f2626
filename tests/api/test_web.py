"""The built web clients as the server serves them: types, caching and security headers."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.provision import Tenant

BUILT = Path(__file__).resolve().parents[2] / "server" / "web"


async def test_widget_script_and_fonts_load_from_any_site(http: httpx.AsyncClient) -> None:
    script = await http.get("/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["x-content-type-options"] == "nosniff"
    assert "window" in script.text and len(script.content) < 200_000
    font = await http.get("/fonts/inter-latin-400-normal.woff2")
    assert font.status_code == 200 and font.headers["content-type"] == "font/woff2"
    assert font.headers["access-control-allow-origin"] == "*"  # @font-face across origins
    for bad in ("/fonts/../secret_key", "/fonts/LICENSE-Inter.txt", "/fonts/x.woff2"):
        assert (await http.get(bad)).status_code == 404


async def test_pages_carry_a_strict_content_security_policy(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    inbox = await http.get("/inbox")
    assert inbox.status_code == 200 and "<html" in inbox.text.lower()
    policy = inbox.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy
    demo = await http.get(f"/demo?widget_key={shop.widget_key}")
    assert demo.status_code == 200
    assert f'data-widget-key="{shop.widget_key}"' in demo.text
    assert demo.headers["content-security-policy"] == policy
    hostile = await http.get('/demo?widget_key="><script>alert(1)</script>')
    assert hostile.status_code == 404 and "<script>alert" not in hostile.text
    assert (await http.get("/")).headers.get("location") in (None, "/inbox")


async def test_inbox_uses_the_one_copy_of_the_fonts(http: httpx.AsyncClient) -> None:
    """The inbox's @font-face rules point at /fonts/ (the widget's files): none bundled."""
    page = (await http.get("/inbox")).text
    sheets = re.findall(r'href="(/inbox/assets/[^"]+\.css)"', page)
    assert len(sheets) == 1
    css = (await http.get(sheets[0])).text
    fonts = sorted(set(re.findall(r"url\(([^)]*\.woff2?)\)", css)))
    assert fonts == [f"/fonts/inter-latin-{w}-normal.woff2" for w in (400, 500, 600, 700)]
    for url in fonts:
        font = await http.get(url)
        assert font.status_code == 200 and font.headers["content-type"] == "font/woff2"
    bundled = [p.name for p in (BUILT / "inbox").rglob("*") if p.suffix in (".woff", ".woff2")]
    assert bundled == []
