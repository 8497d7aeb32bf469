"""A clock for tests where time moves only when the test says so.

`SkippingClock` jumps time as soon as one task waits; here a sleeping task stays asleep
until the test calls `advance`, so a test can hold one chat's reply in its wait and watch
what else happens meanwhile. `sleepers(n)` returns once n tasks are asleep in `sleep`.
"""

from __future__ import annotations

import asyncio

from bot.emulator import ManualClock
from bot.outbox import Clock


class StepClock(Clock):
    """Monotonic time from a ManualClock; sleeps and waits end only as the test advances it."""

    def __init__(self, manual: ManualClock) -> None:
        super().__init__(manual)
        self.manual = manual
        self._tick = asyncio.Event()  # replaced, once set, by each advance
        self._asleep = 0
        self._sleepers_changed = asyncio.Event()  # replaced, once set, by each change

    def advance(self, seconds: float) -> None:
        """Move time forward and wake every sleeper and waiter to look at it."""
        self.manual.advance(seconds)
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def sleepers(self, count: int) -> None:
        """Return once at least `count` tasks are asleep in `sleep` (TimeoutError after 5 s)."""
        async with asyncio.timeout(5):
            while self._asleep < count:
                await self._sleepers_changed.wait()

    async def sleep(self, seconds: float) -> None:
        """Return once the test has advanced time by `seconds`."""
        end = self.now() + seconds
        self._count(+1)
        try:
            while self.now() < end - 1e-9:
                await self._tick.wait()
        finally:
            self._count(-1)

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        """Return when `event` is set or the test has advanced time by `seconds`."""
        if seconds is not None and seconds <= 0:
            return
        end = None if seconds is None else self.now() + seconds
        while not event.is_set() and (end is None or self.now() < end - 1e-9):
            waiters = {asyncio.ensure_future(e.wait()) for e in (event, self._tick)}
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:  # not awaited: a cancellation of ours must go through
                    waiter.cancel()

    def _count(self, step: int) -> None:
        self._asleep += step
        changed, self._sleepers_changed = self._sleepers_changed, asyncio.Event()
        changed.set()
