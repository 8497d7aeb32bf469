"""Text typed into a report is cleaned at the edge; the longest report still fits the desk."""

from __future__ import annotations

from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from tests.conftest import Hub
from tests.implementasi.helpers import kim_group, open_report

HIDDEN = "\u202e\u200b\x00\ufeff"


async def test_hidden_characters_are_removed_and_the_longest_report_fits(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    chat = hub.emu.private_chat(member)
    replies = await open_report(hub, member, kim, f"Tanam{HIDDEN} padi <b>&amp;   legowo")
    await hub.press(member, replies[-1], "impl:tanpa")
    await hub.say(member, chat, "<i>" + "😀" * 588 + f"{HIDDEN}\n\n\n\nakhir")
    [ask_unit] = await hub.say(member, chat, "1/2/2026")
    await hub.press(member, ask_unit, "impl:satuan:kk")
    [ask_bidang] = await hub.say(member, chat, "8")
    await hub.press(member, ask_bidang, "impl:bidang:perkebunan")
    await hub.say(member, chat, "&" * 400)
    await hub.say(member, chat, "😀" * 40)
    await hub.say(member, chat, "1 " + "😀" * 20)
    [ask_photos] = await hub.say(member, chat, "2")
    await hub.press(member, ask_photos, "impl:foto")
    summary = (await hub.say(member, chat, "Lewati (tanpa lokasi)"))[-1]
    await hub.press(member, summary, "impl:ok")
    [report] = await hub.store.kim_reports(kim.kim.id, 1)
    assert report.judul == "Tanam padi <b>&amp; legowo"
    assert report.kegiatan.endswith("😀\n\nakhir")
    for call in hub.emu.calls:
        if call.method.lower() in ("sendmessage", "editmessagetext"):
            assert call.ok, call.response
            assert visible_length(str(call.params["text"])) <= TELEGRAM_LIMIT
    card = hub.last(hub.desk)
    assert "Tanam padi <b>&amp; legowo" in card["text"]
