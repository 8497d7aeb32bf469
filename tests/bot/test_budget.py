"""One Telegram budget: the bot's replies and the outbox's bulk sends share one pacer.

The emulator enforces Telegram's flood limits on the same manual clock the budget runs on,
so a test sees exactly what Telegram would have refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.emulator import ApiError, BotApiEmulator, ManualClock
from bot.outbox import Budget, Outbox, Pacer, SkippingClock, delivery_bot, text_message
from bot.ratelimit import SharedLimiter, paced_chat
from bot.store import Store
from bot.texts import Texts
from tests.bot.step_clock import StepClock
from tests.conftest import TOKEN

SPACING = Pacer().limits.spacing


@pytest.fixture
def manual() -> ManualClock:
    return ManualClock()


@pytest.fixture
def clock(manual: ManualClock) -> StepClock:
    return StepClock(manual)


@pytest.fixture
async def flood_emu(manual: ManualClock) -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(TOKEN, flood_limits=True, clock=manual) as emulator:
        yield emulator


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "budget.sqlite3")
    yield opened
    await opened.close()


def replying_bot(emu: BotApiEmulator, budget: Budget | None) -> ExtBot[int]:
    """A bot whose calls go through the shared limiter, as the Application's do."""
    return ExtBot(TOKEN, base_url=emu.base_url, rate_limiter=SharedLimiter(budget, delays=(0.0,)))


def sends(emu: BotApiEmulator) -> list[int]:
    """The chats of the accepted sendMessage calls, in the order the server took them."""
    return [int(c.params["chat_id"]) for c in emu.calls_to("sendMessage") if c.ok]


async def test_a_reply_takes_the_next_slot_ahead_of_a_broadcast(
    flood_emu: BotApiEmulator, clock: StepClock, store: Store
) -> None:
    budget = Budget(clock=clock)
    groups = [flood_emu.group(f"KIM {i}").id for i in range(10)]
    person = flood_emu.private_chat(flood_emu.user("Ayu")).id
    outbox = Outbox(store, delivery_bot(TOKEN, flood_emu.base_url), Texts(),
                    clock=clock, pacer=budget.pacer)  # fmt: skip
    await outbox.start()
    try:
        await outbox.submit("broadcast", "1", [text_message(chat, "Siaran") for chat in groups])
        await flood_emu.wait_for_call("sendMessage", count=1)  # the first slot was free
        async with replying_bot(flood_emu, budget) as bot:
            reply = asyncio.create_task(bot.send_message(person, "Selamat datang"))
            await clock.sleepers(1)  # the reply queues for the next slot, like the outbox
            clock.advance(SPACING)
            replied = await reply
        assert replied.chat.id == person
        assert sends(flood_emu)[:2] == [groups[0], person]  # no bulk send went before it
    finally:
        await outbox.stop()
    assert flood_emu.stats[TOKEN].rejected == 0


async def test_a_reply_waits_for_the_minute_the_outbox_used_in_that_group(
    flood_emu: BotApiEmulator, manual: ManualClock, store: Store
) -> None:
    budget = Budget(clock=SkippingClock(manual, manual.advance))
    group = flood_emu.group("KIM Sibuk").id
    outbox = Outbox(store, delivery_bot(TOKEN, flood_emu.base_url), Texts(),
                    clock=budget.clock, pacer=budget.pacer)  # fmt: skip
    await outbox.start()
    try:
        news = [await outbox.submit("news", str(n), [text_message(group, f"Berita {n}")])
                for n in range(20)]  # fmt: skip
        while any([(await outbox.batch_status(b)).pending for b in news]):
            await outbox.wait_idle()
        async with replying_bot(flood_emu, budget) as bot:
            await bot.send_message(group, "Balasan")
    finally:
        await outbox.stop()
    calls = flood_emu.calls_to("sendMessage", group)
    assert [c.ok for c in calls] == [True] * 21
    assert calls[-1].at - calls[0].at >= 60  # the 21st message of the minute waited for it
    assert flood_emu.stats[TOKEN].rejected == 0


async def test_a_429_on_a_reply_holds_back_the_outbox_too(
    flood_emu: BotApiEmulator, manual: ManualClock
) -> None:
    budget = Budget(clock=SkippingClock(manual, manual.advance))
    person = flood_emu.private_chat(flood_emu.user("Ayu")).id
    flood_emu.fail("sendMessage", person, "flood", retry_after=9)
    async with replying_bot(flood_emu, budget) as bot:
        await bot.send_message(person, "Halo")
    refused, accepted = flood_emu.calls_to("sendMessage", person)
    assert (refused.status, accepted.status) == (429, 200)
    assert accepted.at - refused.at >= 9
    # The first send to a chat drew it, so it was the bot's global limit: bulk waits too.
    assert budget.pacer.delay(-4001, refused.at + 5, bulk=True) > 0


async def test_a_reply_retries_a_5xx_and_not_a_bad_request(emu: BotApiEmulator) -> None:
    person = emu.private_chat(emu.user("Ayu")).id
    emu.fail("sendMessage", person, "server")
    async with replying_bot(emu, Budget()) as bot:
        await bot.send_message(person, "Halo")
        assert [c.status for c in emu.calls_to("sendMessage")] == [500, 200]
        emu.fail("sendMessage", person, ApiError(400, "Bad Request: message is too long"))
        with pytest.raises(BadRequest):
            await bot.send_message(person, "Halo")
    assert [c.status for c in emu.calls_to("sendMessage")] == [500, 200, 400]


async def test_calls_that_send_no_message_do_not_wait_for_the_budget(
    emu: BotApiEmulator, manual: ManualClock
) -> None:
    budget = Budget(clock=SkippingClock(manual, manual.advance))
    budget.pacer.pause(-4001, 600, manual.now)  # a global 429 for ten minutes
    async with replying_bot(emu, budget) as bot:
        await bot.get_me()
        await bot.send_chat_action(emu.private_chat(emu.user("Ayu")).id, "typing")
    assert manual.now == 1000.0  # nothing waited


def test_which_calls_spend_the_budget() -> None:
    assert paced_chat("sendMessage", {"chat_id": -7}) == -7
    assert paced_chat("copyMessage", {"chat_id": "42"}) == 42
    assert paced_chat("editMessageText", {"chat_id": "@kanal"}) == "@kanal"
    assert paced_chat("editMessageText", {"inline_message_id": "x"}) is None
    assert paced_chat("sendChatAction", {"chat_id": 1}) is None
    assert paced_chat("answerCallbackQuery", {"callback_query_id": "1"}) is None
    assert paced_chat("getMe", {}) is None
