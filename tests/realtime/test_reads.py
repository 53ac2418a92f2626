"""Read positions are stored: `unread_count` is right after signing out and in again, a
burst of reads is one write (and one `read` frame), and each agent sees counts only where
the inbox rule says they matter to them."""

from __future__ import annotations

import httpx

from tests.live import LiveServer
from tests.provision import AGENT_PASSWORD, ORIGIN, Tenant
from tests.realtime.test_case import bearer, said, started
from tests.wsclient import session


async def unread(http: httpx.AsyncClient, token: str, conversation_id: str) -> int:
    got = await http.get(f"/v1/conversations/{conversation_id}", headers=bearer(token))
    assert got.status_code == 200, got.text
    count: int = got.json()["unread_count"]
    return count


async def test_unread_counts_are_stored_per_agent(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    url = live_server.ws_url
    async with session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor:
        cid = await started(visitor, "My order never arrived", "r-1")
        await visitor.say(cid, "It is order 1234", "r-2")
        await visitor.ok({"type": "handoff.request", "conversation_id": cid})
        await said(visitor, "escalated")  # waiting for a person, nobody holds it: it counts

        async with session(url, {"token": shop.agent_token}) as ada:
            joined = await ada.ok({"type": "subscribe", "conversation_id": cid})
            assert joined["conversation"]["unread_count"] == 2  # the customer's, not the system's
            last = joined["last_seq"]
            for seq in range(1, last + 1):  # scrolling through: a burst of reads
                await ada.send({"type": "read", "conversation_id": cid, "seq": seq})
            relayed = await visitor.next("read")  # sent once it is stored
            assert relayed["seq"] == last and relayed["participant"]["id"] == shop.agent_id
            assert visitor.of_type(await visitor.quiet(1.0), "read") == []  # one, for all

        # Signed out and in again: a new token, a new session, the same position.
        login = await http.post(
            "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
        )
        token = login.json()["access_token"]
        async with session(url, {"token": token}) as ada:
            again = await ada.ok({"type": "subscribe", "conversation_id": cid})
            assert again["conversation"]["unread_count"] == 0
            inbox = await ada.ok({"type": "inbox.subscribe"})
            [row] = [c for c in inbox["conversations"] if c["id"] == cid]
            assert row["unread_count"] == 0
        listed = (await http.get("/v1/conversations", headers=bearer(token))).json()
        [item] = [c for c in listed["conversations"] if c["id"] == cid]
        assert item["unread_count"] == 0

        # Per agent: Bo never read it; an admin sees the unassigned queue like any agent.
        assert await unread(http, shop.agent2_token, cid) == 2
        assert await unread(http, shop.admin_token, cid) == 2
        await visitor.say(cid, "Hello? Anyone?", "r-3")
        assert await unread(http, token, cid) == 1

        # Assigned to Bo: his to read; Ada and the admin see nothing to do there.
        bo = next(
            u["id"]
            for u in (await http.get("/v1/users", headers=bearer(token))).json()["users"]
            if u["name"] == "Bo Agent"
        )
        moved = await http.patch(
            f"/v1/conversations/{cid}", headers=bearer(token), json={"assignee_id": bo}
        )
        assert moved.json()["unread_count"] == 0  # Ada's view of it
        assert await unread(http, shop.agent2_token, cid) == 3
        assert await unread(http, shop.admin_token, cid) == 0
        # Writing to the customer is reading what they wrote.
        async with session(url, {"token": shop.agent2_token}) as bo_session:
            await bo_session.say(cid, "Found it: it ships today.", "bo-1")
        assert await unread(http, shop.agent2_token, cid) == 0

        # A chat the AI handles (open, nobody assigned) is nobody's to read.
        browsing = await started(visitor, "Just browsing, thanks", "r-4")
        assert await unread(http, token, browsing) == 0
        assert await unread(http, shop.admin_token, browsing) == 0


async def test_a_read_past_the_end_is_refused(live_server: LiveServer, shop: Tenant) -> None:
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        cid = await started(v, "Hi there, a question", "x-1")
        await v.send({"type": "read", "conversation_id": cid, "seq": 99})
        refused = await v.next("error")
        assert refused["code"] == "bad_request" and "last seq" in refused["message"]
