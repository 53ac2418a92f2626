"""The access review (SOC 2) against a real server: an admin downloads the tenant's staff
with role, status, sign-in and last activity as CSV; the operator's `flowsupport
access-review` covers every tenant (with tenant columns) or one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx

from server.domain.audit_csv import REVIEW_COLUMNS, TENANT_COLUMNS
from tests.accounts import bearer, me
from tests.api.test_http import assert_error
from tests.live import LiveServer
from tests.provision import Tenant


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_an_admin_downloads_the_review(http: httpx.AsyncClient, shop: Tenant) -> None:
    """Every staff account once, deactivated ones marked, with the last sign-in and the
    last use of a session; agents and bots are refused."""
    admin = bearer(shop.admin_token)
    listed = (await http.get("/v1/users", headers=admin)).json()["users"]
    second = next(u["id"] for u in listed if u["name"] == "Bo Agent")
    assert (await http.delete(f"/v1/users/{second}", headers=admin)).status_code == 200
    assert (
        await http.get("/v1/conversations", headers=bearer(shop.agent_token))
    ).status_code == 200
    got = await http.get("/v1/users/access-review", headers=admin)
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"].startswith("attachment; filename=")
    assert tuple(next(csv.reader(io.StringIO(got.text)))) == REVIEW_COLUMNS
    rows = {r["user_id"]: r for r in parsed(got.text)}
    assert len(rows) == 3
    agent = rows[shop.agent_id]
    assert agent["role"] == "agent" and agent["status"] == "active"
    assert agent["email"] == shop.agent_email and agent["name"] == "Ada Agent"
    assert agent["last_sign_in_at"] and agent["last_activity_at"] and agent["created_at"]
    assert rows[second]["status"] == "deactivated"
    me_id = str((await me(http, shop.admin_token))["id"])
    assert rows[me_id]["role"] == "admin"
    as_json = await http.get("/v1/users/access-review", headers=admin, params={"format": "json"})
    assert as_json.status_code == 200
    assert {u["user_id"] for u in as_json.json()["users"]} == set(rows)
    for token in (shop.agent_token, shop.api_key):
        refused = await http.get("/v1/users/access-review", headers=bearer(token))
        assert_error(refused, 403, "forbidden")
    bad = await http.get("/v1/users/access-review", headers=admin, params={"format": "xml"})
    assert_error(bad, 400, "bad_request")


async def test_the_operator_reviews_every_tenant(
    live_server: LiveServer, shop: Tenant, other_shop: Tenant, tmp_path: Path
) -> None:
    """Without --tenant: every tenant's staff with tenant_id and tenant_name first; with
    --tenant: that tenant's only, in the HTTP columns; --json prints one object."""
    out = tmp_path / "review.csv"
    done = live_server.cli_json("access-review", "--out", str(out), "--json")
    assert done["path"] == str(out) and done["accounts"] == len(done["users"])
    text = out.read_text(encoding="utf-8")
    assert tuple(next(csv.reader(io.StringIO(text)))) == (*TENANT_COLUMNS, *REVIEW_COLUMNS)
    tenants = {r["tenant_id"] for r in parsed(text)}
    assert {shop.tenant_id, other_shop.tenant_id} <= tenants
    assert json.loads(json.dumps(done["users"]))[0].keys() >= set(TENANT_COLUMNS)
    one = tmp_path / "one.csv"
    single = live_server.cli_json(
        "access-review", "--tenant", shop.tenant_id, "--out", str(one), "--json"
    )
    assert single["accounts"] == 3
    rows = parsed(one.read_text(encoding="utf-8"))
    assert tuple(rows[0]) == REVIEW_COLUMNS
    assert shop.agent_id in {r["user_id"] for r in rows}
    missing = live_server.cli("access-review", "--tenant", "no-such-tenant", "--json")
    assert missing.returncode != 0
    assert json.loads(missing.stdout)["error"]["code"] == "not_found"
