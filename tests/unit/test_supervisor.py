"""The supervisor of background work: references kept, each failure logged once with its
traceback, finished tasks forgotten, everything cancelled on close; and no other way of
starting a task in server/ or the bot SDK."""

from __future__ import annotations

import ast
import asyncio
import logging
from pathlib import Path

import pytest

from server.supervisor import Supervisor

ROOT = Path(__file__).resolve().parent.parent.parent
# Per-connection work with its own sound rule (log with the traceback, close the socket);
# the bot SDK, which must not import server code, keeps its own set.
OWN_TASKS = {
    "server/supervisor.py",
    "server/realtime/connection.py",
    "client/python/flowsupport_bot/session.py",
}


async def test_a_failure_is_logged_once_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    supervisor = Supervisor()

    async def broken() -> None:
        raise ValueError("boom")

    with caplog.at_level(logging.ERROR, logger="flowsupport"):
        task = supervisor.spawn(broken(), name="broken-work")
        await asyncio.wait([task])
        await asyncio.sleep(0)
        with pytest.raises(ValueError, match="boom"):
            await task  # awaiting it too raises, but logs nothing more
    failures = [r for r in caplog.records if r.name == "flowsupport"]
    assert len(failures) == 1
    assert "broken-work" in failures[0].getMessage()
    assert failures[0].exc_info is not None and failures[0].exc_info[0] is ValueError
    assert supervisor.running == 0


async def test_finished_and_cancelled_tasks_are_forgotten_quietly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    supervisor = Supervisor()
    done = supervisor.spawn(asyncio.sleep(0), name="quick")
    sleeping = supervisor.spawn(asyncio.sleep(60), name="sleeping")
    assert supervisor.running == 2
    await done
    await asyncio.sleep(0)
    assert supervisor.running == 1
    sleeping.cancel()
    await asyncio.wait([sleeping])
    await asyncio.sleep(0)
    assert supervisor.running == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_close_cancels_and_waits_even_for_work_spawned_while_unwinding() -> None:
    supervisor = Supervisor()
    cleaned: list[str] = []

    async def late() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            cleaned.append("late")

    async def spawns_on_the_way_out() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            supervisor.spawn(late(), name="late")
            cleaned.append("first")

    supervisor.spawn(spawns_on_the_way_out(), name="first")
    await asyncio.sleep(0)
    await supervisor.close()
    assert cleaned == ["first", "late"]
    assert supervisor.running == 0
    work = asyncio.sleep(0)
    with pytest.raises(RuntimeError):
        supervisor.spawn(work, name="too-late")


async def test_run_detached_waits_without_raising_and_survives_the_caller(
    caplog: pytest.LogCaptureFixture,
) -> None:
    supervisor = Supervisor()
    finished = asyncio.Event()

    async def broken() -> None:
        raise RuntimeError("nope")

    with caplog.at_level(logging.ERROR, logger="flowsupport"):
        await supervisor.run_detached(broken(), name="detached")  # does not raise
        await asyncio.sleep(0)
    assert len([r for r in caplog.records if r.name == "flowsupport"]) == 1

    async def slow() -> None:
        await asyncio.sleep(0.05)
        finished.set()

    caller = asyncio.get_running_loop().create_task(supervisor.run_detached(slow(), name="slow"))
    await asyncio.sleep(0.01)
    caller.cancel()
    await asyncio.wait([caller])
    await asyncio.wait_for(finished.wait(), 5)  # cancelling the caller left the work running


def _bare_task_starts(path: Path) -> list[int]:
    """Lines calling asyncio.create_task / ensure_future or a loop's create_task (a
    TaskGroup's create_task is fine: its scope owns the task)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, node.func.value
        on_a_loop = (isinstance(owner, ast.Name) and owner.id in ("asyncio", "loop")) or (
            isinstance(owner, ast.Call)
            and isinstance(owner.func, ast.Attribute)
            and owner.func.attr in ("get_running_loop", "get_event_loop")
        )
        if name == "ensure_future" or (name == "create_task" and on_a_loop):
            lines.append(node.lineno)
    return lines


def test_background_work_starts_only_through_a_supervisor_or_a_task_group() -> None:
    sources = [*(ROOT / "server").rglob("*.py"), *(ROOT / "client" / "python").rglob("*.py")]
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(sources)
        if path.relative_to(ROOT).as_posix() not in OWN_TASKS
        for line in _bare_task_starts(path)
    ]
    assert offenders == []
