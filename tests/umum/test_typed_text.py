"""Names that reach the bot from Telegram are cleaned like typed text before they are kept."""

from __future__ import annotations

from tests.conftest import Hub, texts


async def test_a_name_with_a_right_to_left_override_is_kept_clean(hub: Hub) -> None:
    user = hub.emu.user("Budi\u202e\u200b", username="budi")
    chat = hub.emu.private_chat(user)
    assert "Halo, Budi" in texts(await hub.say(user, chat, "/start"))
    person = await hub.store.find_person("@budi")
    assert person is not None
    assert person.first_name == "Budi"


async def test_a_role_handle_with_invisible_characters_is_found(hub: Hub) -> None:
    user = hub.emu.user("Budi", username="budi")
    await hub.say(user, hub.emu.private_chat(user), "/start")
    admin_chat = hub.emu.private_chat(hub.admin)
    told = texts(await hub.say(hub.admin, admin_chat, "/peran beri @budi\u200b penyiar"))
    assert "Budi sekarang penyiar" in told
