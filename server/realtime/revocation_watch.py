"""The sweep that makes revocation certain: once a second, one query checks every session
and API key this node's sockets hold, and closes (4001) those no longer valid.

The broker's revocation message closes sockets at once, but it can be lost (pub/sub is at
most once; the CLI without Redis has nobody to tell; a hello can race a revocation).
The sweep bounds the delay by its interval plus one query, whatever happened to it.
"""

from __future__ import annotations

import asyncio
import logging

from server.errors import FlowSupportError
from server.realtime.hub import Hub
from server.services.auth import AuthService
from server.supervisor import Supervisor

log = logging.getLogger("flowsupport.realtime")

SWEEP_EVERY_S = 1.0  # on the wall clock: liveness between processes, not the test clock


class RevocationWatch:
    def __init__(
        self,
        hub: Hub,
        auth: AuthService,
        supervisor: Supervisor,
        interval_s: float = SWEEP_EVERY_S,
    ) -> None:
        self._hub = hub
        self._auth = auth
        self._supervisor = supervisor
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = self._supervisor.spawn(self._run(), name="revocation-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait([self._task])

    async def sweep_once(self) -> int:
        """Check this node's credentials now; how many sockets were closed."""
        session_ids: set[str] = set()
        api_key_ids: set[str] = set()
        for connection in self._hub.connections:
            principal = connection.principal
            if principal.kind == "agent" and principal.session_id is not None:
                session_ids.add(principal.session_id)
            elif principal.kind == "bot":
                api_key_ids.add(principal.id)
        if not session_ids and not api_key_ids:
            return 0
        gone = await self._auth.revoked_among(session_ids, api_key_ids)
        return self._hub.close_revoked(gone) if gone else 0

    async def _run(self) -> None:
        failing = False
        while True:
            await asyncio.sleep(self._interval_s)
            try:
                await self.sweep_once()
            except FlowSupportError as exc:
                if not failing:  # said once per outage
                    log.warning("revocation sweep failed (%s); retrying", exc.message)
                failing = True
                continue
            if failing:
                log.info("revocation sweep recovered")
            failing = False
