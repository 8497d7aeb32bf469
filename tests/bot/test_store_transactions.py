"""The Store's transactions under failure: every way out ends in COMMIT or ROLLBACK.

A connection left inside a transaction breaks every later write of the bot ("cannot
start a transaction within a transaction"), so each test ends by writing again.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.models.people import Role
from bot.store import Store
from tests.bot.faulty_store import FaultyStore


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[FaultyStore]:
    opened: FaultyStore = await FaultyStore.open(tmp_path / "kim.sqlite3", busy_timeout=0.05)
    yield opened
    await opened.close()


async def grant(store: Store, *users: int) -> None:
    async with store.transaction():
        for user in users:
            await store.grant_role(user, Role.CURATOR, by=1)


async def committed(path: Path, user: int) -> bool:
    """Whether another connection sees the role (so it was committed)."""
    other = await Store.connect(path)
    try:
        return Role.CURATOR in await other.roles_of(user)
    finally:
        await other.close()


@pytest.mark.parametrize("step", ["BEGIN", "INSERT INTO role", "COMMIT"])
async def test_a_failing_step_rolls_back_and_the_next_transaction_works(
    store: FaultyStore, tmp_path: Path, step: str
) -> None:
    store.fail(step, call=1)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await grant(store, 1)
    await grant(store, 2)  # before: "cannot start a transaction within a transaction"
    assert not await committed(tmp_path / "kim.sqlite3", 1)
    assert await committed(tmp_path / "kim.sqlite3", 2)


async def test_a_cancel_at_begin_rolls_back(store: FaultyStore, tmp_path: Path) -> None:
    task = asyncio.create_task(grant(store, 1))
    await asyncio.sleep(0)  # the task waits for BEGIN, which the connection's thread runs anyway
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await grant(store, 2)
    assert not await committed(tmp_path / "kim.sqlite3", 1)
    assert await committed(tmp_path / "kim.sqlite3", 2)


async def test_another_process_holding_the_file_fails_fast_and_leaves_no_trace(
    store: FaultyStore, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "kim.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as `kim-bot kim import` does while it writes
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await grant(store, 1)
    other.execute("ROLLBACK")
    other.close()
    await grant(store, 2)
    assert await committed(tmp_path / "kim.sqlite3", 2)


async def test_a_nested_transaction_joins_the_outer_one(store: FaultyStore, tmp_path: Path) -> None:
    async def grant_then_fail() -> None:
        async with store.transaction():
            await store.grant_role(2, Role.CURATOR, by=1)
            raise RuntimeError("only the inner writes are undone")

    async with asyncio.timeout(5), store.transaction():  # before: a deadlock
        await grant(store, 1)
        with pytest.raises(RuntimeError):
            await grant_then_fail()
        assert not await committed(tmp_path / "kim.sqlite3", 1)  # not before the outer COMMIT
    assert await committed(tmp_path / "kim.sqlite3", 1)
    assert not await committed(tmp_path / "kim.sqlite3", 2)


async def test_an_outer_rollback_undoes_the_nested_writes(
    store: FaultyStore, tmp_path: Path
) -> None:
    async def nested_then_fail() -> None:
        async with asyncio.timeout(5), store.transaction():
            await grant(store, 1)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await nested_then_fail()
    assert not await committed(tmp_path / "kim.sqlite3", 1)


async def test_another_task_waits_for_the_transaction(store: FaultyStore, tmp_path: Path) -> None:
    async with store.transaction():
        waiting = asyncio.create_task(grant(store, 2))
        for _ in range(5):
            await asyncio.sleep(0)
        assert not waiting.done()
        await store.grant_role(1, Role.CURATOR, by=1)
    await waiting
    assert await committed(tmp_path / "kim.sqlite3", 1)
    assert await committed(tmp_path / "kim.sqlite3", 2)


async def test_close_lets_the_write_in_progress_finish(store: FaultyStore, tmp_path: Path) -> None:
    inside, release = asyncio.Event(), asyncio.Event()

    async def slow_write() -> None:
        async with store.transaction():
            await store.grant_role(1, Role.CURATOR, by=1)
            inside.set()
            await release.wait()
            await store.grant_role(2, Role.CURATOR, by=1)

    writer = asyncio.create_task(slow_write())
    await inside.wait()
    closing = asyncio.create_task(store.close())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not closing.done()
    release.set()
    await writer
    await closing
    assert await committed(tmp_path / "kim.sqlite3", 2)


async def test_a_write_after_close_fails_instead_of_hanging(store: FaultyStore) -> None:
    await store.close()
    with pytest.raises(ValueError, match="connection"):
        await asyncio.wait_for(store.grant_role(1, Role.CURATOR, by=1), 5)
