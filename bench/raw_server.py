"""The baseline: a minimal `websockets` server relaying per room with websockets.broadcast().

A client joins a room by sending {"join": ROOM}; any other frame {"room": ROOM, ...} is
relayed verbatim to every member of that room. No persistence, no auth: the Python floor.

    python bench/raw_server.py PORT
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import defaultdict

import uvloop
from websockets.asyncio.server import ServerConnection, broadcast, serve


async def main(port: int) -> None:
    rooms: dict[str, set[ServerConnection]] = defaultdict(set)

    async def handler(ws: ServerConnection) -> None:
        joined: list[str] = []
        try:
            async for data in ws:
                frame = json.loads(data)
                if "join" in frame:
                    rooms[frame["join"]].add(ws)
                    joined.append(frame["join"])
                    await ws.send('{"type":"joined"}')
                else:
                    broadcast(rooms[frame["room"]], data)
        finally:
            for room in joined:
                rooms[room].discard(ws)

    async with serve(handler, "127.0.0.1", port, compression=None, max_queue=None):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    uvloop.run(main(int(sys.argv[1])))  # the same loop FlowSupport runs on
