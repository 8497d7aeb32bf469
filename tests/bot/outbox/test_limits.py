"""Delivery keeps Telegram's flood limits and obeys 429 (emulator with limits on)."""

from __future__ import annotations

from bot.emulator import BotApiEmulator, ManualClock
from bot.outbox import Outbox, text_message
from tests.bot.outbox.conftest import settle


async def test_limits_are_never_exceeded(
    outbox: Outbox, flood_emu: BotApiEmulator, clock: ManualClock
) -> None:
    busy = flood_emu.group("KIM Sibuk")
    groups = [flood_emu.group(f"KIM {i}") for i in range(40)]
    people = [flood_emu.private_chat(flood_emu.user(f"Warga {i}")) for i in range(5)]
    start = clock.now
    batches = []
    for n in range(25):  # 25 news items for one group: 20 a minute, then the rest
        batches.append(await outbox.submit("news", str(n), [text_message(busy.id, f"Berita {n}")]))
    for n in range(3):
        chats = [c.id for c in groups + people]
        messages = [text_message(chat, f"Siaran {n}") for chat in chats]
        batches.append(await outbox.submit("broadcast", str(n), messages))
    for batch_id in batches:
        await settle(outbox, batch_id)

    stats = flood_emu.stats[flood_emu.token]
    assert stats.rejected == 0
    assert stats.sent == 25 + 3 * 45
    assert stats.max_per_second <= 30
    assert stats.max_per_group_minute <= 20
    assert stats.max_per_private_second <= 1
    assert clock.now - start >= 60  # the busy group's 21st message waited for its minute
    # The busy group did not hold up the others: every broadcast went out first.
    busy_calls = flood_emu.calls_to("sendMessage", busy.id)
    others = [c.at for c in flood_emu.calls_to("sendMessage") if c.params["chat_id"] != busy.id]
    last_broadcast = max(others)
    assert busy_calls[-1].at > last_broadcast


async def test_flood_wait_pauses_only_that_chat(outbox: Outbox, flood_emu: BotApiEmulator) -> None:
    hot = flood_emu.group("KIM Ramai")
    others = [flood_emu.group(f"KIM {i}") for i in range(5)]
    await outbox.submit("notice", "warm-up", [text_message(hot.id, "Halo")])
    await outbox.wait_idle()
    flood_emu.fail("sendMessage", hot.id, "flood", retry_after=7)
    chats = [hot.id] + [c.id for c in others]
    batch = await outbox.submit("notice", "1", [text_message(c, "Info") for c in chats])
    await settle(outbox, batch)

    calls = flood_emu.calls_to("sendMessage", hot.id)
    refused, accepted = calls[-2], calls[-1]
    assert refused.status == 429
    assert accepted.ok
    assert accepted.at - refused.at >= 7
    for chat in others:  # not held back by the other group's 429
        assert flood_emu.calls_to("sendMessage", chat.id)[0].at < refused.at + 7
    status = await outbox.batch_status(batch)
    assert (status.sent, status.failed) == (6, 0)


async def test_global_flood_wait_pauses_everything(
    outbox: Outbox, flood_emu: BotApiEmulator
) -> None:
    chats = [flood_emu.group(f"KIM {i}") for i in range(4)]
    flood_emu.fail("sendMessage", chats[0].id, "flood", retry_after=5)
    batch = await outbox.submit("broadcast", "1", [text_message(c.id, "Hai") for c in chats])
    await settle(outbox, batch)
    refused = next(c for c in flood_emu.calls_to("sendMessage") if c.status == 429)
    later = [c for c in flood_emu.calls_to("sendMessage") if c.at > refused.at]
    assert later
    assert all(c.at >= refused.at + 5 for c in later)
    assert (await outbox.batch_status(batch)).sent == 4
