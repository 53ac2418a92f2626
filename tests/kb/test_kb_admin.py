"""Knowledge-base administration over HTTP: uploads ingested exactly as `python -m
kb_ingest` ingests a folder, unsafe archives refused, re-embedding, and the questions an
article answered."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import httpx

from tests.api.test_http import assert_error
from tests.api.test_widget_settings import audit_actions, bearer
from tests.fakes.openai_server import openai_server
from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, Tenant, help_desk, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, ask, stream_of
from tests.wsclient import session

ARTICLES = ["cancel-subscription.md", "change-plan.md", "2fa.md"]
Files = list[tuple[str, tuple[str, bytes, str]]]


def archive(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def corpus(*names: str) -> dict[str, bytes]:
    return {name: (CORPUS / name).read_bytes() for name in names}


def zip_part(entries: dict[str, bytes], name: str = "help.zip") -> Files:
    return [("files", (name, archive(entries), "application/zip"))]


async def upload(
    http: httpx.AsyncClient, tenant: Tenant, files: Files, **fields: str
) -> httpx.Response:
    return await http.post(
        "/v1/kb/uploads", headers=bearer(tenant.admin_token), files=files, data=fields
    )


async def articles(http: httpx.AsyncClient, tenant: Tenant, **params: str) -> list[dict[str, Any]]:
    listed = await http.get("/v1/kb/articles", headers=bearer(tenant.agent_token), params=params)
    assert listed.status_code == 200, listed.text
    found: list[dict[str, Any]] = listed.json()["articles"]
    return found


async def test_an_upload_is_ingested_as_kb_ingest_ingests_a_folder(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, tmp_path: Path
) -> None:
    """A zipped folder gives the articles `kb_ingest FOLDER` made (all skipped as
    unchanged); a changed file is written again, a new one added; the list shows each with
    its source path, URL and passage count, and ?q= narrows it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ARTICLES[:2]:
        shutil.copy(CORPUS / name, folder / name)
    assert ingest(live_server, shop.tenant_id, folder)["articles"] == 2
    by_cli = {a["source_path"]: a["id"] for a in await articles(http, shop)}

    same = await upload(
        http, shop, zip_part({f"docs/{n}": (folder / n).read_bytes() for n in ARTICLES[:2]})
    )
    assert same.status_code == 200, same.text
    assert same.json() == {"articles": 0, "chunks": 0, "skipped": 2}

    changed = (folder / "change-plan.md").read_bytes() + b"\n\nUpgrades take effect at once.\n"
    files = zip_part({**corpus("cancel-subscription.md"), "change-plan.md": changed})
    files.append(("files", ("2fa.md", (CORPUS / "2fa.md").read_bytes(), "text/markdown")))
    written = await upload(http, shop, files)
    assert written.status_code == 200, written.text
    summary = written.json()
    assert (summary["articles"], summary["skipped"]) == (2, 1) and summary["chunks"] > 2

    listed = await articles(http, shop)
    assert sorted(a["source_path"] for a in listed) == sorted(ARTICLES)
    for article in listed:
        assert set(article) == {"id", "title", "source_path", "url", "tags", "updated_at", "chunks"}
        assert article["chunks"] >= 1 and article["url"] is None
        if article["source_path"] in by_cli:
            assert article["id"] == by_cli[article["source_path"]]  # the same articles
    narrowed = await articles(http, shop, q="two-factor")
    assert [a["source_path"] for a in narrowed] == ["2fa.md"]
    assert await articles(http, shop, q="100%_no_such") == []

    published = await upload(
        http, shop, zip_part(corpus(*ARTICLES)), base_url="https://help.shop.example/docs/"
    )
    assert published.json()["articles"] == 3  # new URLs, vectors kept
    urls = {a["source_path"]: a["url"] for a in await articles(http, shop)}
    assert urls["2fa.md"] == "https://help.shop.example/docs/2fa"
    assert "kb.upload" in await audit_actions(live_server, shop.tenant_id)


