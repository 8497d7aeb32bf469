"""The outbox delivers through a running bot: the first, simplest path."""

from __future__ import annotations

from bot.outbox import Outbox, text_message
from tests.conftest import Hub


def outbox_of(hub: Hub) -> Outbox:
    outbox: Outbox = hub.app.bot_data["kim.outbox"]
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
