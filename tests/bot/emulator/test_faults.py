"""Flood limits with a fake clock, injected faults and stateful chat events."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Callable

import pytest
from telegram import Bot, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.emulator import ApiError, BotApiEmulator, ManualClock


def _seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_global_limit_31st_message_in_a_second(
    bot: Bot, emulator: BotApiEmulator, clock: ManualClock
) -> None:
    emulator.flood_limits = True
    chats = [emulator.private_chat(emulator.user()) for _ in range(31)]
    for chat in chats[:30]:
        await bot.send_message(chat.id, "x")
        clock.advance(0.01)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(chats[30].id, "x")
    assert _seconds(caught.value) >= 1
    stats = emulator.stats[bot.token]
    assert (stats.sent, stats.rejected, stats.max_per_second) == (30, 1, 30)
    assert emulator.calls[-1].status == 429
    clock.advance(1.0)
    await bot.send_message(chats[30].id, "x")


async def test_group_limit_21st_message_in_a_minute(
    bot: Bot, emulator: BotApiEmulator, clock: ManualClock
) -> None:
    emulator.flood_limits = True
    group = emulator.group("KIM")
    for _ in range(20):
        await bot.send_message(group.id, "x")
        clock.advance(2.0)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.id, "x")
    assert _seconds(caught.value) == 20  # the first send leaves the window at t0+60
    assert emulator.stats[bot.token].max_per_group_minute == 20
    assert len(emulator.sent(group)) == 20
    clock.advance(20.0)
    await bot.send_message(group.id, "x")


async def test_private_chat_one_per_second(
    bot: Bot, emulator: BotApiEmulator, clock: ManualClock
) -> None:
    emulator.flood_limits = True
    chat = emulator.private_chat(emulator.user())
    await bot.send_message(chat.id, "satu")
    clock.advance(0.5)
    with pytest.raises(RetryAfter):
        await bot.send_message(chat.id, "dua")
    assert await bot.send_chat_action(chat.id, "typing")  # not a message: not limited
    clock.advance(0.5)
    await bot.send_message(chat.id, "dua")


async def test_limits_are_off_by_default(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    for _ in range(5):
        await bot.send_message(chat.id, "x")
    assert emulator.stats[bot.token].max_per_private_second == 5


@pytest.mark.parametrize(
    ("error", "exception", "text"),
    [
        ("kicked", Forbidden, "kicked from the group"),
        ("blocked", Forbidden, "blocked by the user"),
        ("server", NetworkError, "Internal Server Error"),
        ("bad_gateway", NetworkError, "Bad Gateway"),
        ("bad_gateway_json", NetworkError, "Bad Gateway"),
        (ApiError(400, "Bad Request: custom"), BadRequest, "custom"),
    ],
)
async def test_faults_map_to_ptb_exceptions(
    bot: Bot, emulator: BotApiEmulator, error: str | ApiError, exception: type, text: str
) -> None:
    chat = emulator.private_chat(emulator.user())
    emulator.fail("sendMessage", chat_id=chat.id, error=error)
    with pytest.raises(exception, match=rf"(?i){text}"):
        await bot.send_message(chat.id, "x")
    await bot.send_message(chat.id, "x")  # times=1: the next call succeeds


async def test_fault_migrated_and_flood(bot: Bot, emulator: BotApiEmulator) -> None:
    group = emulator.group("KIM")
    emulator.fail("sendMessage", error="migrated", migrate_to_chat_id=-1009, times=None)
    emulator.fail(error="flood", retry_after=7)
    for _ in range(2):
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(group.id, "x")
        assert migrated.value.new_chat_id == -1009
    with pytest.raises(RetryAfter) as flood:
        await bot.get_chat(group.id)
    assert _seconds(flood.value) == 7


async def test_fault_timeout_holds_until_client_gives_up(
    emulator: BotApiEmulator, make_bot: Callable[[float], Bot]
) -> None:
    chat = emulator.private_chat(emulator.user())
    emulator.fail("sendMessage", error="timeout")
    async with make_bot(0.2) as short:
        with pytest.raises(TimedOut):
            await short.send_message(chat.id, "x")
        assert emulator.calls_to("sendMessage")[0].status == 0
        await short.send_message(chat.id, "x")
    assert len(emulator.sent(chat)) == 1


async def test_kick_bot_queues_my_chat_member(bot: Bot, emulator: BotApiEmulator) -> None:
    owner = emulator.user("Ani")
    group = emulator.group("KIM", supergroup=True, admins=[owner])
    private = emulator.private_chat(emulator.user("Budi"))
    emulator.kick_bot(group, by=owner)
    emulator.kick_bot(private)
    with pytest.raises(Forbidden, match="kicked from the supergroup chat"):
        await bot.send_message(group.id, "x")
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(private.id, "x")
    updates = await bot.get_updates(timeout=0)
    change = updates[0].my_chat_member
    assert change is not None
    assert change.new_chat_member.status == "kicked"
    assert change.old_chat_member.status == "member"
    assert change.from_user.id == owner.id
    assert updates[1].my_chat_member is not None
    assert updates[1].my_chat_member.chat.id == private.id


async def test_migrate_to_supergroup(bot: Bot, emulator: BotApiEmulator) -> None:
    owner = emulator.user("Ani")
    group = emulator.group("KIM", admins=[owner])
    new = emulator.migrate_to_supergroup(group)
    assert str(new.id).startswith("-100")
    assert new.type == "supergroup"
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(group.id, "x")
    assert caught.value.new_chat_id == new.id
    old_note, new_note = (Update.de_json(u, bot) for u in emulator.updates.pending)
    assert old_note.message is not None
    assert old_note.message.migrate_to_chat_id == new.id
    assert new_note.message is not None
    assert new_note.message.migrate_from_chat_id == group.id
    assert (await bot.send_message(new.id, "x")).chat.id == new.id
    assert (await bot.get_chat_member(new.id, owner.id)).status == "creator"


async def test_add_bot_to_group(bot: Bot, emulator: BotApiEmulator) -> None:
    by = emulator.user("Ani")
    group = emulator.group("KIM Baru", members=[by])
    group.bot_status = "left"
    joined, service = (Update.de_json(u, bot) for u in emulator.add_bot_to_group(group, by=by))
    assert joined.my_chat_member is not None
    assert joined.my_chat_member.old_chat_member.status == "left"
    assert joined.my_chat_member.new_chat_member.status == "member"
    assert service.message is not None
    assert service.message.new_chat_members[0].id == bot.id
    assert (await bot.get_updates(timeout=0))[1].message is not None
