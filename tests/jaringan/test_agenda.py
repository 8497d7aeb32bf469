"""/agenda lists the upcoming events; Diskominfo admins and KIM admins add one; the KIMs it
concerns are reminded the day before at 08:00 WIB, once, whatever restarts happen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.emulator import Chat, User
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.implementasi.helpers import BIKA, Clock, kim_group

WIB = ZoneInfo("Asia/Pontianak")


def day_after(clock: Clock, days: int) -> date:
    """A local date some days after the clock's today."""
    return clock.now.astimezone(WIB).date() + timedelta(days=days)


async def add_event(hub: Hub, user: User, chat: Chat, judul: str, day: date,
                    *scope: str) -> list[dict[str, Any]]:  # fmt: skip
    """/agenda tambah, answered step by step; the replies to Simpan."""
    [ask] = await hub.say(user, chat, "/agenda tambah", reply=False)
    assert "Agenda baru" in ask["text"], ask
    [kinds] = await hub.say(user, chat, judul)
    await hub.press(user, kinds, "agd:jenis:pelatihan")
    await hub.say(user, chat, f"{day:%d/%m/%Y} 10.00")
    [scopes] = await hub.say(user, chat, "Balai Desa Nanga Embaloh")
    last = scopes
    for data in scope:
        last = (await hub.press(user, last, data))[-1]
    assert "Simpan?" in last["text"], last
    return await hub.press(user, last, "agd:simpan")


def reminders(hub: Hub, chat: Chat, judul: str) -> list[dict[str, Any]]:
    """The agenda reminders a chat received for one event."""
    return [m for m in hub.emu.sent(chat)
            if "Pengingat agenda" in m.get("text", "") and judul in m["text"]]  # fmt: skip


async def test_diskominfo_adds_an_event_the_kims_concerned_see_it(hub: Hub) -> None:
    bika = await kim_group(hub, "KIM Bika", BIKA)
    embaloh = await kim_group(hub, "KIM Embaloh")
    admin_chat = hub.emu.private_chat(hub.admin)
    day = date.today() + timedelta(days=5)
    saved = await add_event(hub, hub.admin, admin_chat, "Pelatihan jurnalistik warga", day,
                            "agd:untuk:kecamatan", f"agd:kec:{BIKA}")  # fmt: skip
    assert "tersimpan untuk KIM di Kec. Bika" in texts(saved)
    [listed] = await hub.say(bika.ketua, bika.group, "/agenda", reply=False)
    assert "Pelatihan jurnalistik warga" in listed["text"]
    assert "pukul 10.00 WIB" in listed["text"]
    assert "Balai Desa Nanga Embaloh" in listed["text"]
    [other] = await hub.say(embaloh.ketua, embaloh.group, "/agenda", reply=False)
    assert "Belum ada agenda" in other["text"]
    citizen = hub.emu.user("Ayu")
    [public] = await hub.say(citizen, hub.emu.private_chat(citizen), "/events")
    assert "Belum ada agenda" in public["text"]  # for one kecamatan, not for everyone
    [everything] = await hub.say(hub.admin, admin_chat, "/agenda")
    assert "Pelatihan jurnalistik warga" in everything["text"]


async def test_a_reminder_goes_out_once_across_restarts(start_hub: HubFactory) -> None:
    clock = Clock()
    async with start_hub(clock=clock) as hub:
        bika = await kim_group(hub, "KIM Bika", BIKA)
        embaloh = await kim_group(hub, "KIM Embaloh")
        chat = hub.emu.private_chat(hub.admin)
        await add_event(hub, hub.admin, chat, "Rapat KIM se-kabupaten", day_after(clock, 3),
                        "agd:untuk:semua")  # fmt: skip
        await add_event(hub, hub.admin, chat, "Kunjungan Diskominfo", day_after(clock, 4),
                        "agd:untuk:semua")  # fmt: skip
        assert hub.app.job_queue is not None
        [job] = hub.app.job_queue.get_jobs_by_name("broadcast:agenda:1")
        at_eight = datetime.combine(day_after(clock, 2), time(8, 0), tzinfo=WIB)
        assert job.next_t == at_eight
        clock.now = at_eight + timedelta(minutes=1)
        await job.run(hub.app)
        await job.run(hub.app)  # a second run finds it sent
        await hub.outbox.wait_idle()
        for kim in (bika, embaloh):
            [reminder] = reminders(hub, kim.group, "Rapat KIM se-kabupaten")
            assert "pukul 10.00 WIB" in reminder["text"]
    clock.advance(timedelta(days=1))  # the second event's reminder falls due while down
    async with start_hub(clock=clock) as hub:
        assert hub.app.job_queue is not None
        assert hub.app.job_queue.get_jobs_by_name("broadcast:agenda:1") == ()
        await hub.outbox.wait_idle()
        for kim in (bika, embaloh):
            assert len(reminders(hub, kim.group, "Rapat KIM se-kabupaten")) == 1
            assert len(reminders(hub, kim.group, "Kunjungan Diskominfo")) == 1  # sent on return
    async with start_hub(clock=clock) as hub:  # and once more: nothing is repeated
        await hub.outbox.wait_idle()
        for kim in (bika, embaloh):
            assert len(reminders(hub, kim.group, "Kunjungan Diskominfo")) == 1


