"""The outbox never dies quietly: database errors at each step of a batch, and a stop.

The store fails on purpose (tests/bot/faulty_store.py): a chosen method or statement raises
"database is locked" on its n-th call. After each failure the worker must be restarted,
the desk told once, no row left 'sending', nothing sent twice, and the next batch sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.emulator import BotApiEmulator, Chat, ManualClock
from bot.outbox import Outbox, RetryPolicy, RowStatus, SkippingClock, delivery_bot, text_message
from bot.texts import Texts
from tests.bot.faulty_store import FaultyStore
from tests.bot.outbox.conftest import settle
from tests.conftest import TOKEN

Start = Callable[..., AbstractAsyncContextManager[Outbox]]
FAILED, RECOVERED = "Pengiriman pesan massal terhenti", "Pengiriman pesan massal berjalan lagi"


@pytest.fixture
async def faulty(tmp_path: Path) -> AsyncIterator[FaultyStore]:
    store: FaultyStore = await FaultyStore.open(tmp_path / "outbox.sqlite3")
    yield store
    await store.close()


@pytest.fixture
def desk(flood_emu: BotApiEmulator) -> Chat:
    return flood_emu.group("Meja Diskominfo", supergroup=True)


@pytest.fixture
def start(flood_emu: BotApiEmulator, clock: ManualClock, faulty: FaultyStore, desk: Chat) -> Start:
    @asynccontextmanager
    async def factory(**options: Any) -> AsyncIterator[Outbox]:
        outbox = Outbox(
            faulty,
            delivery_bot(TOKEN, flood_emu.base_url),
            Texts(),
            clock=SkippingClock(clock, clock.advance),
            policy=RetryPolicy(max_attempts=3, base_delay=2.0, jitter=0.0),
            desk_chat_id=desk.id,
            **options,
        )
        await outbox.start()
        try:
            yield outbox
        finally:
            await outbox.stop()

    return factory


def chats(emu: BotApiEmulator) -> list[Chat]:
    groups = [emu.group(f"KIM {i}") for i in range(6)]
    return groups + [emu.private_chat(emu.user(f"Warga {i}")) for i in range(3)]


async def deliver(outbox: Outbox, item: str, to: list[Chat]) -> int:
    messages = [text_message(c.id, f"Siaran {item}") for c in to]
    return await outbox.submit("broadcast", item, messages)


def received(emu: BotApiEmulator, chat: Chat, item: str) -> int:
    return sum(m.get("text") == f"Siaran {item}" for m in emu.sent(chat))


def desk_notices(emu: BotApiEmulator, desk: Chat) -> tuple[int, int]:
    texts = [m.get("text", "") for m in emu.sent(desk)]
    return sum(FAILED in t for t in texts), sum(RECOVERED in t for t in texts)


async def assert_clean(store: FaultyStore, emu: BotApiEmulator, to: list[Chat], item: str) -> None:
    """Every chat got the item exactly once, and no row is left in flight."""
    assert [received(emu, c, item) for c in to] == [1] * len(to)
    assert (await store.outbox_counts()).get(RowStatus.SENDING, 0) == 0


STEPS = [
    ("route_outbox", 1),
    ("due_outbox_rows", 2),
    ("next_outbox_due", 2),
    ("claim_outbox", 3),
    ("settle_outbox", 1),
    ("settle_outbox", 2),
    ("BEGIN IMMEDIATE", 2),
    ("SET status = 'sending'", 4),  # inside the claim's transaction
    ("UPDATE outbox_batch SET finished_at", 1),  # the settle's last statement
    *[("COMMIT", n) for n in (1, 2, 3, 5, 8)],  # claims and settles, whichever comes
]


@pytest.mark.parametrize(("step", "call"), STEPS, ids=[f"{s}#{n}" for s, n in STEPS])
async def test_a_database_error_at_any_step_is_survived(
    start: Start, faulty: FaultyStore, flood_emu: BotApiEmulator, desk: Chat, step: str, call: int
) -> None:
    to = chats(flood_emu)
    async with start() as outbox:
        batch = await deliver(outbox, "1", to)
        fault = faulty.fail(step, call=call)
        await settle(outbox, batch)
        assert fault.fired == 1
        assert outbox.supervisor.restarts == 1
        await assert_clean(faulty, flood_emu, to, "1")
        assert (await outbox.batch_status(batch)).sent == len(to)

        batch = await deliver(outbox, "2", to)  # the next broadcast goes out
        await settle(outbox, batch)
        await assert_clean(faulty, flood_emu, to, "2")
    assert desk_notices(flood_emu, desk) == (1, 1)


async def test_a_failure_at_start_is_survived(
    start: Start, faulty: FaultyStore, flood_emu: BotApiEmulator
) -> None:
    to = chats(flood_emu)
    faulty.fail("recover_outbox", call=1)
    async with start() as outbox:
        batch = await deliver(outbox, "1", to)
        await settle(outbox, batch)
        assert outbox.supervisor.restarts == 1
        await assert_clean(faulty, flood_emu, to, "1")


async def test_the_desk_is_told_once_per_episode_and_restarts_back_off(
    start: Start, faulty: FaultyStore, flood_emu: BotApiEmulator, desk: Chat, clock: ManualClock
) -> None:
    to = chats(flood_emu)
    async with start() as outbox:
        batch = await deliver(outbox, "1", to)
        # Every statement fails five times: the notice must not need the database.
        every = faulty.fail("", call=1, times=5)
        before = clock.now
        await outbox.wait_idle()
        assert every.fired == 5
        await settle(outbox, batch)
        assert outbox.supervisor.restarts == 5
        assert clock.now - before >= 1 + 2 + 4 + 8 + 16
        await assert_clean(faulty, flood_emu, to, "1")
        assert desk_notices(flood_emu, desk) == (1, 1)

        faulty.fail("claim_outbox", call=1)  # a second episode: told again
        batch = await deliver(outbox, "2", to)
        await settle(outbox, batch)
        await assert_clean(faulty, flood_emu, to, "2")
    assert desk_notices(flood_emu, desk) == (2, 2)
    [notice, *_] = [m for m in flood_emu.sent(desk) if FAILED in m.get("text", "")]
    assert "database is locked" in notice["text"]
    assert "kim-bot kim import" in notice["text"]


async def test_a_stop_in_the_middle_of_a_write_finishes_it(
    start: Start, faulty: FaultyStore, flood_emu: BotApiEmulator
) -> None:
    to = chats(flood_emu)
    async with start() as outbox:
        batch = await deliver(outbox, "1", to)
        hold = faulty.hold("settle_outbox")
        await hold.entered.wait()
        stopping = asyncio.create_task(outbox.stop())
        for _ in range(5):
            await asyncio.sleep(0)
        assert not stopping.done()  # it waits for the write
        hold.release.set()
        await stopping
        counts = await faulty.outbox_counts()
        assert counts.get(RowStatus.SENDING, 0) == 0
        assert counts.get(RowStatus.SENT, 0) == len(flood_emu.calls_to("sendMessage"))
    async with start() as outbox:  # after a restart nothing is sent twice
        await settle(outbox, batch)
        await assert_clean(faulty, flood_emu, to, "1")


async def test_the_desk_of_the_configuration_is_told(config: Config, faulty: FaultyStore) -> None:
    outbox = Outbox.for_config(config, faulty, Texts())
    assert outbox.supervisor.desk.chat_id == config.desk_chat_id
