"""Cleaning Markdown/MDX/HTML sources and chunking them by heading. Pure."""

from __future__ import annotations

from kb_ingest.samples import PLAUSIBLE_DOCS
from server.kb.chunking import MAX_CHUNK_CHARS, chunk, clean_markdown, content_hash, parse

CORPUS = PLAUSIBLE_DOCS

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
    assert "Go to Account Settings and read the plans page." in body
    assert "Downgrades apply at renewal." in body
    assert "Start your free trial" in body  # text inside a JSX component is content
    assert "import nothing from 'here'; // code stays as written" in body


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


def test_content_hash_tracks_text_title_and_model() -> None:
    document = parse(MDX, ".mdx", "x")
    same = parse(MDX, ".mdx", "x")
    edited = parse(MDX.replace("credit", "store credit"), ".mdx", "x")
    assert content_hash(document, "m1") == content_hash(same, "m1")
    assert content_hash(document, "m1") != content_hash(edited, "m1")
    assert content_hash(document, "m1") != content_hash(document, "m2")


def test_the_whole_corpus_cleans_to_text() -> None:
    """Every Plausible article parses, keeps a title and leaves no MDX behind."""
    for path in sorted(CORPUS.rglob("*.md")):
        document = parse(path.read_text(), path.suffix, path.stem)
        assert document.title, path
        prose = outside_code(document.body)
        assert not any(line.startswith("import ") for line in prose), path
        assert not any("<div" in line for line in prose), path
        assert chunk(document), path
        assert clean_markdown(document.body) == document.body  # cleaning is idempotent


def outside_code(body: str) -> list[str]:
    """The prose of `body`: no fenced blocks, no inline code (code keeps its HTML)."""
    lines, fenced = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            lines.append("".join(line.split("`")[::2]))  # drop `inline code` too
    return lines


def test_exact_tokens_are_picked_from_questions() -> None:
    """Codes and product names go to the trigram ranking; plain questions have none."""
    from server.store.kb import exact_token

    assert exact_token("What does error ZX-7731 mean?") == "ZX-7731"
    assert exact_token("How do I import from GA4?") == "GA4"
    assert exact_token("Is WooCommerce supported?") == "WooCommerce"
    assert exact_token("How do I cancel my subscription?") is None
    assert exact_token("what is err_42x?") == "err\\_42x"  # ILIKE wildcards escaped


def test_whole_word_pattern_matches_the_token_between_non_word_characters() -> None:
    import re

    from server.store.kb import exact_token, whole_word

    token = exact_token("Why does ZX-7731 appear?")
    assert token is not None
    pattern = whole_word(token).replace("[:alnum:]", "a-zA-Z0-9")  # POSIX class for Python re
    assert re.search(pattern, "error ZX-7731: quota", re.IGNORECASE)
    assert re.search(pattern, "zx-7731", re.IGNORECASE)
    assert not re.search(pattern, "error ZX-77310", re.IGNORECASE)
    assert not re.search(pattern, "AZX-7731", re.IGNORECASE)
