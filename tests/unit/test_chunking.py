"""Cleaning Markdown/MDX/HTML sources and chunking them by heading. Pure."""

from __future__ import annotations

import re

from kb_ingest.samples import PLAUSIBLE_BASE_URL, PLAUSIBLE_DOCS
from server.domain.markdown import LINK, Fences, plain_text
from server.domain.models import Chunk
from server.kb.chunking import (
    MAX_CHUNK_CHARS,
    absolute_only,
    chunk,
    clean_markdown,
    content_hash,
    front_matter,
    parse,
)
from server.kb.site import Site

CORPUS = PLAUSIBLE_DOCS
HELP = "https://help.example.com/docs"

MDX = """---
title: Change your plan
description: "How to upgrade"
tags: [billing, plans]
---

import useBaseUrl from '@docusaurus/useBaseUrl';

<head>
  <script type="application/ld+json">{"@type": "FAQPage"}</script>
</head>

Go to **Account Settings** and read [the plans page](plans.md).

<div class="browser">
    <img alt="Change plan" src={useBaseUrl('img/change.webp')} />
</div>

:::tip
Downgrades apply at renewal.
:::

<CtaBox title="Try it">Start your free trial</CtaBox>

## Downgrades

### Credits

Unused days become credit.

```js
import nothing from 'here'; // code stays as written
```
"""


def test_front_matter_and_mdx_cleaning() -> None:
    document = parse(MDX, ".mdx", "fallback")
    assert document.title == "Change your plan"
    assert document.metadata["tags"] == ["billing", "plans"]
    body = document.body
    assert "import useBaseUrl" not in body and "FAQPage" not in body
    assert "<div" not in body and "useBaseUrl(" not in body and ":::" not in body
    assert "<img" not in body and "<CtaBox" not in body
    # Bold stays; a link to another article is only its text while the site is unknown.
    assert "Go to **Account Settings** and read the plans page." in body
    assert "Downgrades apply at renewal." in body
    assert "Start your free trial" in body  # text inside a JSX component is content
    assert "import nothing from 'here'; // code stays as written" in body


def test_links_between_articles_become_absolute_with_a_base_url() -> None:
    site = Site(HELP, {"billing/change-plan.mdx": None, "billing/plans.md": None})
    document = parse(MDX, ".mdx", "x", site.links_of("billing/change-plan.mdx"))
    assert (
        "Go to **Account Settings** and read [the plans page](https://help.example.com/docs/billing/plans)."
        in document.body
    )


def test_readable_markdown_is_kept_and_wrappers_go() -> None:
    text = "\n".join(
        [
            "Steps, see [billing](../billing.md#refunds) and [Plausible](https://plausible.io/):",
            "",
            "- Open **Settings** then `Sites > Edit`",
            "1. Set [`date_range`](#date_range) to `7d`",
            "![Screenshot](/img/shot.png) [![Run](https://x.io/b.svg)](https://x.io/run)",
            'Mail [us](mailto:hi@example.com), read <a href="/docs/faq">the FAQ</a>.',
            "<CtaBox",
            '  headline="Try it free"',
            '  link="https://plausible.io/register"',
            "/>",
            "<!-- a note",
            "for editors -->",
            'Write <b>HTML</b> like `<a href="x.md">x</a>` in code.',
        ]
    )
    plain = clean_markdown(text)
    assert plain.splitlines()[0] == "Steps, see billing and [Plausible](https://plausible.io/):"
    assert "- Open **Settings** then `Sites > Edit`" in plain
    assert "1. Set `date_range` to `7d`" in plain
    assert "Screenshot" not in plain and "Run" not in plain and "![" not in plain
    assert "Mail us, read the FAQ." in plain
    assert "headline" not in plain and "/>" not in plain and "editors" not in plain
    assert 'Write **HTML** like `<a href="x.md">x</a>` in code.' in plain
    site = Site(HELP, {"guides/setup.md": None, "billing.md": None})
    linked = clean_markdown(text, site.links_of("guides/setup.md"))
    assert linked.splitlines()[0] == (
        f"Steps, see [billing]({HELP}/billing#refunds) and [Plausible](https://plausible.io/):"
    )
    assert f"1. Set [`date_range`]({HELP}/guides/setup#date_range) to `7d`" in linked
    # An <a href> resolves as a browser would: "/docs/faq" is relative to the host.
    assert "Mail us, read [the FAQ](https://help.example.com/docs/faq)." in linked
    assert clean_markdown(linked) == linked  # absolute links survive a second cleaning