async def test_unsafe_or_bad_uploads_are_refused_and_nothing_is_lost(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    assert (await upload(http, shop, zip_part(corpus("2fa.md")))).status_code == 200
    before = await articles(http, shop)
    md = (CORPUS / "2fa.md").read_bytes()
    bomb = {"docs/huge.md": b"a" * 25_000_000}  # a few KB compressed, over the 20 MB cap
    refused: list[tuple[Files, dict[str, str], int]] = [
        (zip_part({"../outside.md": md}), {}, 422),
        (zip_part({"docs/../../outside.md": md}), {}, 422),
        (zip_part({"/etc/outside.md": md}), {}, 422),
        (zip_part({"C:/outside.md": md}), {}, 422),
        (zip_part({"docs\\outside.md": md}), {}, 422),
        (zip_part(bomb), {}, 413),
        (zip_part({"a.md": md, "b/../a.md": md}), {}, 422),
        ([("files", ("help.zip", b"PK\x03\x04 not really", "application/zip"))], {}, 422),
        ([("files", ("tool.exe", b"MZ", "application/octet-stream"))], {}, 422),
        ([("files", ("../2fa.md", md, "text/markdown"))], {}, 422),
        ([("files", ("2fa.md", md, "text/markdown"))], {"base_url": "ftp://x.example"}, 422),
        (zip_part({"logo.png": b"\x89PNG"}), {}, 422),  # no article in it
        ([], {"base_url": "https://x.example"}, 400),  # not multipart at all
        ([("files", ("2fa.md", md, "text/markdown"))], {"colour": "red"}, 400),
    ]
    for files, fields, status in refused:
        response = await upload(http, shop, files, **fields)
        assert response.status_code == status, (files[:1], fields, response.text)
        assert set(response.json()) == {"error"}
    as_json = await http.post(
        "/v1/kb/uploads", headers=bearer(shop.admin_token), json={"files": ["2fa.md"]}
    )
    assert_error(as_json, 400, "bad_request")
    no_files = await http.post(
        "/v1/kb/uploads",
        headers={**bearer(shop.admin_token), "content-type": "multipart/form-data; boundary=b"},
        content=b'--b\r\nContent-Disposition: form-data; name="base_url"\r\n\r\n'
        b"https://x.example\r\n--b--\r\n",
    )
    assert_error(no_files, 422, "bad_request")
    too_big = await http.post(
        "/v1/kb/uploads",
        headers={**bearer(shop.admin_token), "content-type": "multipart/form-data; boundary=x"},
        content=b"x" * 20_000_001,
    )
    assert_error(too_big, 413, "too_large")
    assert await articles(http, shop) == before


async def test_only_the_tenants_admins(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    done = await upload(http, shop, zip_part(corpus("2fa.md")))
    assert done.status_code == 200, done.text
    [article] = await articles(http, shop)
    for headers in (bearer(shop.agent_token), bearer(shop.api_key)):
        sent = await http.post(
            "/v1/kb/uploads", headers=headers, files=zip_part(corpus("change-plan.md"))
        )
        assert_error(sent, 403, "forbidden")
        assert_error(await http.post("/v1/kb/reingest", headers=headers), 403, "forbidden")
        asked = await http.get(f"/v1/kb/articles/{article['id']}/questions", headers=headers)
        assert_error(asked, 403, "forbidden")
    assert_error(await http.post("/v1/kb/reingest"), 401, "unauthorized")
    other = await provision(live_server)
    theirs = await http.get(
        f"/v1/kb/articles/{article['id']}/questions", headers=bearer(other.admin_token)
    )
    assert_error(theirs, 404, "not_found")
    assert await articles(http, other) == []
    assert [a["id"] for a in await articles(http, shop)] == [article["id"]]


async def test_reingest_rewrites_every_article(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Every article (hand-written ones too) chunked again; their passages counted."""
    await upload(http, shop, zip_part(corpus(*ARTICLES)))
    written = await http.post(
        "/v1/kb/articles",
        headers=bearer(shop.admin_token),
        json={"title": "Refunds", "body": "Refunds are prorated.", "tags": ["billing"]},
    )
    assert written.status_code == 201
    listed = await articles(http, shop)
    again = await http.post("/v1/kb/reingest", headers=bearer(shop.admin_token))
    assert again.status_code == 200, again.text
    assert again.json() == {"articles": 4, "chunks": sum(a["chunks"] for a in listed)}
    after = await articles(http, shop)
    assert [(a["id"], a["tags"], a["chunks"]) for a in after] == [
        (a["id"], a["tags"], a["chunks"]) for a in listed
    ]
    assert "kb.reingest" in await audit_actions(live_server, shop.tenant_id)


async def test_questions_an_article_answered(
    http: httpx.AsyncClient, live_server: LiveServer, tmp_path: Path
) -> None:
    """A visitor's question the AI answered citing the article is listed for it; another
    article lists none."""
    desk = await help_desk(live_server, tmp_path, ["cancel-subscription.md", "2fa.md"])
    question = "How do I cancel my subscription?"
    async with session(live_server.ws_url, {"widget_key": desk.widget_key}, origin=ORIGIN) as v:
        conversation_id = await ask(v, question)
        _, _, done = await stream_of(v)
    cited = done["citations"][0]["article_id"]
    admin = bearer(desk.admin_token)
    found = await http.get(f"/v1/kb/articles/{cited}/questions", headers=admin)
    assert found.status_code == 200, found.text
    [asked] = found.json()["questions"]
    assert (asked["conversation_id"], asked["text"]) == (conversation_id, question)
    assert asked["asked_at"].endswith("Z") or "+" in asked["asked_at"]
    others = [a["id"] for a in await articles(http, desk) if a["id"] != cited]
    none = await http.get(f"/v1/kb/articles/{others[0]}/questions", headers=admin)
    assert none.json() == {"questions": []}
    bad = await http.get(f"/v1/kb/articles/{cited}/questions?limit=0", headers=admin)
    assert_error(bad, 400, "bad_request")


async def test_reingest_after_the_embedding_model_changed() -> None:
    """Indexed by a provider's model, searched by the bundled one: refused (409) until
    POST /v1/kb/reingest embeds everything again with the bundled model."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-reembed-"))
    try:
        with openai_server() as (base_url, _):
            env = {
                "FLOWSUPPORT_EMBED_MODEL": "openai/fake-embed",
                "FLOWSUPPORT_EMBED_API_BASE": base_url,
                "OPENAI_API_KEY": "sk-test",
                "FLOWSUPPORT_SECRET_KEY": "r" * 40,  # the tokens outlive the restart
            }
            with running_server(data_dir, extra_env=env) as live:
                tenant = await provision(live)
                async with httpx.AsyncClient(base_url=live.base_url, timeout=60) as http:
                    sent = await upload(http, tenant, zip_part(corpus(*ARTICLES)))
                    assert sent.json()["articles"] == len(ARTICLES)
        with running_server(data_dir, extra_env={"FLOWSUPPORT_SECRET_KEY": "r" * 40}) as live:
            async with httpx.AsyncClient(base_url=live.base_url, timeout=60) as http:
                agent = bearer(tenant.agent_token)
                question = {"q": "cancel my subscription plan"}
                refused = await http.get("/v1/kb/search", params=question, headers=agent)
                assert refused.status_code == 409
                assert "/v1/kb/reingest" in refused.json()["error"]["message"]
                again = await http.post("/v1/kb/reingest", headers=bearer(tenant.admin_token))
                assert again.status_code == 200, again.text
                assert again.json()["articles"] == len(ARTICLES)
                found = await http.get("/v1/kb/search", params=question, headers=agent)
                assert found.status_code == 200, found.text
                assert found.json()["results"][0]["source_path"] == "cancel-subscription.md"
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
