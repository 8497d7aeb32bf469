"""KIM names typed at /siaran are cleaned before they are matched."""

from __future__ import annotations

from bot.emulator import User
from tests.conftest import Hub, buttons, texts
from tests.diseminasi.conftest import make_broadcaster, two_kims


async def test_kim_names_with_invisible_characters_still_match(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    chat = hub.emu.private_chat(broadcaster)
    await hub.say(broadcaster, chat, "/siaran")
    replies = await hub.say(broadcaster, chat, "Info {{ kim.nama }}")
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:kim")
    replies = await hub.say(broadcaster, chat, "KIM\u200b Sibau\u202e,\n\n KIM  Bika\ufeff")
    assert "tidak ditemukan" not in texts(replies)
    assert "siaran:waktu:once" in buttons(replies[-1])
