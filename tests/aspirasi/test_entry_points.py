"""Ways in: free text offered as an aspiration (filled in), the helps, the menus, aliases."""

from __future__ import annotations

from tests.aspirasi.conftest import KECAMATAN, TEXT, deliver, only, press_button, store_of
from tests.conftest import Hub, texts


async def test_free_text_is_offered_as_an_aspiration_with_its_text_filled_in(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [help_message] = await hub.say(warga, chat, TEXT)
    assert "Sampaikan sebagai aspirasi" in help_message["text"]
    [ask] = only(await press_button(hub, warga, help_message, "menu:aspirasi"), chat)
    assert "Teks pesan Anda sudah terisi" in ask["text"]
    [place] = (await press_button(hub, warga, ask, "asp:kat:infrastruktur"))[-1:]
    [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
    [photos] = (await press_button(hub, warga, desa, "asp:desa:61.06.01.2011"))[-1:]
    assert "foto" in photos["text"]  # the text step is skipped: it is filled in
    [who] = (await press_button(hub, warga, photos, "asp:foto"))[-1:]
    [summary] = (await press_button(hub, warga, who, "asp:id:rahasia"))[-1:]
    assert TEXT in summary["text"]
    await press_button(hub, warga, summary, "asp:kirim")
    [mine] = await store_of(hub).aspirations_of(warga.id, 10)
    assert mine.text == TEXT


async def test_a_short_text_or_a_command_is_not_filled_in(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [help_message] = await hub.say(warga, chat, "halo")
    [ask] = only(await press_button(hub, warga, help_message, "menu:aspirasi"), chat)
    assert "sudah terisi" not in ask["text"]
    [place] = (await press_button(hub, warga, ask, "asp:kat:lainnya"))[-1:]
    [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
    [text_step] = (await press_button(hub, warga, desa, "asp:desa:61.06.01.2011"))[-1:]
    assert "Langkah 3 dari 5" in text_step["text"]  # the text is asked for


async def test_helps_and_welcome_mention_aspirasi(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    assert "/aspirasi" in texts(await hub.say(warga, chat, "/start"))
    private_help = texts(await hub.say(warga, chat, "/bantuan"))
    for command in ("/aspirasi", "/status", "/aspirasiku"):
        assert command in private_help
    assert "/aspirasi_masuk" not in private_help
    group = hub.emu.group("Grup Desa", admins=[warga])
    group_help = texts(await hub.say(warga, group, "/bantuan", reply=False))
    assert "/aspirasi" in group_help
    admin_help = texts(await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/bantuan"))
    assert "/aspirasi_masuk" in admin_help


async def test_commands_are_published_and_english_aliases_work(hub: Hub) -> None:
    calls = hub.emu.calls_to("setMyCommands")
    scopes = {c.params["scope"]["type"]: c.params for c in calls}

    def names(scope: str) -> set[str]:
        return {cmd["command"] for cmd in scopes[scope]["commands"]}

    assert {"aspirasi", "status", "aspirasiku"} <= names("all_private_chats")
    assert "aspirasi" in names("all_group_chats")
    admin_menu = [c.params for c in calls if c.params["scope"].get("chat_id") == hub.admin.id]
    assert "aspirasi_masuk" in {cmd["command"] for cmd in admin_menu[0]["commands"]}
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    assert "Sampaikan aspirasi" in texts(await hub.say(warga, chat, "/aspiration"))
    await hub.say(warga, chat, "/batal")
    assert "belum pernah" in texts(await hub.say(warga, chat, "/myaspirations"))
    assert "hanya untuk admin" in texts(await hub.say(warga, chat, "/incoming"))
    await deliver(hub)
    assert "Tidak ada aspirasi" in texts(
        await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/incoming")
    )


async def test_text_after_the_command_is_filled_in(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, f"/aspirasi {TEXT}"), chat)
    assert "Teks pesan Anda sudah terisi" in ask["text"]
    [ask] = only(await hub.say(warga, chat, "/aspirasi jalan"), chat)  # too short: asked later
    assert "sudah terisi" not in ask["text"]
