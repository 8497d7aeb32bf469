"""Updates of different chats run side by side; one chat's keep their order.

A person's updates in a group are ordered by the group alone: their private chat does not
wait for the group's turn (tests/reliability/test_fairness.py shows why).
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from telegram import Update

from bot.app import running_bot
from bot.config import Config
from bot.context import KimApplication
from bot.emulator import BotApiEmulator, Chat, ManualClock, User
from bot.ordering import ChatOrderedProcessor, ordering_keys
from bot.outbox import Budget
from tests.bot.step_clock import StepClock
from tests.conftest import TOKEN


class Script:
    """Update handlers that log when they start and end, each ending when its gate opens."""

    def __init__(self, count: int) -> None:
        self.log: list[str] = []
        self.started = [asyncio.Event() for _ in range(count)]
        self.gates = [asyncio.Event() for _ in range(count)]

    async def handle(self, n: int) -> None:
        self.log.append(f"start {n}")
        self.started[n].set()
        await self.gates[n].wait()
        self.log.append(f"end {n}")


def update(emu: BotApiEmulator, user: User, chat: Chat) -> Update:
    return Update.de_json(emu.text(user, chat, "halo"), None)


async def test_one_chat_keeps_its_order_and_a_group_holds_up_no_private_chat(
    emu: BotApiEmulator,
) -> None:
    ayu, budi, citra = emu.user("Ayu"), emu.user("Budi"), emu.user("Citra")
    kim, other = emu.group("KIM Maju"), emu.group("KIM Jaya")
    updates = [
        update(emu, ayu, kim),  # 0
        update(emu, budi, kim),  # 1: same chat as 0
        update(emu, citra, other),  # 2: shares nothing with 0 or 1
        update(emu, ayu, emu.private_chat(ayu)),  # 3: same person as 0, in private
    ]
    processor, script = ChatOrderedProcessor(), Script(len(updates))
    tasks = [asyncio.create_task(processor.process_update(u, script.handle(n)))
             for n, u in enumerate(updates)]  # fmt: skip
    await script.started[0].wait()
    await script.started[2].wait()  # runs while 0 is still running
    await script.started[3].wait()  # Ayu's private chat need not wait for her group
    script.gates[2].set()
    script.gates[0].set()
    await script.started[1].wait()
    await script.started[3].wait()
    script.gates[1].set()
    script.gates[3].set()
    await asyncio.gather(*tasks)

    log = script.log
    assert log.index("start 2") < log.index("end 0")
    assert log.index("end 0") < log.index("start 1")
    assert log.index("start 3") < log.index("end 0")
    assert processor.waiting_keys == 0  # nothing kept once the updates are done


async def test_an_update_cancelled_while_waiting_never_runs_and_frees_its_chat(
    emu: BotApiEmulator,
) -> None:
    ayu = emu.user("Ayu")
    chat = emu.private_chat(ayu)
    processor, script = ChatOrderedProcessor(), Script(3)
    first = asyncio.create_task(processor.process_update(update(emu, ayu, chat), script.handle(0)))
    await script.started[0].wait()
    waiting = asyncio.create_task(processor.process_update(update(emu, ayu, chat),
                                                           script.handle(1)))  # fmt: skip
    await asyncio.sleep(0)  # one turn of the loop: the task starts and queues behind update 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine was never awaited" would fail the test
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
    third = asyncio.create_task(processor.process_update(update(emu, ayu, chat), script.handle(2)))
    script.gates[0].set()
    script.gates[2].set()
    await asyncio.gather(first, third)
    assert script.log == ["start 0", "end 0", "start 2", "end 2"]
    assert processor.waiting_keys == 0


def test_ordering_keys_are_the_group_or_the_private_chat_and_person(emu: BotApiEmulator) -> None:
    ayu = emu.user("Ayu")
    kim, private = emu.group("KIM Maju"), emu.private_chat(ayu)
    assert ordering_keys(update(emu, ayu, kim)) == (("chat", kim.id),)
    assert ordering_keys(update(emu, ayu, private)) == (("chat", ayu.id), ("user", ayu.id))
    assert ordering_keys("not an update") == (("other",),)


@pytest.fixture
def manual() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def emu(manual: ManualClock) -> AsyncIterator[BotApiEmulator]:
    """This module's bot talks to a server that enforces Telegram's limits on test time."""
    async with BotApiEmulator(TOKEN, flood_limits=True, clock=manual) as emulator:
        yield emulator


@pytest.fixture
async def polling_bot(
    config: Config, manual: ManualClock
) -> AsyncIterator[tuple[KimApplication, StepClock]]:
    clock = StepClock(manual)
    paced = replace(config, rate_limiter=True)
    async with running_bot(paced, polling=True, budget=Budget(clock=clock)) as app:
        yield app, clock


async def test_a_reply_waiting_for_its_group_holds_up_no_other_chat(
    emu: BotApiEmulator, polling_bot: tuple[KimApplication, StepClock]
) -> None:
    app, clock = polling_bot
    member, citizen = emu.user("Ayu"), emu.user("Budi")
    kim, private = emu.group("KIM Maju", members=[member]), emu.private_chat(citizen)
    for n in range(20):  # the group's 20 messages of this minute
        clock.advance(0.1)
        await app.bot.send_message(kim.id, f"Info {n}")
    emu.push(emu.text(member, kim, "/bantuan"))
    emu.push(emu.text(citizen, private, "/start"))
    await clock.sleepers(2)  # both replies wait: the group's for its minute, Budi's a moment
    clock.advance(0.1)
    await emu.wait_for(lambda e: len(e.sent(private)) == 1)
    assert len(emu.sent(kim)) == 20  # the group's reply still waits for its turn
    clock.advance(61)
    await emu.wait_for(lambda e: len(e.sent(kim)) == 21)
    assert emu.stats[TOKEN].rejected == 0
