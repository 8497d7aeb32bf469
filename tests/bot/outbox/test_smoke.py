"""The outbox delivers through a running bot: the first, simplest path."""

from __future__ import annotations

from bot.emulator import BotApiEmulator
from bot.outbox import Outbox, delivery_bot, text_message
from tests.conftest import TOKEN, Hub


def outbox_of(hub: Hub) -> Outbox:
    outbox: Outbox = hub.outbox
    return outbox


async def test_submit_sends_each_chat_once(hub: Hub) -> None:
    groups = [hub.emu.group(f"KIM {i}") for i in range(3)]
    people = [hub.emu.private_chat(hub.emu.user(f"Warga {i}")) for i in range(2)]
    chats = [c.id for c in groups + people]
    outbox = outbox_of(hub)
    messages = [text_message(chat, "<b>Halo</b>") for chat in chats]
    batch = await outbox.submit("broadcast", "1", messages)
    again = await outbox.submit("broadcast", "1", messages)
    assert again == batch
    await outbox.wait_idle()
    status = await outbox.batch_status(batch)
    assert (status.total, status.sent, status.pending) == (5, 5, 0)
    assert status.finished_at is not None
    for chat in chats:
        assert len(hub.emu.calls_to("sendMessage", chat)) == 1


async def test_open_chats_emulator_accepts_any_chat_id(emu: BotApiEmulator) -> None:
    """`kim-bot emulator --open-chats` (used by bench/broadcast.py --api-base) creates chats."""
    emu.state.open_chats = True
    bot = delivery_bot(TOKEN, emu.base_url)
    async with bot:
        group = await bot.send_message(-77, "hai")
        person = await bot.send_message(77, "hai")
    assert (group.chat.type, person.chat.type) == ("group", "private")
