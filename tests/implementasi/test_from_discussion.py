"""A KIM discussion's conclusion carried on as an implementation report: the card's
"Jadikan rencana implementasi" opens the presser's private chat with the discussion as the
report's source; only a member of that KIM may."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models.implementasi import SourceKind
from tests.conftest import Hub, texts
from tests.implementasi.helpers import KimGroup, fill_report, kim_group

CONCLUSION = "Kelompok tani mencoba tanam padi jajar legowo di demplot satu hektare."


async def concluded(hub: Hub, kim: KimGroup) -> tuple[int, dict[str, object]]:
    """A discussion opened and concluded in the KIM's group: its id and the summary card."""
    opener = kim.members[1]
    await hub.say(opener, kim.group, "/diskusi Tanam padi jajar legowo", reply=False)
    [discussion] = await hub.store.open_discussions(kim.kim.id)
    assert discussion.anchor_id is not None
    sent = await hub.process(hub.emu.text(opener, kim.group, f"/kesimpulan {CONCLUSION}",
                                          reply_to=discussion.anchor_id))  # fmt: skip
    [card] = [m for m in sent if "Kesimpulan" in m.get("text", "")]
    return discussion.id, card


async def test_a_conclusion_becomes_a_report_with_the_discussion_as_its_source(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Menua Sadap")
    discussion_id, card = await concluded(hub, kim)
    # A concluded discussion is among the sources a report started in the group may choose.
    since = datetime.now(UTC) - timedelta(days=1)
    [source] = await hub.store.discussion_sources(kim.kim.id, since, 4)
    assert (source.kind, source.id) == (SourceKind.DISCUSSION, discussion_id)
    member = kim.members[2]
    press = hub.emu.press(member, card, f"diskusi:rencana:{discussion_id}")
    await hub.process(press)
    url = hub.answer_to(press)["url"]
    assert url == f"https://t.me/kim_hub_bot?start=impl_diskusi_{discussion_id}"
    chat = hub.emu.private_chat(member)
    begun = texts(await hub.say(member, chat, f"/start impl_diskusi_{discussion_id}"))
    assert CONCLUSION in begun
    assert "Tanam padi jajar legowo" in begun
    assert "impl:sumber" not in str(begun)  # the source is known: no source question
    summary = await fill_report(hub, member)
    assert "Tanam padi jajar legowo" in summary["text"]
    await hub.press(member, summary, "impl:ok")
    [report] = await hub.store.kim_reports(kim.kim.id, 10, 0)
    assert report.source is not None
    assert (report.source.kind, report.source.id) == (SourceKind.DISCUSSION, discussion_id)
    assert report.judul == "Tanam padi jajar legowo"


async def test_a_conclusion_is_planned_only_by_a_member_of_its_kim(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Nanga Kalis")
    discussion_id, _ = await concluded(hub, kim)
    stranger = hub.emu.user("Tamu")
    chat = hub.emu.private_chat(stranger)
    refused = texts(await hub.say(stranger, chat, f"/start impl_diskusi_{discussion_id}"))
    assert "hanya bisa dijadikan laporan implementasi oleh anggota KIM Nanga Kalis" in refused
    unknown = texts(await hub.say(stranger, chat, "/start impl_diskusi_424242"))
    assert "tidak ditemukan atau belum punya kesimpulan" in unknown
    assert await hub.store.count_kim_reports(kim.kim.id) == 0
