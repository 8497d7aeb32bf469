""" "Minta perbaikan": the reason goes back to the reporter, who corrects and sends the report
again; the desk sees the correction and verifies it. And a follow-up missed while down."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.models.implementasi import ReportStatus
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.implementasi.helpers import Clock
from tests.implementasi.test_report import sent_report


def shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    """A message the bot sent, as it now reads."""
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def test_a_fix_request_goes_back_and_the_correction_is_verified(hub: Hub) -> None:
    kim, card = await sent_report(hub)
    member = kim.members[1]
    group = kim.group
    group_card = hub.last(group)
    [ask] = await hub.press(hub.admin, card, "implv:perbaikan:1")
    assert "Apa yang perlu diperbaiki" in ask["text"]
    assert "akan" not in await hub.store.outbox_counts()
    [short] = await hub.say(hub.admin, hub.desk, "Foto")
    assert "5–300 karakter" in short["text"]
    await hub.say(hub.admin, hub.desk, "Foto <b>kurang</b> jelas, kirim foto panen.")
    await hub.outbox.wait_idle()
    chat = hub.emu.private_chat(member)
    notice = hub.last(chat)
    assert "Foto <b>kurang</b> jelas" in notice["text"]  # shown as typed, not as markup
    assert set(buttons(notice)) == {"impl:perbaiki:1"}
    assert "perlu perbaikan" in hub.last(group)["text"]
    assert buttons(shown(hub, card)) == {}

    replies = await hub.press(member, notice, "impl:perbaiki:1")
    assert "Periksa laporan implementasi" in replies[-1]["text"]
    [ask_edit] = await hub.press(member, replies[-1], "impl:ubah")
    ask_photos = (await hub.press(member, ask_edit, "impl:ubah:foto"))[-1]
    for _ in range(3):
        [ask_photos] = await hub.process(hub.emu.photo(member, chat))
    summary = (await hub.press(member, ask_photos, "impl:foto"))[-1]
    assert "Foto: 3" in summary["text"]
    done = await hub.press(member, summary, "impl:ok")
    assert "dikirim ulang" in texts(done)
    album = hub.emu.calls_to("sendMediaGroup", hub.desk.id)[-1]
    assert len(album.params["media"]) == 3
    new_card = hub.last(hub.desk)
    assert "perbaikan ke-1" in new_card["text"]
    assert "kirim foto panen" in new_card["text"]
    again = hub.last(group)
    assert again["message_id"] == group_card["message_id"]  # the same card, edited
    assert "menunggu verifikasi (perbaikan ke-1)" in again["text"]

    await hub.press(hub.admin, new_card, "implv:ok:1")
    await hub.outbox.wait_idle()
    assert set(buttons(hub.last(chat))) == {"bagi:tawar:1"}
    report = await hub.store.get_report(1)
    assert report is not None
    assert (report.status, report.revision, len(report.photos)) == (ReportStatus.VERIFIED, 1, 3)
    # The reporter's old "Perbaiki laporan" is over.
    old = hub.emu.press(member, notice, "impl:perbaiki:1")
    await hub.process(old)
    assert "tidak sedang menunggu perbaikan" in hub.answer_to(old)["text"]


async def test_only_admins_decide_and_a_reason_is_asked_again_when_unfit(hub: Hub) -> None:
    kim, card = await sent_report(hub)
    member = kim.members[1]
    press = hub.emu.press(member, card, "implv:ok:1")
    assert await hub.process(press) == []
    assert "hanya admin Diskominfo" in hub.answer_to(press)["text"]
    report = await hub.store.get_report(1)
    assert report is not None
    assert report.status == ReportStatus.PENDING
    await hub.press(hub.admin, card, "implv:perbaikan:1")
    sticker = hub.emu.photo(hub.admin, hub.desk, reply_to=hub.last(hub.desk))
    assert "5–300 karakter" in texts(await hub.process(sticker))
    assert "dibatalkan" in texts(await hub.say(hub.admin, hub.desk, "/batal")).lower()
    report = await hub.store.get_report(1)
    assert report is not None
    assert report.status == ReportStatus.PENDING


async def test_a_follow_up_missed_while_down_goes_out_once_on_return(
    start_hub: HubFactory,
) -> None:
    clock = Clock()
    async with start_hub(clock=clock) as hub:
        kim, card = await sent_report(hub)
        await hub.press(hub.admin, card, "implv:tl:1")
        await hub.press(hub.admin, hub.last(hub.desk), "implv:tl:1:1")
        await hub.outbox.wait_idle()
    group = kim.group
    clock.advance(timedelta(weeks=3))  # the bot was down when it fell due
    for _ in range(2):  # back, and restarted once more: sent once
        async with start_hub(clock=clock) as hub:
            await hub.outbox.wait_idle()
            reminders = [m for m in hub.emu.sent(group) if "perkembangannya" in m["text"]]
            assert len(reminders) == 1