async def test_a_reminder_for_an_event_begun_while_down_is_given_up(
    start_hub: HubFactory,
) -> None:
    clock = Clock()
    async with start_hub(clock=clock) as hub:
        bika = await kim_group(hub, "KIM Bika", BIKA)
        chat = hub.emu.private_chat(hub.admin)
        await add_event(hub, hub.admin, chat, "Rapat KIM se-kabupaten", day_after(clock, 3),
                        "agd:untuk:semua")  # fmt: skip
    clock.advance(timedelta(days=5))
    async with start_hub(clock=clock) as hub:
        await hub.outbox.wait_idle()
        assert reminders(hub, bika.group, "Rapat KIM se-kabupaten") == []
        agenda = await hub.store.get_agenda(1)
        assert agenda is not None
        assert agenda.reminded_at is not None


async def test_a_kim_admin_adds_an_event_for_their_kim(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    other = await kim_group(hub, "KIM Hulu")  # the same kecamatan
    day = date.today() + timedelta(days=2)
    saved = await add_event(hub, kim.ketua, kim.group, "Rapat bulanan KIM Embaloh", day,
                            "agd:untuk:kim")  # fmt: skip
    assert "tersimpan untuk KIM Embaloh" in texts(saved)
    [own] = await hub.say(kim.members[1], kim.group, "/agenda", reply=False)
    assert "Rapat bulanan KIM Embaloh" in own["text"]
    [theirs] = await hub.say(other.ketua, other.group, "/agenda", reply=False)
    assert "Belum ada agenda" in theirs["text"]
    # In private, the KIM's group admin adds one for the kecamatan's KIMs.
    private = hub.emu.private_chat(kim.ketua)
    await add_event(hub, kim.ketua, private, "Belajar bersama sekecamatan", day,
                    "agd:untuk:kecamatan")  # fmt: skip
    [theirs] = await hub.say(other.ketua, other.group, "/agenda", reply=False)
    assert "Belajar bersama sekecamatan" in theirs["text"]
    assert "dari KIM Embaloh" in theirs["text"]


async def test_an_event_tomorrow_after_eight_is_reminded_at_once_to_its_kim_only(
    start_hub: HubFactory,
) -> None:
    clock = Clock()
    # 09:00 WIB today: tomorrow's reminder time (08:00 today) has passed.
    clock.now = datetime.combine(day_after(clock, 0), time(9, 0), tzinfo=WIB)
    async with start_hub(clock=clock) as hub:
        kim = await kim_group(hub, "KIM Embaloh")
        other = await kim_group(hub, "KIM Hulu")
        saved = await add_event(hub, kim.ketua, kim.group, "Rapat bulanan KIM Embaloh",
                                day_after(clock, 1), "agd:untuk:kim")  # fmt: skip
        assert "pengingat dikirim sekarang" in texts(saved)
        await hub.outbox.wait_idle()
        assert len(reminders(hub, kim.group, "Rapat bulanan KIM Embaloh")) == 1
        assert reminders(hub, other.group, "Rapat bulanan KIM Embaloh") == []
    async with start_hub(clock=clock) as hub:
        await hub.outbox.wait_idle()
        assert len(reminders(hub, kim.group, "Rapat bulanan KIM Embaloh")) == 1


async def test_a_diskominfo_visit_to_one_kim(hub: Hub) -> None:
    bika = await kim_group(hub, "KIM Bika", BIKA)
    neighbour = await kim_group(hub, "KIM Tetangga", BIKA)
    admin, chat = hub.admin, hub.emu.private_chat(hub.admin)
    await hub.say(admin, chat, "/agenda tambah")
    [kinds] = await hub.say(admin, chat, "Kunjungan pembinaan KIM")
    await hub.press(admin, kinds, "agd:jenis:kunjungan")
    await hub.say(admin, chat, f"{date.today() + timedelta(days=6):%d/%m/%Y} 13.30")
    [scopes] = await hub.say(admin, chat, "Sekretariat KIM Bika")
    kecamatan = (await hub.press(admin, scopes, "agd:untuk:kim"))[-1]
    empty = (await hub.press(admin, kecamatan, "agd:kec:61.06.04"))[-1]  # no KIM there yet
    assert "Belum ada KIM terverifikasi" in empty["text"]
    kims = (await hub.press(admin, empty, f"agd:kec:{BIKA}"))[-1]
    assert set(buttons(kims)) == {f"agd:kim:{bika.kim.id}", f"agd:kim:{neighbour.kim.id}",
                                  "agd:batal"}  # fmt: skip
    summary = (await hub.press(admin, kims, f"agd:kim:{bika.kim.id}"))[-1]
    assert "Untuk: KIM Bika · dari Diskominfo" in summary["text"]
    await hub.press(admin, summary, "agd:simpan")
    [listed] = await hub.say(bika.ketua, bika.group, "/agenda", reply=False)
    assert "Kunjungan pembinaan KIM (Kunjungan Diskominfo)" in listed["text"]
    assert "pukul 13.30 WIB" in listed["text"]
    [other] = await hub.say(neighbour.ketua, neighbour.group, "/agenda", reply=False)
    assert "Belum ada agenda" in other["text"]
