"""A burst in one group delays nobody else: private chats are answered within a second.

50 people send /gabung at once in one KIM group. The group may get 20 messages a minute, so
its replies take two and a half minutes to go out; meanwhile its members, other citizens and
Diskominfo staff writing to the bot in private are answered at once. Time is the test's
(a ManualClock shared by the emulator's flood limits and the bot's budget).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import date

import pytest

from bot.app import running_bot
from bot.config import Config
from bot.context import KimApplication, services_of
from bot.emulator import BotApiEmulator, Chat, ManualClock, User
from bot.models.registrasi import KimDraft, KimStatus
from bot.outbox import Budget
from tests.bot.step_clock import StepClock
from tests.conftest import TOKEN

BURST = 50
Predicate = Callable[[BotApiEmulator], bool]


@pytest.fixture
def manual() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def emu(manual: ManualClock) -> AsyncIterator[BotApiEmulator]:
    """A server that enforces Telegram's flood limits on the test's time."""
    async with BotApiEmulator(TOKEN, flood_limits=True, clock=manual) as emulator:
        yield emulator


@pytest.fixture
async def polling_bot(
    config: Config, manual: ManualClock
) -> AsyncIterator[tuple[KimApplication, StepClock]]:
    clock = StepClock(manual)
    stopped = asyncio.Event()
    async with running_bot(replace(config, rate_limiter=True), polling=True,
                           budget=Budget(clock=clock)) as app:  # fmt: skip
        yield app, clock
        ticker = asyncio.create_task(_tick_until_stopped(clock, stopped))
    stopped.set()
    await ticker


async def _verified_kim(app: KimApplication, group: Chat, founder: User, admin: User) -> None:
    store = services_of(app).store
    draft = KimDraft("KIM Sibau", "61.06.01.2011", "61.06.01", "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, founder.id)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, admin.id)


async def _advance_until(emu: BotApiEmulator, clock: StepClock, done: Predicate,
                         limit_s: float, step_s: float = 0.05) -> float:  # fmt: skip
    """Move the test's time on in small steps until `done`; return the time it took."""
    spent = 0.0
    while not done(emu):
        assert spent < limit_s, f"not done within {limit_s} s of the test's time"
        clock.advance(step_s)
        spent += step_s
        with contextlib.suppress(TimeoutError):
            await emu.wait_for(done, timeout=0.1)
    return spent


async def _tick_until_stopped(clock: StepClock, stopped: asyncio.Event) -> None:
    """While the bot stops, let the test's time run so the group's replies can go out."""
    while not stopped.is_set():
        clock.advance(0.5)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopped.wait(), 0.005)


async def test_a_burst_of_gabung_in_one_group_delays_no_private_chat(
    emu: BotApiEmulator, polling_bot: tuple[KimApplication, StepClock], admin: User
) -> None:
    app, clock = polling_bot
    people = [emu.user(f"Warga{n}") for n in range(BURST)]
    group = emu.group("KIM Sibau", admins=people[:1], members=people[1:])
    citizen = emu.user("Budi")
    await _verified_kim(app, group, people[0], admin)
    for person in people:
        emu.push(emu.text(person, group, "/gabung"))
    await _advance_until(emu, clock, lambda e: len(e.sent(group)) == 20, limit_s=5)
    asking = [(people[30], "/hapusdata"), (people[-1], "/start"), (citizen, "/start"),
              (admin, "/siaran")]  # fmt: skip
    for person, command in asking:
        emu.push(emu.text(person, emu.private_chat(person), command))
    answered = await _advance_until(
        emu, clock, lambda e: all(e.sent(e.private_chat(p)) for p, _ in asking), limit_s=1.0
    )
    assert answered <= 1.0
    assert len(emu.sent(group)) == 20  # the group's other replies still wait for their turn