def test_what_is_embedded_has_no_link_targets_or_bold_markers() -> None:
    piece = Chunk(
        0,
        "Billing",
        "See [plans](https://help.example.com/plans) and **Settings**, `**not bold**`.\n\n"
        "```md\n[kept](https://in.code)\n```",
    )
    assert piece.embedding_input("Change your plan") == (
        "Change your plan > Billing\nSee plans and Settings, `**not bold**`.\n\n"
        "```md\n[kept](https://in.code)\n```"
    )
    assert plain_text("no markup here") == "no markup here"


def test_fences_close_only_on_a_bare_fence_of_their_kind() -> None:
    fences = Fences()
    lines = ["```bash", "curl x", "```json title=y", "{}", "```", "after", "````", "```", "````"]
    inside = [fences.fence(line) or fences.inside for line in lines]
    assert inside == [True, True, True, True, True, False, True, True, True]
    assert not fences.inside


def test_chunks_carry_their_heading_path() -> None:
    chunks = chunk(parse(MDX, ".mdx", "x"))
    paths = [c.heading_path for c in chunks]
    assert paths[0] == ""
    assert "Downgrades > Credits" in paths
    credits = chunks[paths.index("Downgrades > Credits")]
    assert credits.text.startswith("Unused days become credit.")
    assert credits.embedding_input("Change your plan").startswith(
        "Change your plan > Downgrades > Credits\n"
    )


def test_long_sections_split_under_the_limit() -> None:
    paragraph = " ".join(f"Sentence number {i} explains one more detail." for i in range(200))
    pieces = chunk(parse(f"# Long\n\n{paragraph}\n", ".md", "long"))
    assert len(pieces) > 5
    assert all(len(p.text) <= MAX_CHUNK_CHARS for p in pieces)
    assert [p.ordinal for p in pieces] == list(range(len(pieces)))


def test_long_lists_and_code_split_along_their_lines() -> None:
    """A list too long for one chunk stays a list, item by item; links do not count
    against the limit (they are not embedded); a code block cut in two is reopened."""
    items = "\n".join(
        f"- Item {i} is [documented here](https://help.example.com/docs/items/{i}) in full."
        for i in range(40)
    )
    code = "\n".join(["```js", *(f"track('event {i}');" for i in range(80)), "```"])
    pieces = chunk(parse(f"# Lists\n\n{items}\n\n{code}\n", ".md", "lists"))
    listed = [p.text for p in pieces if p.text.startswith("- ")]
    assert len(listed) == 2 and len(listed[0]) > MAX_CHUNK_CHARS  # the URLs are extra
    assert all(line.startswith("- Item ") for text in listed for line in text.splitlines())
    assert all(len(plain_text(p.text)) <= MAX_CHUNK_CHARS for p in pieces)
    coded = [p.text for p in pieces if "track(" in p.text]
    assert len(coded) >= 2
    assert all(t.startswith("```js\n") and t.endswith("\n```") for t in coded)


def test_nested_list_items_keep_their_relative_indentation() -> None:
    body = "- Add the mappings:\n\n  - `first_name`\n  - `last_name`\n"
    [piece] = chunk(parse(body, ".md", "x"))
    assert piece.text == "- Add the mappings:\n\n- `first_name`\n- `last_name`"


def test_html_and_text_sources() -> None:
    html = (
        "<html><head><title>Reset password</title><style>p{}</style></head><body>"
        "<nav>menu</nav><h2>Steps</h2><p>Click   <b>Forgot</b> password.</p></body></html>"
    )
    document = parse(html, ".html", "fallback")
    assert document.title == "Reset password"
    assert "menu" not in document.body and "p{}" not in document.body
    assert chunk(document)[0].heading_path == "Steps"
    assert "Click Forgot password." in document.body
    text = parse("Plain words.\n", ".txt", "notes")
    assert (text.title, text.body) == ("notes", "Plain words.")


