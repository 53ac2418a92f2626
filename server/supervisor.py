"""Background work, supervised: the one way the server starts a task that outlives its caller.

`Supervisor.spawn` keeps a reference to the task (the loop keeps only a weak one), forgets
it once finished, and logs its failure once, with the traceback, on the ``flowsupport``
logger: the work itself raises and never logs (the top of the stack does, here, in the HTTP
error handler or in the worker loop). `close` cancels what is still running and waits for
it. The composition root creates one per app (or worker process) and hands it to whatever
spawns; a component built without one (a test) gets its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

log = logging.getLogger("flowsupport")

T = TypeVar("T")


class Supervisor:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def spawn(self, work: Coroutine[Any, Any, T], *, name: str) -> asyncio.Task[T]:
        """Run `work` in the background; its failure is logged here (cancelling is not one).
        Awaiting the returned task is allowed: the failure is still logged only once."""
        if self._closed:
            work.close()
            raise RuntimeError(f"supervisor closed: cannot start {name}")
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    async def run_detached(self, work: Coroutine[Any, Any, object], *, name: str) -> None:
        """Run `work` supervised and wait until it ends, without raising its failure (it is
        logged here). Like `asyncio.shield`, cancelling the caller leaves the work running."""
        await asyncio.wait([self.spawn(work, name=name)])

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def close(self) -> None:
        """Cancel every task still running and wait until all have ended (a task spawned
        while they unwind is cancelled in turn); nothing can be spawned afterwards."""
        while self._tasks:
            pending = list(self._tasks)
            for task in pending:
                task.cancel()
            await asyncio.wait(pending)
            await asyncio.sleep(0)  # let the done callbacks run, so _tasks is current
        self._closed = True

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        failure = task.exception()
        if failure is not None:
            log.error("background task %s failed", task.get_name(), exc_info=failure)
