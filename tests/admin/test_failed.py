"""/gagal: admins see finally failed deliveries and send them again; others are refused."""

from __future__ import annotations

from bot.emulator import ApiError
from bot.outbox import Outbox, text_message
from tests.conftest import Hub, buttons, texts


def outbox_of(hub: Hub) -> Outbox:
    outbox: Outbox = hub.outbox
    return outbox


async def test_non_admin_is_refused(hub: Hub) -> None:
    warga = hub.emu.user("Tono")
    replies = await hub.say(warga, hub.emu.private_chat(warga), "/gagal")
    assert "hanya untuk admin" in texts(replies)
    assert not buttons(replies[-1])


async def test_admin_lists_and_retries_failed_messages(hub: Hub) -> None:
    outbox = outbox_of(hub)
    group, other = hub.emu.group("KIM Gagal"), hub.emu.group("KIM Lancar")
    hub.emu.fail("sendMessage", group.id, ApiError(400, "Bad Request: message text is empty"))
    messages = [text_message(c.id, "Siaran penting") for c in (group, other)]
    batch = await outbox.submit("notice", "42", messages)
    await outbox.wait_idle()
    assert (await outbox.batch_status(batch)).failed == 1

    chat = hub.emu.private_chat(hub.admin)
    replies = await hub.say(hub.admin, chat, "/gagal")
    listing = replies[-1]
    assert "Pemberitahuan" in listing["text"]
    assert "Gagal: 1 chat" in listing["text"]
    assert "Message text is empty" in listing["text"]
    assert f"gagal:ulang:{batch}" in buttons(listing)

    # A stranger pressing the admin's button changes nothing.
    stranger = hub.emu.user("Tono")
    pressed = hub.emu.press(stranger, listing, f"gagal:ulang:{batch}")
    await hub.process(pressed)
    assert "hanya untuk admin" in hub.answer_to(pressed).get("text", "")
    assert (await outbox.batch_status(batch)).failed == 1

    pressed = hub.emu.press(hub.admin, listing, f"gagal:ulang:{batch}")
    replies = await hub.process(pressed)
    assert "1 pesan" in hub.answer_to(pressed)["text"]
    assert "dikirim ulang" in texts(replies)
    await outbox.wait_idle()
    assert (await outbox.batch_status(batch)).sent == 2
    assert [c.status for c in hub.emu.calls_to("sendMessage", group.id)] == [400, 200]
    replies = await hub.say(hub.admin, chat, "/gagal")
    assert "Tidak ada pesan yang gagal" in texts(replies)
