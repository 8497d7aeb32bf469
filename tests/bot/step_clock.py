"""A clock for tests where time moves only when the test says so.

`SkippingClock` jumps time as soon as one task waits; here a sleeping task stays asleep
until the test calls `advance`, so a test can hold one chat's reply in its wait and watch
what else happens meanwhile. `sleepers(n)` returns once n tasks are asleep in `sleep`.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.emulator import ManualClock
from bot.outbox import Clock


class StepClock(Clock):
    """Monotonic time from a ManualClock; sleeps and waits end only as the test advances it."""

    def __init__(self, manual: ManualClock) -> None:
        super().__init__(manual)
        self.manual = manual
        self._tick = asyncio.Event()
        self._asleep = 0
        self._changed = asyncio.Condition()

    def advance(self, seconds: float) -> None:
        """Move time forward and wake every sleeper and waiter to look at it."""
        self.manual.advance(seconds)
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def sleepers(self, count: int) -> None:
        """Return once at least `count` tasks are asleep in `sleep`."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self._asleep >= count), 5)

    async def sleep(self, seconds: float) -> None:
        """Return once the test has advanced time by `seconds`."""
        end = self.now() + seconds
        await self._count(+1)
        try:
            while self.now() < end - 1e-9:
                await self._tick.wait()
        finally:
            await self._count(-1)

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        """Return when `event` is set or the test has advanced time by `seconds`."""
        if seconds is not None and seconds <= 0:
            return
        end = None if seconds is None else self.now() + seconds
        while not event.is_set() and (end is None or self.now() < end - 1e-9):
            waiters = {
                asyncio.ensure_future(event.wait()),
                asyncio.ensure_future(self._tick.wait()),
            }
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await waiter

    async def _count(self, step: int) -> None:
        async with self._changed:
            self._asleep += step
            self._changed.notify_all()
