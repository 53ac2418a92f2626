"""Articles' public URLs under --base-url, and links between articles resolved. Pure."""

from __future__ import annotations

import pytest

from kb_ingest.samples import PLAUSIBLE_BASE_URL, PLAUSIBLE_DOCS
from server.errors import ValidationFailed
from server.kb.chunking import front_matter
from server.kb.site import Site, base_url

DOCS = "https://plausible.io/docs"


def test_only_absolute_http_base_urls_are_accepted() -> None:
    assert base_url("https://plausible.io/docs/") == DOCS
    assert base_url("  HTTP://Help.example.com  ") == "http://Help.example.com"
    for wrong in ("ftp://plausible.io/docs", "plausible.io/docs", "/docs", "https://", ""):
        with pytest.raises(ValidationFailed, match="http"):
            base_url(wrong)
    with pytest.raises(ValidationFailed, match="query or fragment"):
        base_url("https://plausible.io/docs?lang=en")


def test_an_article_url_is_its_path_or_its_slug() -> None:
    site = Site(
        DOCS + "/",
        {
            "proxy/introduction.md": None,
            "billing.md": None,
            "introduction.md": "/",
            "faq.mdx": "/questions/faq",
            "proxy/guides/nginx.md": "nginx-proxy",
            "guides/index.md": None,
            "Setup Guide.md": None,
            "notes.txt": None,
        },
    )
    assert site.url_of("proxy/introduction.md") == f"{DOCS}/proxy/introduction"
    assert site.url_of("billing.md") == f"{DOCS}/billing"
    assert site.url_of("introduction.md") == f"{DOCS}/"  # slug "/": the base itself
    assert site.url_of("faq.mdx") == f"{DOCS}/questions/faq"  # absolute slug: under the base
    assert site.url_of("proxy/guides/nginx.md") == f"{DOCS}/proxy/guides/nginx-proxy"
    assert site.url_of("guides/index.md") == f"{DOCS}/guides"
    assert site.url_of("Setup Guide.md") == f"{DOCS}/Setup%20Guide"
    assert site.url_of("notes.txt") == f"{DOCS}/notes"
    escaping = Site(DOCS, {"a.md": "../../../etc"})
    assert escaping.url_of("a.md") == f"{DOCS}/etc"  # a slug never leaves the base


def test_links_resolve_like_the_published_site() -> None:
    site = Site(
        DOCS, {"introduction.md": "/", "sso.md": None, "sso-okta.md": None, "proxy/a.md": None}
    )

    def resolve(href: str, source: str = "sso-okta.md", html: bool = False) -> str | None:
        return site.resolve(href, source, html=html)

    assert resolve("https://plausible.io/contact") == "https://plausible.io/contact"
    assert resolve("cancel-subscription.md") == f"{DOCS}/cancel-subscription"
    assert resolve("subscription-plans.md#enterprise") == f"{DOCS}/subscription-plans#enterprise"
    assert resolve("introduction.md") == f"{DOCS}/"  # the linked article's slug applies
    assert resolve("../plausible-script.md", "proxy/a.md") == f"{DOCS}/plausible-script"
    assert resolve("guides/nginx.md", "proxy/a.md") == f"{DOCS}/proxy/guides/nginx"
    assert resolve("/custom-props/introduction") == f"{DOCS}/custom-props/introduction"
    assert resolve("sso#initiating-sso") == f"{DOCS}/sso#initiating-sso"  # as a browser does
    assert resolve("#steps") == f"{DOCS}/sso-okta#steps"
    assert resolve("#start", "introduction.md") == f"{DOCS}/#start"
    assert resolve("/docs/register-account", html=True) == f"{DOCS}/register-account"
    assert resolve("mailto:hello@plausible.io") is None
    assert resolve("javascript:alert(1)") is None
    assert resolve("") is None


def test_the_bundled_help_center_has_slugs_and_links_resolve() -> None:
    """Plausible's docs: the introduction's slug "/" makes it the base URL itself."""
    slugs = {
        path.relative_to(PLAUSIBLE_DOCS).as_posix(): front_matter(path.read_text())[0].get("slug")
        for path in PLAUSIBLE_DOCS.rglob("*.md")
    }
    assert slugs["introduction.md"] == "/"
    site = Site(PLAUSIBLE_BASE_URL, slugs)
    assert site.url_of("introduction.md") == "https://plausible.io/docs/"
    assert site.url_of("proxy/introduction.md") == "https://plausible.io/docs/proxy/introduction"
    assert (
        site.resolve("../wordpress-integration.md", "proxy/introduction.md")
        == "https://plausible.io/docs/wordpress-integration"
    )
