"""No dead ends: whatever no activity took still gets a polite, useful answer."""

from __future__ import annotations

from datetime import date

from bot.models.registrasi import KimDraft
from bot.store import Store
from tests.conftest import Hub, buttons, texts

STAFF_BUTTONS = {"menu:verifikasi", "menu:aspirasi_masuk", "menu:gagal", "menu:siaran",
                 "menu:jadwal", "menu:kurasi"}  # fmt: skip
EVERYONE = {"menu:aspirasi", "menu:berita", "menu:bantuan"}


async def test_free_text_and_unknown_commands_in_private_get_a_short_help(hub: Hub) -> None:
    user = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(user)
    [answer] = await hub.say(user, chat, "halo, mau tanya soal KIM")
    assert "pesan bebas" in answer["text"]
    assert set(buttons(answer)) == EVERYONE
    assert buttons(answer)["menu:aspirasi"] == "📝 Sampaikan sebagai aspirasi"
    [photo] = await hub.process(hub.emu.photo(user, chat))
    assert set(buttons(photo)) == EVERYONE
    assert buttons(photo)["menu:aspirasi"] == "📝 Sampaikan aspirasi"  # nothing to fill in
    [unknown] = await hub.say(user, chat, "/apaini <b>")
    assert "/apaini tidak dikenal" in unknown["text"]
    assert buttons(unknown) == buttons(photo)
    [short] = await hub.say(user, chat, "halo")
    assert buttons(short) == buttons(photo)
    # An edited message is not a new question.
    sent = len(hub.emu.sent(chat))
    edited = hub.emu.text(user, chat, "halo lagi")
    edited["edited_message"] = edited.pop("message")
    await hub.process(edited)
    assert len(hub.emu.sent(chat)) == sent


async def test_help_buttons_do_what_the_commands_do(hub: Hub) -> None:
    user = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(user)
    [help_message] = await hub.say(user, chat, "halo")
    press = hub.emu.press(user, help_message, "menu:bantuan")
    assert "Panduan KIM Hub" in texts(await hub.process(press))
    assert hub.answer_to(press) == {"callback_query_id": press["callback_query"]["id"]}
    press = hub.emu.press(user, help_message, "menu:berita")
    assert "Belum ada berita" in texts(await hub.process(press))
    hub.answer_to(press)
    # A forged staff button is refused, as a pop-up (a button's refusal), and nothing is sent.
    press = hub.emu.press(user, help_message, "menu:verifikasi")
    assert await hub.process(press) == []
    assert "admin" in hub.answer_to(press)["text"]


async def test_staff_get_their_commands_as_buttons(hub: Hub) -> None:
    chat = hub.emu.private_chat(hub.admin)
    [help_message] = await hub.say(hub.admin, chat, "selamat pagi")
    assert set(buttons(help_message)) == {*EVERYONE, *STAFF_BUTTONS}
    replies = await hub.press(hub.admin, help_message, "menu:verifikasi")
    assert "Tidak ada KIM yang menunggu" in texts(replies)
    replies = await hub.press(hub.admin, help_message, "menu:kurasi")
    assert "Tidak ada berita yang menunggu kurasi" in texts(replies)
    replies = await hub.press(hub.admin, help_message, "menu:siaran")
    assert "Siaran baru untuk KIM" in texts(replies)
    # The conversation the button opened takes the typed answer: no short help steals it.
    replies = await hub.say(hub.admin, chat, "Rapat KIM besok pagi")
    assert "Kepada siapa" in texts(replies)
    assert "pesan bebas" not in texts(replies)
    assert "dibatalkan" in texts(await hub.say(hub.admin, chat, "/batal"))


async def test_start_in_a_group_answers_in_the_group(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    group = hub.emu.group("Grup Desa", admins=[admin])
    [answer] = await hub.say(admin, group, "/start", reply=False)
    assert answer["chat"]["id"] == group.id
    assert "/daftar" in answer["text"]
    store: Store = hub.store
    draft = KimDraft("KIM Embaloh", "61.06.04.2001", "61.06.04", None, None, date(2025, 1, 1))
    await store.register_kim(draft, group.id, admin.id)
    [answer] = await hub.say(admin, group, f"/start@{hub.app.bot.username}", reply=False)
    assert "KIM Embaloh" in answer["text"]
    assert "menunggu" in answer["text"]


async def test_group_messages_are_left_alone_unless_they_are_commands(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    group = hub.emu.group("Grup Arisan", admins=[admin])
    await hub.say(admin, group, "/start", reply=False)
    # Plain talk, even a reply to the bot, gets nothing in a group that is not a KIM.
    assert await hub.say(admin, group, "terima kasih bot") == []
    assert await hub.process(hub.emu.photo(admin, group, reply_to=hub.last(group))) == []
    assert await hub.say(admin, group, "/cuaca@bot_lain", reply=False) == []
    [answer] = await hub.say(admin, group, "/cuaca", reply=False)
    assert "/cuaca tidak dikenal" in answer["text"]
    assert "/daftar" in answer["text"]
    [answer] = await hub.say(admin, group, f"/cuaca@{hub.app.bot.username}", reply=False)
    assert "/bantuan" in answer["text"]


async def test_a_button_nobody_handles_is_answered_and_removed(hub: Hub) -> None:
    user = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(user)
    [help_message] = await hub.say(user, chat, "halo")
    press = hub.emu.press(user, help_message, "versi_lama:42")
    assert await hub.process(press) == []
    assert "sudah tidak berlaku" in hub.answer_to(press)["text"]
    assert buttons(hub.last(chat)) == {}