def test_content_hash_tracks_text_title_url_and_model() -> None:
    document = parse(MDX, ".mdx", "x")
    same = parse(MDX, ".mdx", "x")
    edited = parse(MDX.replace("credit", "store credit"), ".mdx", "x")
    assert content_hash(document, "m1") == content_hash(same, "m1")
    assert content_hash(document, "m1") != content_hash(edited, "m1")
    assert content_hash(document, "m1") != content_hash(document, "m2")
    assert content_hash(document, "m1", f"{HELP}/a") != content_hash(document, "m1", f"{HELP}/b")
    assert content_hash(document, "m1", None) != content_hash(document, "m1", f"{HELP}/a")


def plausible_site() -> Site:
    return Site(
        PLAUSIBLE_BASE_URL,
        {
            path.relative_to(CORPUS).as_posix(): front_matter(path.read_text())[0].get("slug")
            for path in CORPUS.rglob("*.md")
        },
    )


def test_the_whole_corpus_cleans_to_text() -> None:
    """Every Plausible article parses, keeps a title and leaves no MDX behind: no imports,
    tags, JSX expressions, admonitions or images, and every link left is absolute (with the
    site's base URL or without); what is embedded holds no link target at all."""
    site = plausible_site()
    linked = 0
    for path in sorted(CORPUS.rglob("*.md")):
        source_path = path.relative_to(CORPUS).as_posix()
        for links in (absolute_only, site.links_of(source_path)):
            document = parse(path.read_text(), path.suffix, path.stem, links)
            assert document.title, path
            prose = outside_code(document.body)
            for line in prose:
                assert not line.startswith(("import ", "export ", ":::")), (path, line)
                assert not re.search(r"</?[A-Za-z][^<>]*>|<!--|/>|!\[", line), (path, line)
                assert not re.search(r"\{[^{}]*\}", line), (path, line)
                targets = [m.group(2) for m in LINK.finditer(line)]
                assert all(t.startswith(("https://", "http://")) for t in targets), (path, line)
                assert line.count("](") == len(targets), (path, line)
                linked += len(targets)
            pieces = chunk(document)
            assert pieces, path
            for piece in pieces:
                embedded = piece.embedding_input(document.title)
                assert not any("](" in line for line in outside_code(embedded)), (path, piece)
            assert clean_markdown(document.body) == document.body  # cleaning is idempotent
    assert linked > 1000  # links were kept, not only removed


def outside_code(body: str) -> list[str]:
    """The prose of `body`: no fenced blocks, no inline code (code keeps its HTML)."""
    lines, fences = [], Fences()
    for line in body.splitlines():
        if not fences.fence(line) and not fences.inside:
            lines.append("".join(line.split("`")[::2]))  # drop `inline code` too
    return lines


def test_exact_tokens_are_picked_from_questions() -> None:
    """Codes and product names go to the trigram ranking; plain questions have none."""
    from server.store.kb_search import exact_token

    assert exact_token("What does error ZX-7731 mean?") == "ZX-7731"
    assert exact_token("How do I import from GA4?") == "GA4"
    assert exact_token("Is WooCommerce supported?") == "WooCommerce"
    assert exact_token("How do I cancel my subscription?") is None
    assert exact_token("what is err_42x?") == "err\\_42x"  # ILIKE wildcards escaped


def test_whole_word_pattern_matches_the_token_between_non_word_characters() -> None:
    import re

    from server.store.kb_search import exact_token, whole_word

    token = exact_token("Why does ZX-7731 appear?")
    assert token is not None
    pattern = whole_word(token).replace("[:alnum:]", "a-zA-Z0-9")  # POSIX class for Python re
    assert re.search(pattern, "error ZX-7731: quota", re.IGNORECASE)
    assert re.search(pattern, "zx-7731", re.IGNORECASE)
    assert not re.search(pattern, "error ZX-77310", re.IGNORECASE)
    assert not re.search(pattern, "AZX-7731", re.IGNORECASE)
