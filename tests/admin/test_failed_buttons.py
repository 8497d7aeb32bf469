"""/gagal: a batch's "Kirim ulang" button goes away once it was used."""

from __future__ import annotations

from bot.emulator import ApiError
from bot.outbox import text_message
from tests.conftest import Hub, buttons


async def test_retried_batch_loses_its_button_and_the_others_stay(hub: Hub) -> None:
    outbox = hub.outbox
    first, second = hub.emu.group("KIM Satu"), hub.emu.group("KIM Dua")
    for group in (first, second):
        hub.emu.fail("sendMessage", group.id, ApiError(400, "Bad Request: chat not found"))
    one = await outbox.submit("notice", "1", [text_message(first.id, "Siaran satu")])
    two = await outbox.submit("notice", "2", [text_message(second.id, "Siaran dua")])
    await outbox.wait_idle()
    chat = hub.emu.private_chat(hub.admin)
    listing = (await hub.say(hub.admin, chat, "/gagal"))[-1]
    assert set(buttons(listing)) == {f"gagal:ulang:{one}", f"gagal:ulang:{two}"}
    await hub.press(hub.admin, listing, f"gagal:ulang:{one}")
    [shown] = [m for m in hub.emu.sent(chat) if m["message_id"] == listing["message_id"]]
    assert set(buttons(shown)) == {f"gagal:ulang:{two}"}
    await hub.press(hub.admin, shown, f"gagal:ulang:{two}")
    [shown] = [m for m in hub.emu.sent(chat) if m["message_id"] == listing["message_id"]]
    assert buttons(shown) == {}
    await outbox.wait_idle()
