"""A KIM records an implementation: started in its group, continued in private, with photos;
the desk verifies it or asks for a follow-up, and the KIM is reminded then, once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.models.implementasi import ReportStatus
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.implementasi.helpers import Clock, KimGroup, fill_report, kim_group, open_report

WIB = ZoneInfo("Asia/Pontianak")
TWO_WEEKS = timedelta(weeks=2)


async def sent_report(hub: Hub) -> tuple[KimGroup, dict[str, Any]]:
    """A report of KIM Embaloh sent by its second member; (the KIM group, the desk card)."""
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    replies = await open_report(hub, member, kim, "Tanam padi jajar legowo")
    assert "impl:tanpa" in buttons(replies[-1])
    await hub.press(member, replies[-1], "impl:tanpa")
    summary = await fill_report(hub, member)
    await hub.press(member, summary, "impl:ok")
    return kim, hub.last(hub.desk)


async def test_a_report_with_photos_reaches_its_group_and_the_desk(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    [invite] = await hub.say(member, kim.group, "/implementasi Tanam padi jajar legowo",
                             reply=False)  # fmt: skip
    assert "chat pribadi" in invite["text"]
    [[button]] = invite["reply_markup"]["inline_keyboard"]
    assert button["url"] == f"https://t.me/kim_hub_bot?start=impl_{kim.kim.id}"
    chat = hub.emu.private_chat(member)
    replies = await hub.say(member, chat, f"/start impl_{kim.kim.id}")
    assert "Tanam padi jajar legowo" in texts(replies)
    await hub.press(member, replies[-1], "impl:tanpa")
    summary = await fill_report(hub, member, photos=2)
    assert "Padi, 2,5 → 3,1 ton/ha (+24%)" in summary["text"]
    assert "Penerima manfaat: 25 KK" in summary["text"]
    assert "Foto: 2" in summary["text"]
    done = await hub.press(member, summary, "impl:ok")
    assert "terkirim" in texts(done)
    [card] = hub.emu.sent(kim.group)[-1:]
    assert "menunggu verifikasi" in card["text"]
    [album] = hub.emu.calls_to("sendMediaGroup", hub.desk.id)
    assert len(album.params["media"]) == 2
    desk_card = hub.last(hub.desk)
    assert set(buttons(desk_card)) == {"implv:ok:1", "implv:perbaikan:1", "implv:tl:1"}
    assert "KIM Embaloh" in desk_card["text"]
    [report] = await hub.store.kim_reports(kim.kim.id, 5)
    assert report.status == ReportStatus.PENDING
    assert len(report.photos) == 2
    assert report.located


async def test_verified_once_and_a_second_press_says_by_whom(hub: Hub) -> None:
    kim, card = await sent_report(hub)
    press = hub.emu.press(hub.admin, card, "implv:ok:1")
    await hub.process(press)
    assert "terverifikasi" in hub.answer_to(press)["text"]
    await hub.outbox.wait_idle()
    member = kim.members[1]
    notice = hub.last(hub.emu.private_chat(member))
    assert "diverifikasi" in notice["text"]
    assert set(buttons(notice)) == {"bagi:tawar:1"}
    assert "terverifikasi" in hub.last(kim.group)["text"]
    assert buttons(hub.last(hub.desk)) == {}
    again = hub.emu.press(hub.admin, card, "implv:perbaikan:1")
    await hub.process(again)
    assert "oleh Anda pukul" in hub.answer_to(again)["text"]
    report = await hub.store.get_report(1)
    assert report is not None
    assert report.status == ReportStatus.VERIFIED


async def test_a_follow_up_reminds_the_kim_once_at_its_time(start_hub: HubFactory) -> None:
    clock = Clock()
    async with start_hub(clock=clock) as hub:
        kim, card = await sent_report(hub)
        await hub.press(hub.admin, card, "implv:tl:1")
        weeks = hub.last(hub.desk)
        assert "implv:tl:1:2" in buttons(weeks)
        await hub.press(hub.admin, weeks, "implv:tl:1:2")
        await hub.outbox.wait_idle()
        report = await hub.store.get_report(1)
        assert report is not None
        assert report.status == ReportStatus.FOLLOW_UP
        assert report.follow_up_at is not None
        local = report.follow_up_at.astimezone(WIB)
        assert (local.date(), local.hour) == (clock.now.astimezone(WIB).date() + TWO_WEEKS, 8)
        assert hub.app.job_queue is not None
        [job] = hub.app.job_queue.get_jobs_by_name("broadcast:tindak_lanjut:1")
        clock.advance(TWO_WEEKS + timedelta(days=1))
        await job.run(hub.app)
        await job.run(hub.app)  # a second run finds it sent
        await hub.outbox.wait_idle()
        group = kim.group
        reminders = [m for m in hub.emu.sent(group) if "perkembangannya" in m["text"]]
        assert len(reminders) == 1
    async with start_hub(clock=clock) as hub:  # restarted: nothing planned, nothing repeated
        assert hub.app.job_queue is not None
        assert hub.app.job_queue.get_jobs_by_name("broadcast:tindak_lanjut:1") == ()
        await hub.outbox.wait_idle()
        reminders = [m for m in hub.emu.sent(group) if "perkembangannya" in m["text"]]
        assert len(reminders) == 1
