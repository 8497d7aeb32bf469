"""Diseminasi's buttons after their step: answered, and removed or brought up to date."""

from __future__ import annotations

from datetime import time
from typing import Any

from bot.dates import format_clock_id
from bot.emulator import User
from bot.models.diseminasi import Schedule, ScheduleKind
from tests.conftest import Hub, buttons, texts
from tests.diseminasi.conftest import broadcast_now, make_broadcaster, two_kims

DAILY = Schedule(ScheduleKind.DAILY, time(7, 0))


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    """A message as the chat now shows it (after edits)."""
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def test_siaran_buttons_after_cancel_are_removed(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    chat = hub.emu.private_chat(broadcaster)
    await hub.say(broadcaster, chat, "/siaran")
    targets = (await hub.say(broadcaster, chat, "Info"))[-1]
    await hub.say(broadcaster, chat, "/batal")
    stale = hub.emu.press(broadcaster, targets, "siaran:target:all")
    await hub.process(stale)
    assert "sudah selesai" in hub.answer_to(stale)["text"]
    assert buttons(now_shown(hub, targets)) == {}


async def test_channel_buttons_of_a_cancelled_receipt(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    _, run = await broadcast_now(hub, broadcaster)
    member = sibau.members[1]
    await hub.press(member, hub.last(sibau.group), f"sebar:{run.id}")
    channels = (await hub.say(member, sibau.group, "45"))[-1]
    # While the member fills it in, another member is told whose buttons they are.
    other = hub.emu.press(sibau.members[2], channels, "sebar:kanal:whatsapp")
    await hub.process(other)
    assert "untuk anggota yang sedang mengisi" in hub.answer_to(other)["text"]
    assert "sebar:kanal:whatsapp" in buttons(now_shown(hub, channels))
    await hub.say(member, sibau.group, "/batal", reply=False)
    for who in (member, sibau.members[2]):
        late = hub.emu.press(who, channels, "sebar:kanal:whatsapp")
        await hub.process(late)
        assert "sudah selesai" in hub.answer_to(late)["text"]
    assert buttons(now_shown(hub, channels)) == {}
    assert await hub.store.receipt(run.id, sibau.kim.id) is None


async def test_jadwal_card_changed_elsewhere_is_brought_up_to_date(
    hub: Hub, broadcaster: User
) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    broadcast, _ = await broadcast_now(hub, broadcaster, "Siaran {{ kim.nama }}", DAILY)
    chat = hub.emu.private_chat(broadcaster)
    old_card = (await hub.say(broadcaster, chat, "/jadwal"))[-1]
    new_card = (await hub.say(broadcaster, chat, "/jadwal"))[-1]
    await hub.press(broadcaster, new_card, f"jadwal:pause:{broadcast.id}")
    stale = hub.emu.press(broadcaster, old_card, f"jadwal:pause:{broadcast.id}")
    await hub.process(stale)
    assert "sudah dijeda oleh Anda pukul" in hub.answer_to(stale)["text"]
    shown = now_shown(hub, old_card)
    assert "dijeda" in shown["text"]
    assert set(buttons(shown)) == {f"jadwal:resume:{broadcast.id}", f"jadwal:cancel:{broadcast.id}"}
    # Pressed again on a card that already shows this: answered, nothing breaks.
    again = hub.emu.press(broadcaster, shown, f"jadwal:pause:{broadcast.id}")
    await hub.process(again)
    assert "sudah dijeda oleh Anda pukul" in hub.answer_to(again)["text"]
    assert texts([now_shown(hub, old_card)]) == shown["text"]


async def test_jadwal_card_changed_by_another_broadcaster_says_who_and_when(
    hub: Hub, broadcaster: User
) -> None:
    await make_broadcaster(hub, broadcaster)
    rina = await make_broadcaster(hub, hub.emu.user("Rina"))
    await two_kims(hub)
    broadcast, _ = await broadcast_now(hub, broadcaster, "Siaran {{ kim.nama }}", DAILY)
    card = (await hub.say(broadcaster, hub.emu.private_chat(broadcaster), "/jadwal"))[-1]
    rina_card = (await hub.say(rina, hub.emu.private_chat(rina), "/jadwal"))[-1]
    await hub.press(rina, rina_card, f"jadwal:cancel:{broadcast.id}")
    changed = await hub.store.get_broadcast(broadcast.id)
    assert changed is not None
    assert changed.last_change is not None
    assert changed.last_change.by == rina.id
    clock = format_clock_id(changed.last_change.at, hub.services.config.timezone)
    stale = hub.emu.press(broadcaster, card, f"jadwal:pause:{broadcast.id}")
    await hub.process(stale)
    assert f"sudah dihentikan oleh Rina pukul {clock}" in hub.answer_to(stale)["text"]
    assert buttons(now_shown(hub, card)) == {}  # a cancelled broadcast has no buttons
    gone = hub.emu.press(broadcaster, rina_card, "jadwal:resume:999")
    await hub.process(gone)
    assert "Siaran #999 tidak ada lagi" in hub.answer_to(gone)["text"]
    assert buttons(now_shown(hub, rina_card)) == {}
