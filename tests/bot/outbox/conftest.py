"""Fixtures for outbox tests: an emulator with flood limits on a manual clock, and an
outbox whose waits jump that clock, so minutes of pacing pass in milliseconds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import BotApiEmulator, ManualClock
from bot.outbox import Outbox, RetryPolicy, SkippingClock, delivery_bot
from bot.store import Store
from bot.texts import Texts
from tests.conftest import TOKEN

OutboxFactory = Callable[..., AbstractAsyncContextManager[Outbox]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def flood_emu(clock: ManualClock) -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(TOKEN, flood_limits=True, clock=clock) as emulator:
        yield emulator


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "outbox.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
def running_outbox(flood_emu: BotApiEmulator, clock: ManualClock, store: Store) -> OutboxFactory:
    """Start an outbox (again, for restart tests) on the shared store and clock."""

    @asynccontextmanager
    async def factory(**options: Any) -> AsyncIterator[Outbox]:
        options.setdefault("policy", RetryPolicy(max_attempts=3, base_delay=2.0, jitter=0.0))
        outbox = Outbox(
            store,
            delivery_bot(TOKEN, flood_emu.base_url),
            Texts(),
            clock=SkippingClock(clock, clock.advance),
            **options,
        )
        await outbox.start()
        try:
            yield outbox
        finally:
            await outbox.stop()

    return factory


@pytest.fixture
async def outbox(running_outbox: OutboxFactory) -> AsyncIterator[Outbox]:
    async with running_outbox() as started:
        yield started


async def settle(outbox: Outbox, batch_id: int) -> None:
    """Wait (without sleeping) until nothing of the batch is left to send."""
    while (await outbox.batch_status(batch_id)).pending:
        await outbox.wait_idle()
