"""A voice note with a short text, a shared location, photos up to the limit: all reach the
desk through the outbox, captioned with the code only."""

from __future__ import annotations

from typing import Any

from bot.emulator import Chat, User
from bot.models.aspirasi import MAX_PHOTOS
from tests.aspirasi.conftest import KECAMATAN, card_in, deliver, only, press_button, store_of
from tests.conftest import Hub, buttons, texts


def voice(hub: Hub, user: User, chat: Chat, caption: str | None = None) -> dict[str, Any]:
    """A voice note update (the emulator's photo update, carrying a voice instead)."""
    update = hub.emu.photo(user, chat, caption=caption)
    message = update["message"]
    size = message.pop("photo")[-1]
    message["voice"] = {"file_id": size["file_id"], "file_unique_id": size["file_unique_id"],
                        "duration": 7, "mime_type": "audio/ogg"}  # fmt: skip
    return update


async def test_voice_location_and_photos_reach_the_desk(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
    [place] = (await press_button(hub, warga, ask, "asp:kat:lingkungan"))[-1:]
    assert "lokasi" in place["text"]
    location = hub.emu.text(warga, chat, "")
    message = location["message"]
    del message["text"]
    message["location"] = {"latitude": 0.8361, "longitude": 112.9306}
    [saved, text_step] = await hub.process(location)
    assert "Lokasi diterima" in saved["text"]
    assert "Langkah 3 dari 5" in text_step["text"]
    # A voice note without a caption: its short text is asked for; a too-short one refused.
    asked = texts(await hub.process(voice(hub, warga, chat)))
    assert "keterangan singkat" in asked
    assert "yang diminta 5–200 karakter" in texts(await hub.say(warga, chat, "air"))
    [photos] = (await hub.say(warga, chat, "Sungai tercemar limbah"))[-1:]
    assert set(buttons(photos)) == {"asp:foto", "asp:batal"}
    for _ in range(MAX_PHOTOS):
        replies = await hub.process(hub.emu.photo(warga, chat))
    assert f"Foto {MAX_PHOTOS} dari paling banyak {MAX_PHOTOS}" in texts(replies)
    [summary] = (await press_button(hub, warga, replies[-1], "asp:id:tampil"))[-1:]
    assert "📍 lokasi yang dibagikan" in summary["text"]
    assert f"🖼 {MAX_PHOTOS} foto" in summary["text"]
    await press_button(hub, warga, summary, "asp:kirim")
    [ticket] = await store_of(hub).aspirations_of(warga.id, 10)
    assert ticket.voice_file_id is not None
    assert len(ticket.photo_file_ids) == MAX_PHOTOS
    assert (ticket.latitude, ticket.longitude, ticket.desa_kode) == (0.8361, 112.9306, None)
    await deliver(hub)
    photos_sent = hub.emu.calls_to("sendPhoto", hub.desk.id)
    assert [c.params["caption"] for c in photos_sent] == [
        f"{ticket.code} · foto {n}/{MAX_PHOTOS}" for n in range(1, MAX_PHOTOS + 1)
    ]
    [voice_sent] = hub.emu.calls_to("sendVoice", hub.desk.id)
    assert voice_sent.params["caption"] == f"{ticket.code} · pesan suara"
    card = card_in(hub, hub.desk, ticket.code)
    assert "🎤 disertai pesan suara" in card["text"]
    assert "Sungai tercemar limbah" in card["text"]


async def test_a_voice_note_with_its_caption_needs_nothing_more(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
    [place] = (await press_button(hub, warga, ask, "asp:kat:ekonomi"))[-1:]
    [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
    # The desa can be typed too; the matches come back as buttons.
    choices = (await hub.say(warga, chat, "ariung mendalam"))[-1]
    assert "asp:desa:61.06.01.2011" in buttons(choices)
    assert "tidak ditemukan" in texts(await hub.say(warga, chat, "Atlantis"))
    await press_button(hub, warga, choices, "asp:desa:61.06.01.2011")
    [photos] = (await hub.process(voice(hub, warga, chat, caption="Harga karet anjlok")))[-1:]
    assert "foto" in photos["text"]
    assert desa["chat"]["id"] == chat.id
