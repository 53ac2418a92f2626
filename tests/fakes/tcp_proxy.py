"""A TCP proxy that breaks the path to a server on demand: network faults for tests.

Runs its own event loop in a thread, so it keeps forwarding while the test's loop is
busy or blocked. The upstream is a TCP address or a Unix socket (the embedded
PostgreSQL listens on one only). Faults, each taking effect before the call returns:

- `cut()`: drop every connection and refuse new ones until `restore()`: to the clients,
  the upstream (Redis, PostgreSQL) looks restarted and not yet back;
- `drop()`: drop the established connections only; new ones go through (a restarted
  load balancer, an idle-connection reaper);
- `drop_on(pattern, after=..., deliver=...)`: drop the one connection whose
  client-to-server bytes carry `pattern`, either before they reach the upstream or just
  after the upstream answered them (the statement ran; its client never hears): a cut in
  the middle of a transaction, or during its COMMIT;
- `stall()`: hold every byte, and new connections, until `restore()` (a black hole).

`connections` counts the connections accepted so far and `active` those open now, so a
test can see a pool reconnect, or leak.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

TAIL = 128  # bytes of each client stream kept to match a pattern split across reads


@dataclass
class Trigger:
    """A one-shot `drop_on` fault; `fired` is set once it has dropped its connection."""

    pattern: bytes
    after: bytes | None
    deliver: bool
    fired: threading.Event = field(default_factory=threading.Event)


@dataclass(eq=False)
class _Link:
    """One client connection and its upstream twin."""

    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter
    tail: bytes = b""  # the last TAIL client bytes
    armed: bool = False  # the trigger's `after` went by on this link
    doomed: Trigger | None = None  # fires at the upstream's next answer

    def abort(self) -> None:
        self.client.transport.abort()
        self.upstream.transport.abort()


class TcpProxy:
    """Listens on 127.0.0.1:`port`; forwards to `upstream_host:upstream_port`, or to the
    Unix socket `unix_socket` when given."""

    def __init__(
        self, upstream_host: str = "", upstream_port: int = 0, *, unix_socket: Path | None = None
    ) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._unix_socket = unix_socket
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._links: set[_Link] = set()
        self._open = True
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._trigger: Trigger | None = None
        self.port = 0
        self.connections = 0
        self._server: asyncio.Server | None = None

    @property
    def active(self) -> int:
        """Connections open through the proxy now."""
        return len(self._links)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _connect_upstream(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._unix_socket is not None:
            return await asyncio.open_unix_connection(self._unix_socket)
        return await asyncio.open_connection(*self._upstream)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await self._flowing.wait()
        if not self._open:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await self._connect_upstream()
        except OSError:
            writer.transport.abort()
            return
        link = _Link(writer, up_writer)
        self._links.add(link)
        self.connections += 1
        try:
            await asyncio.gather(
                self._pipe(link, reader, up_writer, upstream=True),
                self._pipe(link, up_reader, writer, upstream=False),
            )
        finally:
            self._links.discard(link)

    async def _pipe(
        self,
        link: _Link,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        *,
        upstream: bool,
    ) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await src.read(65536):
                await self._flowing.wait()
                if upstream and self._matches(link, data):
                    trigger, self._trigger = self._trigger, None
                    assert trigger is not None
                    if not trigger.deliver:
                        link.abort()
                        trigger.fired.set()
                        break
                    link.doomed = trigger
                elif not upstream and link.doomed is not None:
                    link.abort()  # the answer is lost with the connection
                    link.doomed.fired.set()
                    break
                dst.write(data)
                await dst.drain()
        dst.close()

    def _matches(self, link: _Link, data: bytes) -> bool:
        """Whether these client bytes fire the trigger (its `after` first, on this link).
        A match must end in the new bytes: the kept tail only joins a split pattern."""
        trigger = self._trigger
        old, window = link.tail, link.tail + data
        link.tail = window[-TAIL:]
        if trigger is None:
            return False
        start = max(0, len(old) - len(trigger.pattern) + 1)
        if trigger.after is not None and not link.armed:
            at = window.find(trigger.after, max(0, len(old) - len(trigger.after) + 1))
            if at < 0:
                return False
            link.armed = True
            start = max(start, at + len(trigger.after))
        return window.find(trigger.pattern, start) >= 0

    def _on_loop(self, change: Callable[[], None]) -> None:
        """Run `change` in the proxy's thread and wait: the fault holds once we return."""

        async def call() -> None:
            change()

        asyncio.run_coroutine_threadsafe(call(), self._loop).result(timeout=10)

    def cut(self) -> None:
        """Drop every connection; refuse new ones until `restore()`."""

        def refuse() -> None:
            self._open = False
            self._drop_all()

        self._on_loop(refuse)

    def drop(self) -> None:
        """Drop the connections open now; new ones go through."""
        self._on_loop(self._drop_all)

    def _drop_all(self) -> None:
        for link in list(self._links):
            link.abort()
        self._links.clear()

    def drop_on(
        self, pattern: bytes, *, after: bytes | None = None, deliver: bool = False
    ) -> Trigger:
        """Drop the first connection whose client bytes carry `pattern` (once `after` went
        by on it, when given). With `deliver` the bytes reach the upstream and the drop comes
        with its answer, which the client never gets. One shot; a new call replaces it."""
        assert len(pattern) <= TAIL and (after is None or len(after) <= TAIL)
        trigger = Trigger(pattern, after, deliver)

        def arm() -> None:
            for link in self._links:
                link.armed = False
            self._trigger = trigger

        self._on_loop(arm)
        return trigger

    def stall(self) -> None:
        """Forward nothing, accept and hold new connections, until `restore()`."""
        self._on_loop(self._flowing.clear)

    def restore(self) -> None:
        """Undo `cut()` and `stall()`; a pending `drop_on` is disarmed."""

        def heal() -> None:
            self._open = True
            self._trigger = None
            self._flowing.set()

        self._on_loop(heal)

    def stop(self) -> None:
        self.cut()
        self._on_loop(self._flowing.set)  # stalled handlers wake, see the cut and end
        if self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()


@contextmanager
def tcp_proxy(
    host: str = "", port: int = 0, *, unix_socket: Path | None = None
) -> Iterator[TcpProxy]:
    """A started proxy to `host:port` (or `unix_socket`), stopped when the block ends."""
    proxy = TcpProxy(host, port, unix_socket=unix_socket)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
