"""Where a help center is published: each article's public URL, and links between articles
resolved to absolute URLs. Pure.

`--base-url https://plausible.io/docs` gives ``proxy/introduction.md`` the URL
``https://plausible.io/docs/proxy/introduction``; a front-matter ``slug`` replaces the path
(``/`` and ``/foo`` are relative to the base URL, ``foo`` to the article's folder), and an
``index.md`` or ``README.md`` stands for its folder, as documentation sites publish them.
Links follow the same rules: ``billing.md#refunds`` (relative to the linking file) becomes
the billing article's URL, ``/custom-props/introduction`` is relative to the base URL and
``sso#setup`` to the linking page, as a browser would resolve it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from server.errors import ValidationFailed

ARTICLE_SUFFIXES = (".md", ".mdx", ".markdown", ".html", ".htm", ".txt")
_FOLDER_PAGES = ("index", "readme")


def base_url(url: str) -> str:
    """`url` checked (absolute http or https, no query or fragment), without trailing
    slashes: the base every article's URL is joined to."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(
            f"the base URL must be an absolute http:// or https:// URL, not {url!r}"
        )
    if parts.query or parts.fragment:
        raise ValidationFailed(f"the base URL must not have a query or fragment: {url!r}")
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path.rstrip("/"), "", ""))


def is_web_url(href: str) -> bool:
    parts = urlsplit(href)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _without_suffix(path: str) -> str:
    stem, suffix = posixpath.splitext(path)
    return stem if suffix.lower() in ARTICLE_SUFFIXES else path


def _inside(path: str) -> str:
    """`path` normalised and kept inside the site (no leading ``..``), '' for its root."""
    normal = posixpath.normpath("/" + path).lstrip("/")
    return "" if normal == "." else normal


class Site:
    """The URLs of a set of articles published under one base URL."""

    def __init__(self, base: str, slugs: Mapping[str, str | None]) -> None:
        """`slugs`: every article's source path (relative to the folder ingested) and its
        front-matter slug, if any."""
        self.base = base_url(base)
        self._urls: dict[str, str] = {}
        self._by_stem: dict[str, str] = {}
        for source_path, slug in slugs.items():
            url = self._article_url(source_path, slug)
            self._urls[source_path] = url
            self._by_stem.setdefault(_without_suffix(source_path), url)

    def url_of(self, source_path: str) -> str:
        return self._urls.get(source_path) or self._article_url(source_path, None)

    def _page(self, path: str) -> str:
        """The URL of site path `path` ('' is the base itself, as a folder)."""
        path = _inside(path)
        folder, _, name = path.rpartition("/")
        if name.lower() in _FOLDER_PAGES:
            path = folder
        return f"{self.base}/{quote(path)}" if path else f"{self.base}/"

    def _article_url(self, source_path: str, slug: str | None) -> str:
        if slug is not None and str(slug).strip():
            slug = str(slug).strip()
            if slug.startswith("/"):
                return self._page(slug)
            return self._page(posixpath.join(posixpath.dirname(source_path), slug))
        return self._page(_without_suffix(source_path))

    def _site_path(self, path: str) -> str:
        """A path inside the site: an article ingested with it, else its page."""
        path = _inside(path)
        known = self._by_stem.get(_without_suffix(path))
        return known if known is not None else self._page(_without_suffix(path))

    def links_of(self, source_path: str) -> Callable[[str, bool], str | None]:
        """How the links of article `source_path` resolve (chunking.Links)."""
        return lambda href, html: self.resolve(href, source_path, html=html)

    def resolve(self, href: str, source_path: str, *, html: bool = False) -> str | None:
        """The absolute URL a link of article `source_path` points to (None: no web URL,
        such as mailto: or a malformed target). `html`: an ``<a href>``, which the browser
        resolves against the page (``/docs/x`` is relative to the host, not the base)."""
        href = href.strip()
        if not href or is_web_url(href):
            return href or None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        page = self.url_of(source_path)
        if html:
            joined = urljoin(page, href)
            return joined if is_web_url(joined) else None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        path = parts.path
        if not path:
            return page + fragment
        if path.startswith("/"):
            return self._site_path(path) + fragment
        if posixpath.splitext(path)[1].lower() in ARTICLE_SUFFIXES:
            folder = posixpath.dirname(source_path)
            return self._site_path(posixpath.join(folder, path)) + fragment
        return urljoin(page, href)
